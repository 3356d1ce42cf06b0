from mutability import record, unique_rows, with_item


def test_with_item_returns_the_longer_list():
    got = with_item([1, 2], 3)
    assert got == [1, 2, 3], f"with_item([1, 2], 3) should be [1, 2, 3], got {got}"


def test_with_item_leaves_the_callers_list_alone():
    """with item leaves the caller's list alone."""
    mine = [1, 2]
    with_item(mine, 3)
    assert mine == [1, 2], f"the caller's list changed: it is now {mine}"


def test_record_updates_the_dict_it_is_given():
    scores = {"ann": 1}
    got = record("ann", 2, scores)
    assert scores == {"ann": 3}, (
        f"record('ann', 2, {{'ann': 1}}) should leave {{'ann': 3}}, got {scores}"
    )
    assert got is scores, "record should return the same dict it was given"


def test_record_starts_fresh_without_a_dict():
    first = record("ann", 3)
    second = record("bob", 1)
    assert first == {"ann": 3}, f"the first call should return {{'ann': 3}}, got {first}"
    assert second == {"bob": 1}, (
        f"a second call without scores should return {{'bob': 1}}, got {second}"
    )


def test_unique_rows_drops_repeats_in_order():
    got = unique_rows([[1, 2], [3], [1, 2], [3], [4]])
    assert got == [[1, 2], [3], [4]], f"expected [[1, 2], [3], [4]], got {got}"


def test_unique_rows_returns_the_rows_as_lists():
    got = unique_rows([[1, 2]])
    assert isinstance(got[0], list), f"the rows should stay lists, got {type(got[0]).__name__}"
