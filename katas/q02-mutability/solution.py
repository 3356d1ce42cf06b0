"""Mutability kata: a reference solution."""


def with_item(items, item):
    """A new list: `items` followed by `item`. `items` is left alone."""
    return [*items, item]


def record(name, points, scores=None):
    """Add `points` to `name`'s total in `scores`; return that new total."""
    if scores is None:  # `is None`, not falsiness: an empty dict is still the caller's dict
        scores = {}  # a fresh dict on every call that does not pass one
    scores[name] = scores.get(name, 0) + points
    return scores[name]


def unique_rows(rows):
    """The rows without repeats, in first-seen order."""
    seen = set()
    unique = []
    for row in rows:
        key = tuple(row)  # immutable and hashable, and it keeps order and repeats
        if key not in seen:
            seen.add(key)
            unique.append(row)
    return unique
