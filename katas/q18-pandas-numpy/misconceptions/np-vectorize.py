"""Wrong: `np.vectorize` is a convenience, not speed: it calls the Python function once per element."""

import numpy as np


def z_scores(values):
    array = np.asarray(values, dtype=float)
    mean, std = array.mean(), array.std()
    return np.vectorize(lambda value: (value - mean) / std)(array)
