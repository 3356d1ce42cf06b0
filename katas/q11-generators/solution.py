"""Generators kata: a reference solution."""


def parse_numbers(lines):
    """The int of every non-blank line, one at a time."""
    for line in lines:
        if line.strip():
            yield int(line)


def fibonacci():
    """0, 1, 1, 2, 3, 5, ... without end."""
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


def chunks(items, size):
    """Lists of `size` items; the last may be shorter."""
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


_NOTHING = object()


def low_high(values):
    """(smallest, largest), in one pass over `values`; ValueError when it is empty."""
    iterator = iter(values)
    # A bare next() would leak StopIteration, which turns into RuntimeError inside a
    # generator (PEP 479). Say what went wrong instead, as min() and max() do.
    low = high = next(iterator, _NOTHING)
    if low is _NOTHING:
        raise ValueError("low_high() of an empty iterable")
    for value in iterator:
        low = min(low, value)
        high = max(high, value)
    return low, high
