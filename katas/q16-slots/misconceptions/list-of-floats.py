"""Wrong: a list holds pointers to separate float objects; it is not a compact block of numbers."""


def pack(values):
    return [float(value) for value in values]
