"""Arguments kata: a reference solution."""


def double_in_place(numbers):
    """Double every number in the caller's list; return None."""
    numbers[:] = [n * 2 for n in numbers]  # slice assignment changes the list itself


def doubled(numbers):
    """A new list of the doubled numbers; the caller's list is left alone."""
    return [n * 2 for n in numbers]


def renamed(person, name):
    """A (name, age) tuple like `person`, with the new name."""
    return (name, *person[1:])


def add_guest(name, guests=None):
    """Append `name` to `guests` (a new list when not given); return how many guests it holds."""
    if guests is None:  # `is None`: an empty list passed in is still the caller's list
        guests = []
    guests.append(name)
    return len(guests)  # it changed `guests` in place, so it does not also return it
