"""Data structures kata: see README.md."""


def first_repeat(items):
    """The first item seen a second time, or None."""
    seen = []
    for item in items:
        if item in seen:  # TODO: how long does this take when `seen` is long?
            return item
        seen.append(item)
    return None


def word_counts(text):
    """Each lower-cased word of `text`, mapped to how often it appears."""
    # TODO: count the words
    return {}


def common_tags(a, b):
    """The tags in both lists, each once, sorted."""
    # TODO: a tag repeated in `a` shows up more than once here
    return sorted(tag for tag in a if tag in b)
