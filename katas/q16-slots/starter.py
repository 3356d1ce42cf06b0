"""Slots kata: see README.md."""


class Point:
    # TODO: every instance carries a __dict__ it does not need
    def __init__(self, x, y):
        self.x = x
        self.y = y


def pack(values):
    """The numbers as a compact array of doubles."""
    return list(values)  # TODO: one float object per number


def read_points(lines):
    """A Point for each 'x,y' line, one at a time."""
    # TODO: this builds every point before returning any
    return [Point(*map(float, line.split(","))) for line in lines]
