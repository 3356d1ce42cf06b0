"""Wrong: a single list parameter is not `*args`; `total(1, 2, 3)` then gets three arguments it cannot take."""


def total(numbers=()):
    return sum(numbers)
