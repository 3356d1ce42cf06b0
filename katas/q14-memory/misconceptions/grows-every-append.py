"""Wrong: a list does not grow by one slot per append; it over-allocates so most appends need no new memory."""


def growth_points(n):
    return list(range(1, n + 1))
