"""Lambdas kata: a reference solution."""


def by_age(people):
    """(name, age) pairs sorted by age, then name."""
    return sorted(people, key=lambda person: (person[1], person[0]))


def longest(words):
    """The longest word; the first one on a tie."""
    return max(words, key=len)


def square(x):
    """x times x."""
    return x * x
