from arguments import add_guest, double_in_place, doubled, renamed


def test_double_in_place_changes_the_callers_list():
    """double in place changes the caller's list."""
    numbers = [1, 2, 3]
    double_in_place(numbers)
    assert numbers == [2, 4, 6], f"the caller's list should now be [2, 4, 6], it is {numbers}"


def test_double_in_place_returns_none():
    got = double_in_place([1])
    assert got is None, (
        f"a function that changes its argument in place should return None, got {got!r}"
    )


def test_doubled_returns_a_new_list():
    got = doubled([1, 2, 3])
    assert got == [2, 4, 6], f"expected [2, 4, 6], got {got}"


def test_doubled_leaves_the_callers_list_alone():
    """doubled leaves the caller's list alone."""
    numbers = [1, 2, 3]
    doubled(numbers)
    assert numbers == [1, 2, 3], f"the caller's list changed to {numbers}"


def test_renamed_returns_a_new_tuple():
    person = ("ann", 36)
    got = renamed(person, "anna")
    assert got == ("anna", 36), f"expected ('anna', 36), got {got!r}"
    assert person == ("ann", 36), "the original tuple cannot change"


def test_add_guest_appends_to_the_given_list():
    guests = ["ann"]
    got = add_guest("bob", guests)
    assert got is guests and guests == ["ann", "bob"], f"expected ['ann', 'bob'], got {got}"


def test_add_guest_starts_a_new_list_each_call():
    first = add_guest("ann")
    second = add_guest("bob")
    assert second == ["bob"], f"the second call without a list should return ['bob'], got {second}"
    assert first == ["ann"], f"the first call's list changed to {first}"
