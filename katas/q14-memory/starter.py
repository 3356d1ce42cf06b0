"""Memory kata: see README.md."""

import sys


def same_value(a, b):
    """True when a and b are equal."""
    return a is b  # TODO: same object, or same value?


def is_missing(value):
    """True when value is None."""
    return value == None  # TODO: who decides what == means?


def growth_points(n):
    """The lengths at which a list, appended to n times, grew in memory."""
    items = []
    size = sys.getsizeof(items)
    points = []
    # TODO: append n items one at a time and note len(items) whenever the size grows
    return points
