"""Wrong: changing the list in place and also returning it hides that the caller's list changed."""


def double_in_place(numbers):
    numbers[:] = [n * 2 for n in numbers]
    return numbers
