"""Slots kata: a reference solution."""

from array import array


class Point:
    __slots__ = ("x", "y")  # fixed attributes, no per-instance __dict__

    def __init__(self, x, y):
        self.x = x
        self.y = y


def pack(values):
    """The numbers as a compact array of doubles."""
    return array("d", values)  # 8 bytes per number, side by side


def read_points(lines):
    """A Point for each 'x,y' line, one at a time."""
    for line in lines:
        x, y = line.split(",")
        yield Point(float(x), float(y))
