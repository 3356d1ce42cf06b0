"""Dict comprehension kata: a reference solution."""


def lengths(words):
    """Each word mapped to its length."""
    return {word: len(word) for word in words}


def affordable(prices, budget):
    """Only the items whose price is at most `budget`."""
    return {item: price for item, price in prices.items() if price <= budget}


def group_by_value(mapping):
    """Each value mapped to the sorted list of keys that had it."""
    # Several keys can share a value; a comprehension would keep only the last.
    groups = {}
    for key, value in mapping.items():
        groups.setdefault(value, []).append(key)
    return {value: sorted(keys) for value, keys in groups.items()}
