import sys

import numpy as np
import pandas as pd
from pandas_numpy import clipped, mean_by_city, z_scores

ELEMENTS = 100_000


def python_steps(function, *args):
    """How many Python lines and calls run while `function(*args)` works, everywhere."""
    steps = 0

    def tracer(frame, event, arg):
        nonlocal steps
        steps += 1
        return tracer

    sys.settrace(tracer)
    try:
        function(*args)
    finally:
        sys.settrace(None)
    return steps


def test_z_scores_values():
    got = z_scores([2, 4, 4, 4, 5, 5, 7, 9])
    expected = [-1.5, -0.5, -0.5, -0.5, 0.0, 0.0, 1.0, 2.0]
    assert isinstance(got, np.ndarray), f"expected a NumPy array, got {type(got).__name__}"
    assert np.allclose(got, expected), (
        f"expected {expected}, got {list(got)}: the population standard deviation divides by "
        "n (NumPy's default, ddof=0); pandas' Series.std divides by n - 1"
    )


def test_clipped_bounds_both_ends():
    got = clipped([-5, 0, 5, 50], 0, 10)
    assert isinstance(got, np.ndarray), f"expected a NumPy array, got {type(got).__name__}"
    assert got.tolist() == [0, 0, 5, 10], f"expected [0, 0, 5, 10], got {got.tolist()}"


def test_numpy_functions_are_vectorised():
    values = np.linspace(-50.0, 50.0, ELEMENTS)
    for function, args in ((z_scores, (values,)), (clipped, (values, -10.0, 10.0))):
        steps = python_steps(function, *args)
        assert steps < ELEMENTS // 10, (
            f"{function.__name__} ran {steps:,} Python lines and calls for {ELEMENTS:,} "
            "numbers: it works element by element in Python (a loop, a comprehension, map "
            "with a lambda, np.vectorize); use whole-array operations"
        )


def test_mean_by_city():
    frame = pd.DataFrame(
        {"city": ["Rome", "Oslo", "Rome", "Oslo", "Lima"], "temperature": [20, 5, 24, 6, 18.25]}
    )
    got = mean_by_city(frame)
    assert isinstance(got, pd.Series), (
        f"expected a pandas Series, got {type(got).__name__}: select the temperature column "
        "after groupby, or you average every column into a DataFrame"
    )
    pairs = list(zip(got.index.tolist(), got.tolist(), strict=True))
    expected = [("Lima", 18.2), ("Oslo", 5.5), ("Rome", 22.0)]
    assert pairs == expected, f"expected {expected}, got {pairs}"
