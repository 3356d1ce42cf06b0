"""Arguments kata: see README.md."""


def double_in_place(numbers):
    """Double every number in the caller's list; return None."""
    numbers = [n * 2 for n in numbers]  # TODO: does the caller see this?


def doubled(numbers):
    """A new list of the doubled numbers; the caller's list is left alone."""
    for index, number in enumerate(numbers):
        numbers[index] = number * 2  # TODO: whose list is this?
    return numbers


def renamed(person, name):
    """A (name, age) tuple like `person`, with the new name."""
    person[0] = name  # TODO: TypeError: 'tuple' object does not support item assignment
    return person


def add_guest(name, guests=[]):
    """Append `name` to `guests` (a new list when not given); return how many guests it holds."""
    guests.append(name)
    return len(guests)
