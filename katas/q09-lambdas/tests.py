from lambdas import by_age, longest, square


def test_by_age_sorts_youngest_first():
    got = by_age([("cy", 40), ("al", 25), ("bo", 31)])
    expected = [("al", 25), ("bo", 31), ("cy", 40)]
    assert got == expected, f"expected {expected}, got {got}"


def test_by_age_breaks_ties_by_name():
    got = by_age([("zoe", 30), ("amy", 30), ("kim", 20)])
    expected = [("kim", 20), ("amy", 30), ("zoe", 30)]
    assert got == expected, (
        f"expected {expected}, got {got}: a key of the age alone leaves equal ages in "
        "their input order (sorting is stable); the key can be a tuple"
    )


def test_longest_compares_lengths():
    got = longest(["pear", "fig", "banana", "kiwi"])
    assert got == "banana", (
        f"expected 'banana', got {got!r}: without a key, max compares the strings "
        "themselves, alphabetically"
    )


def test_longest_keeps_the_first_on_a_tie():
    got = longest(["abc", "xyz", "ab"])
    assert got == "abc", (
        f"expected 'abc' (the first of the longest), got {got!r}: a stable sort keeps ties "
        "in order, so the last of a sorted list is the last of the longest"
    )


def test_square_squares():
    assert square(7) == 49, f"square(7) should be 49, got {square(7)!r}"


def test_square_is_a_named_function():
    assert square.__name__ == "square", (
        f"square.__name__ is {square.__name__!r}: a lambda stored in a variable has no "
        "name of its own; define it with def"
    )
    assert square.__doc__, "give square a docstring"
