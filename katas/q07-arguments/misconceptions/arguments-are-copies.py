"""Wrong: a function gets the caller's own list, not a copy of it."""


def doubled(numbers):
    for index, number in enumerate(numbers):
        numbers[index] = number * 2
    return numbers
