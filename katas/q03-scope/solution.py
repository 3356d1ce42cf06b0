"""Scope kata: a reference solution."""


def make_counter(start=0):
    """Return a function that counts up from `start`, one per call."""
    count = start

    def step():
        nonlocal count  # rebind make_counter's `count`, not a new local
        count += 1
        return count

    return step


def describe(item, verbose=False):
    """`str(item)`, or its repr and type name when verbose."""
    if verbose:
        return f"{item!r} ({type(item).__name__})"
    return str(item)


def make_multipliers(n):
    """n functions; the one at index i multiplies by i."""
    # The default value is evaluated now, once per round, so each lambda keeps its own.
    return [lambda x, factor=factor: x * factor for factor in range(n)]
