"""Lambdas kata: see README.md."""


def by_age(people):
    """(name, age) pairs sorted by age, then name."""
    return sorted(people)  # TODO: this sorts by name first


def longest(words):
    """The longest word; the first one on a tie."""
    return max(words)  # TODO: what does max compare here?


square = lambda x: x * x  # TODO: a named function deserves a def
