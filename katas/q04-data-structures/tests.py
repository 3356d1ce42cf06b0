from data_structures import common_tags, first_repeat, word_counts


def test_first_repeat_finds_the_first_item_seen_twice():
    got = first_repeat([3, 1, 4, 1, 5, 3])
    assert got == 1, f"first_repeat([3, 1, 4, 1, 5, 3]) should be 1, got {got!r}"


def test_first_repeat_without_repeats_is_none():
    got = first_repeat(["a", "b", "c"])
    assert got is None, f"no item repeats, so the answer is None, got {got!r}"


def test_first_repeat_handles_many_items():
    items = [*range(20_000), 19_999]
    got = first_repeat(items)
    assert got == 19_999, f"expected 19999, got {got!r}"


def test_word_counts_counts_each_word():
    got = word_counts("the cat the")
    assert got == {"the": 2, "cat": 1}, f"expected {{'the': 2, 'cat': 1}}, got {got}"


def test_word_counts_ignores_case_and_extra_spaces():
    got = word_counts("  Tea\ttea\nTEA  ")
    assert got == {"tea": 3}, f"expected {{'tea': 3}}, got {got}"


def test_common_tags_lists_each_shared_tag_once():
    got = common_tags(["x", "y", "y"], ["y", "z", "y"])
    assert got == ["y"], f"expected ['y'], got {got}"


def test_common_tags_are_sorted():
    got = common_tags(["c", "a", "b"], ["b", "c", "d", "a"])
    assert got == ["a", "b", "c"], f"expected ['a', 'b', 'c'], got {got}"
