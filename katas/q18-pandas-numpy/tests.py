import ast
import inspect

import numpy as np
import pandas as pd
from pandas_numpy import clipped, mean_by_city, z_scores

LOOPS = (ast.For, ast.While, ast.ListComp, ast.GeneratorExp, ast.SetComp, ast.DictComp)


def loops_in(function):
    tree = ast.parse(inspect.getsource(function))
    return [node for node in ast.walk(tree) if isinstance(node, LOOPS)]


def test_z_scores_values():
    got = z_scores([2, 4, 4, 4, 5, 5, 7, 9])
    expected = [-1.5, -0.5, -0.5, -0.5, 0.0, 0.0, 1.0, 2.0]
    assert isinstance(got, np.ndarray), f"expected a NumPy array, got {type(got).__name__}"
    assert np.allclose(got, expected), f"expected {expected}, got {list(got)}"


def test_clipped_bounds_both_ends():
    got = clipped([-5, 0, 5, 50], 0, 10)
    assert isinstance(got, np.ndarray), f"expected a NumPy array, got {type(got).__name__}"
    assert got.tolist() == [0, 0, 5, 10], f"expected [0, 0, 5, 10], got {got.tolist()}"


def test_numpy_functions_are_vectorised():
    for function in (z_scores, clipped):
        found = loops_in(function)
        assert not found, (
            f"{function.__name__} loops in Python ({ast.unparse(found[0]).splitlines()[0]}); "
            "use whole-array operations"
        )


def test_mean_by_city():
    frame = pd.DataFrame(
        {"city": ["Rome", "Oslo", "Rome", "Oslo", "Lima"], "temperature": [20, 5, 24, 6, 18.25]}
    )
    got = mean_by_city(frame)
    assert isinstance(got, pd.Series), f"expected a pandas Series, got {type(got).__name__}"
    pairs = list(zip(got.index.tolist(), got.tolist(), strict=True))
    expected = [("Lima", 18.2), ("Oslo", 5.5), ("Rome", 22.0)]
    assert pairs == expected, f"expected {expected}, got {pairs}"
