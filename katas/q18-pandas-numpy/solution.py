"""pandas and NumPy kata: a reference solution."""

import numpy as np


def z_scores(values):
    """(value - mean) / std for every value, as a NumPy array."""
    array = np.asarray(values, dtype=float)
    return (array - array.mean()) / array.std()  # whole-array arithmetic, no loop


def clipped(values, low, high):
    """values bounded to [low, high], as a NumPy array."""
    return np.clip(np.asarray(values, dtype=float), low, high)


def mean_by_city(frame):
    """Mean temperature per city, sorted by city, rounded to 1 decimal."""
    return frame.groupby("city")["temperature"].mean().sort_index().round(1)
