"""Wrong: the last of a stable sort by length is the last of the longest words, not the first."""


def longest(words):
    return sorted(words, key=len)[-1]
