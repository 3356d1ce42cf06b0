"""Wrong: `guests or []` swaps the caller's empty list for a new one, because an empty list is falsy."""


def add_guest(name, guests=None):
    guests = guests or []
    guests.append(name)
    return len(guests)
