import ast
import inspect

from dict_comprehension import affordable, group_by_value, lengths


def uses_dict_comprehension(function):
    tree = ast.parse(inspect.getsource(function))
    return any(isinstance(node, ast.DictComp) for node in ast.walk(tree))


def test_lengths_maps_words_to_lengths():
    got = lengths(["a", "tea", "cake"])
    assert got == {"a": 1, "tea": 3, "cake": 4}, (
        f"expected {{'a': 1, 'tea': 3, 'cake': 4}}, got {got}"
    )


def test_lengths_is_a_dict_comprehension():
    assert uses_dict_comprehension(lengths), "write lengths() as a dict comprehension"


def test_affordable_keeps_what_fits_the_budget():
    got = affordable({"tea": 3, "cake": 5, "pie": 4}, 4)
    assert got == {"tea": 3, "pie": 4}, (
        f"expected {{'tea': 3, 'pie': 4}}, got {got}: an `if ... else` in the value keeps "
        "every key; a filter goes after the loop, with no else"
    )


def test_affordable_is_a_dict_comprehension():
    assert uses_dict_comprehension(affordable), "write affordable() as a dict comprehension"


def test_group_by_value_keeps_every_key():
    got = group_by_value({"a": 1, "b": 2, "c": 1})
    assert got == {1: ["a", "c"], 2: ["b"]}, (
        f"expected {{1: ['a', 'c'], 2: ['b']}}, got {got}: when two keys produce the same "
        "key in a comprehension, the last one silently wins"
    )


def test_group_by_value_gives_each_value_its_own_list():
    got = group_by_value({"a": 1, "b": 2})
    assert got == {1: ["a"], 2: ["b"]}, (
        f"expected {{1: ['a'], 2: ['b']}}, got {got}: `dict.fromkeys(keys, [])` puts one "
        "and the same list under every key"
    )


def test_group_by_value_sorts_the_keys():
    got = group_by_value({"z": 0, "m": 0, "a": 0})
    assert got == {0: ["a", "m", "z"]}, f"expected {{0: ['a', 'm', 'z']}}, got {got}"
