"""Wrong: `== None` asks the object, and an `__eq__` may say yes; there is one None, so ask `is None`."""


def is_missing(value):
    return value == None
