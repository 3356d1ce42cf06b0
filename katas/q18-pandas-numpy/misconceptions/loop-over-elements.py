"""Wrong: a loop over an array's elements runs Python per number and gives up what NumPy is for."""

import numpy as np


def z_scores(values):
    array = np.asarray(values, dtype=float)
    mean, std = array.mean(), array.std()
    result = np.empty_like(array)
    for index in range(len(array)):
        result[index] = (array[index] - mean) / std
    return result
