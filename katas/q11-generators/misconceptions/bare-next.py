"""Wrong: a bare `next()` on an empty input leaks StopIteration, which becomes RuntimeError inside a generator."""


def low_high(values):
    iterator = iter(values)
    low = high = next(iterator)
    for value in iterator:
        low = min(low, value)
        high = max(high, value)
    return low, high
