"""Wrong: a generator can be walked once; after `min` has used it up, `max` finds it empty."""


def low_high(values):
    return min(values), max(values)
