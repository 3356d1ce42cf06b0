"""Wrong: a `[]` default is made once, when `def` runs, and every call that omits it shares it."""


def add_guest(name, guests=[]):
    guests.append(name)
    return len(guests)
