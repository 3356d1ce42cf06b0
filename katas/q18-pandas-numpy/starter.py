"""pandas and NumPy kata: see README.md."""

import numpy as np


def z_scores(values):
    """(value - mean) / std for every value, as a NumPy array."""
    mean = sum(values) / len(values)
    spread = (sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5
    return [(v - mean) / spread for v in values]  # TODO: a loop, and a list


def clipped(values, low, high):
    """values bounded to [low, high], as a NumPy array."""
    result = np.array(values, dtype=float)
    for index in range(len(result)):  # TODO: one vectorised call
        result[index] = min(result[index], high)
    return result


def mean_by_city(frame):
    """Mean temperature per city, sorted by city, rounded to 1 decimal."""
    # TODO: let pandas group the rows
    return None
