"""Wrong: `len()` and slicing work on lists, not on generators, and they need the whole input first."""


def chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]
