"""Wrong: `grid[:]` is a new outer list that holds the very same row lists."""


def clone_grid(grid):
    return grid[:]
