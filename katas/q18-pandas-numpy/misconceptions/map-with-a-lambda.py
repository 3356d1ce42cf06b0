"""Wrong: `map` with a lambda is a Python loop in disguise: one Python call per element."""

import numpy as np


def clipped(values, low, high):
    return np.array(list(map(lambda value: min(max(value, low), high), values)), dtype=float)
