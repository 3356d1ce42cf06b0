"""Wrong: a key of the age alone leaves people of the same age in input order, not by name."""


def by_age(people):
    return sorted(people, key=lambda person: person[1])
