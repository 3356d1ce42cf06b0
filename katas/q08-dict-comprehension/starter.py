"""Dict comprehension kata: see README.md."""


def lengths(words):
    """Each word mapped to its length."""
    result = {}
    for word in words:  # TODO: one dict comprehension instead
        result[word] = 0
    return result


def affordable(prices, budget):
    """Only the items whose price is at most `budget`."""
    # TODO: a dict comprehension with a condition
    return dict(prices)


def group_by_value(mapping):
    """Each value mapped to the sorted list of keys that had it."""
    return {value: [key] for key, value in mapping.items()}  # TODO: repeated values?
