"""Memory kata: a reference solution."""

import sys


def same_value(a, b):
    """True when a and b are equal."""
    return a == b  # values, not identities


def is_missing(value):
    """True when value is None."""
    return value is None  # there is one None; ask for it by identity


def growth_points(n):
    """The lengths at which a list, appended to n times, grew in memory."""
    items = []
    size = sys.getsizeof(items)
    points = []
    for number in range(n):
        items.append(number)
        new_size = sys.getsizeof(items)
        if new_size > size:
            points.append(len(items))
            size = new_size
    return points
