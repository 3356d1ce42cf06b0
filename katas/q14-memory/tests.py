import sys

from memory import growth_points, is_missing, same_value


class EqualsEverything:
    def __eq__(self, other):
        return True

    __hash__ = object.__hash__


def test_same_value_for_numbers_built_at_run_time():
    a, b = int("100000"), int("100000")
    assert same_value(a, b) is True, (
        "100000 and 100000 are equal, even as two objects: `is` compares identity, `==` "
        "compares values (small ints are cached, which is why `is` seems to work on them)"
    )


def test_same_value_for_strings_built_at_run_time():
    a = "".join(["hel", "lo", " world"])
    assert same_value(a, "hello world") is True, (
        "'hello world' built by join should equal the literal"
    )


def test_same_value_tells_different_values_apart():
    assert same_value(1, 2) is False, "1 and 2 are not the same value"


def test_is_missing_for_none():
    assert is_missing(None) is True, "None is missing"
    assert is_missing(0) is False, "0 is a value, not a missing one: falsy is not None"
    assert is_missing("") is False, "'' is a value, not a missing one: falsy is not None"


def test_is_missing_is_not_fooled_by_eq():
    assert is_missing(EqualsEverything()) is False, (
        "an object whose __eq__ always says True is still not None: `== None` asks the "
        "object's __eq__, `is None` asks for the one None object"
    )


def expected_growth(n):
    items, size, points = [], sys.getsizeof([]), []
    for number in range(n):
        items.append(number)
        if sys.getsizeof(items) > size:
            points.append(len(items))
            size = sys.getsizeof(items)
    return points


def test_growth_points_match_what_the_list_does():
    got = growth_points(100)
    expected = expected_growth(100)
    assert got == expected, f"expected {expected}, got {got}"


def test_the_list_grows_far_less_often_than_it_is_appended_to():
    got = growth_points(1000)
    assert 0 < len(got) < 100, (
        f"1000 appends, but the list grew {len(got)} times? A list over-allocates, so "
        "most appends reuse room it already has"
    )
