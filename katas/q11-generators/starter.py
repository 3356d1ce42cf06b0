"""Generators kata: see README.md."""


def parse_numbers(lines):
    """The int of every non-blank line, one at a time."""
    numbers = []
    for line in lines:  # TODO: this reads every line before returning anything
        if line.strip():
            numbers.append(int(line))
    return numbers


def fibonacci():
    """0, 1, 1, 2, 3, 5, ... without end."""
    # TODO: an endless generator
    return iter([])


def chunks(items, size):
    """Lists of `size` items; the last may be shorter."""
    # TODO
    return iter([])


def low_high(values):
    """(smallest, largest), in one pass over `values`."""
    return min(values), max(values)  # TODO: what if values is a generator?
