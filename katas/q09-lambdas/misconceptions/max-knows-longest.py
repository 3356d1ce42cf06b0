"""Wrong: `max` without a key compares strings alphabetically, not by length."""


def longest(words):
    return max(words)
