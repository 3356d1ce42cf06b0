"""Wrong: a frozenset is hashable, but it forgets the order and the repeats of a row."""


def unique_rows(rows):
    seen = set()
    unique = []
    for row in rows:
        key = frozenset(row)
        if key not in seen:
            seen.add(key)
            unique.append(row)
    return unique
