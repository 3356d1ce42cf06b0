"""Varargs kata: a reference solution."""

DEFAULTS = {"debug": False, "level": 1}


def total(*numbers):
    """The sum of all the arguments."""
    return sum(numbers)  # numbers is a tuple, empty when there are none


def tag_line(name, *tags, sep=", "):
    """'name: tag1, tag2', or 'name' without tags."""
    return f"{name}: {sep.join(tags)}" if tags else name


def call_with(func, args, kwargs):
    """Call func with args as positional and kwargs as keyword arguments."""
    return func(*args, **kwargs)


def settings(**options):
    """DEFAULTS updated with the given keyword arguments."""
    return {**DEFAULTS, **options}
