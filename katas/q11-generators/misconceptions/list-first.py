"""Wrong: `list(values)` makes it work on a generator by storing the whole stream, throwing laziness away."""


def low_high(values):
    values = list(values)
    return min(values), max(values)
