from mutability import record, unique_rows, with_item


def test_with_item_returns_the_longer_list():
    got = with_item([1, 2], 3)
    assert got == [1, 2, 3], f"with_item([1, 2], 3) should be [1, 2, 3], got {got}"


def test_with_item_leaves_the_callers_list_alone():
    """with item leaves the caller's list alone."""
    mine = [1, 2]
    got = with_item(mine, 3)
    assert mine == [1, 2], (
        f"the caller's list changed to {mine}: append mutates the list you were given; "
        "build a new list instead"
    )
    assert got is not mine, "with_item returned the caller's own list, not a new one"


def test_record_updates_the_dict_it_is_given():
    scores = {"ann": 1}
    got = record("ann", 2, scores)
    assert scores == {"ann": 3}, (
        f"record('ann', 2, {{'ann': 1}}) should leave {{'ann': 3}}, got {scores}"
    )
    assert got == 3, f"record should return ann's new total, 3, got {got!r}"


def test_record_updates_an_empty_dict_too():
    scores = {}
    record("ann", 2, scores)
    assert scores == {"ann": 2}, (
        f"the caller's empty dict is still {scores}: an empty dict is falsy, so "
        "`if not scores:` threw the caller's dict away; test `scores is None` instead"
    )


def test_record_starts_fresh_without_a_dict():
    first = record("ann", 3)
    second = record("ann", 1)
    assert (first, second) == (3, 1), (
        f"two calls without a dict returned {first} and {second}, not 3 and 1: the "
        "default dict is made once, when `def` runs, and every call shares it"
    )


def test_unique_rows_drops_repeats_in_order():
    got = unique_rows([[1, 2], [3], [1, 2], [3], [4]])
    assert got == [[1, 2], [3], [4]], f"expected [[1, 2], [3], [4]], got {got}"


def test_unique_rows_respects_order_and_repeats_inside_a_row():
    rows = [[1, 2], [2, 1], [1, 1, 2], [1, 2, 2]]
    got = unique_rows(rows)
    assert got == rows, (
        f"these four rows all differ, but got {got}: a set or frozenset of a row forgets "
        "the order and the repeats of its items; a tuple keeps both"
    )


def test_unique_rows_returns_the_rows_as_lists():
    got = unique_rows([[1, 2]])
    assert isinstance(got[0], list), f"the rows should stay lists, got {type(got[0]).__name__}"
