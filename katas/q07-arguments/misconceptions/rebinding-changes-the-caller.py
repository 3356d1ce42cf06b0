"""Wrong: assigning to a parameter rebinds a local name; the caller's list is untouched."""


def double_in_place(numbers):
    numbers = [n * 2 for n in numbers]
