"""Scope kata: fix the three functions below (see README.md)."""

verbose = False


def make_counter(start=0):
    """Return a function that counts up from `start`, one per call."""
    count = start

    def step():
        count += 1  # TODO: this raises UnboundLocalError. Which `count` is this?
        return count

    return step


def set_verbose(flag):
    # TODO: module-level state switched by a global; pass the flag to describe instead.
    global verbose
    verbose = flag


def describe(item):
    """`str(item)`, or its repr and type name when verbose."""
    if verbose:
        return f"{item!r} ({type(item).__name__})"
    return str(item)


def make_multipliers(n):
    """n functions; the one at index i multiplies by i."""
    # TODO: every function here multiplies by n - 1. Why?
    return [lambda x: x * factor for factor in range(n)]
