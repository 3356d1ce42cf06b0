"""Mutability kata: fix the three functions below (see instructions.md)."""


def with_item(items, item):
    """A new list: `items` followed by `item`. `items` is left alone."""
    items.append(item)  # TODO: whose list does this change?
    return items


def record(name, points, scores={}):
    """Add `points` to `name`'s total in `scores`; return that new total."""
    # TODO: call this twice without `scores` and compare the results.
    scores[name] = scores.get(name, 0) + points
    return scores[name]


def unique_rows(rows):
    """The rows without repeats, in first-seen order."""
    seen = set()
    unique = []
    for row in rows:
        if row not in seen:  # TODO: TypeError: unhashable type: 'list'
            seen.add(row)
            unique.append(row)
    return unique
