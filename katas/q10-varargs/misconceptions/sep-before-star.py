"""Wrong: a parameter before `*tags` is filled by position, so the first tag becomes the separator."""


def tag_line(name, sep=", ", *tags):
    return f"{name}: {sep.join(tags)}" if tags else name
