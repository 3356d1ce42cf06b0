"""Wrong: `yield from [...]` makes it a generator function, but the list builds every Point up front."""


def read_points(lines):
    yield from [Point(*map(float, line.split(","))) for line in lines]
