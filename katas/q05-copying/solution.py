"""Copying kata: a reference solution."""

import copy


def merged(defaults, overrides):
    """A new dict: `defaults` updated with `overrides`."""
    return {**defaults, **overrides}


def clone_grid(grid):
    """A copy of a list of lists whose rows can change on their own."""
    return [row[:] for row in grid]  # one level deeper than grid[:], and cheaper than deepcopy


def snapshot(state):
    """A fully independent copy of nested dicts and lists."""
    return copy.deepcopy(state)
