"""Wrong: `__slots__` saves nothing when a base class without `__slots__` already gives every instance a `__dict__`."""


class _Shape:
    pass


class Point(_Shape):
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y
