"""Varargs kata: see README.md."""

DEFAULTS = {"debug": False, "level": 1}


def total(numbers):  # TODO: total(1, 2, 3) should work
    """The sum of all the arguments."""
    return sum(numbers)


def tag_line(name, tags, sep):  # TODO: any number of tags; sep by keyword only
    """'name: tag1, tag2', or 'name' without tags."""
    return f"{name}: {sep.join(tags)}"


def call_with(func, args, kwargs):
    """Call func with args as positional and kwargs as keyword arguments."""
    return func(args, kwargs)  # TODO: unpack


def settings(options):  # TODO: accept keyword arguments
    """DEFAULTS updated with the given keyword arguments."""
    return DEFAULTS
