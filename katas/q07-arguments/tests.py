from arguments import add_guest, double_in_place, doubled, renamed


def test_double_in_place_changes_the_callers_list():
    """double in place changes the caller's list."""
    numbers = [1, 2, 3]
    double_in_place(numbers)
    assert numbers == [2, 4, 6], (
        f"the caller's list should now be [2, 4, 6], it is {numbers}: assigning to the "
        "parameter only rebinds the local name; change the list itself"
    )


def test_double_in_place_returns_none():
    got = double_in_place([1])
    assert got is None, (
        f"a function that changes its argument in place should return None, got {got!r}: "
        "returning the same object invites `a = f(b)` and the belief that `b` is untouched"
    )


def test_doubled_returns_a_new_list():
    got = doubled([1, 2, 3])
    assert got == [2, 4, 6], f"expected [2, 4, 6], got {got}"


def test_doubled_leaves_the_callers_list_alone():
    """doubled leaves the caller's list alone."""
    numbers = [1, 2, 3]
    doubled(numbers)
    assert numbers == [1, 2, 3], (
        f"the caller's list changed to {numbers}: the function received the caller's own "
        "list, not a copy"
    )


def test_renamed_returns_a_new_tuple():
    person = ("ann", 36)
    got = renamed(person, "anna")
    assert got == ("anna", 36), f"expected ('anna', 36), got {got!r}"
    assert person == ("ann", 36), "the original tuple cannot change"


def test_add_guest_appends_to_the_given_list():
    guests = ["ann"]
    got = add_guest("bob", guests)
    assert guests == ["ann", "bob"], f"the caller's list should be ['ann', 'bob'], got {guests}"
    assert got == 2, f"add_guest should return how many guests the list holds (2), got {got!r}"


def test_add_guest_fills_an_empty_list_it_is_given():
    guests = []
    add_guest("ann", guests)
    assert guests == ["ann"], (
        f"the caller's empty list is still {guests}: `guests or []` (or `if not guests`) "
        "treats an empty list as missing and swaps in a new one; test `guests is None`"
    )


def test_add_guest_starts_a_new_list_each_call():
    first = add_guest("ann")
    second = add_guest("bob")
    assert (first, second) == (1, 1), (
        f"two calls without a list returned {first} and {second}, not 1 and 1: a `[]` "
        "default is made once, when `def` runs, and every call shares it"
    )
