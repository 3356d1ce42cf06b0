"""Mutability kata: a reference solution."""


def with_item(items, item):
    """A new list: `items` followed by `item`. `items` is left alone."""
    return [*items, item]


def record(name, points, scores=None):
    """Add `points` to `name`'s total in `scores`; return `scores`."""
    if scores is None:
        scores = {}  # a fresh dict on every call that does not pass one
    scores[name] = scores.get(name, 0) + points
    return scores


def unique_rows(rows):
    """The rows without repeats, in first-seen order."""
    seen = set()
    unique = []
    for row in rows:
        key = tuple(row)  # immutable, so hashable
        if key not in seen:
            seen.add(key)
            unique.append(row)
    return unique
