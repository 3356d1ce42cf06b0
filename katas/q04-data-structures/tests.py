from data_structures import common_tags, first_repeat, word_counts


class Probe:
    """A hashable item that counts how often it is compared with `==`."""

    comparisons = 0

    def __init__(self, value):
        self.value = value

    def __hash__(self):
        return hash(self.value)

    def __eq__(self, other):
        Probe.comparisons += 1
        return isinstance(other, Probe) and self.value == other.value

    def __repr__(self):
        return f"Probe({self.value})"


def test_first_repeat_finds_the_first_item_seen_twice():
    got = first_repeat([3, 1, 4, 1, 5, 3])
    assert got == 1, f"first_repeat([3, 1, 4, 1, 5, 3]) should be 1, got {got!r}"


def test_first_repeat_without_repeats_is_none():
    got = first_repeat(["a", "b", "c"])
    assert got is None, f"no item repeats, so the answer is None, got {got!r}"


def test_first_repeat_looks_items_up_by_hash():
    items = [Probe(number) for number in range(2_000)] + [Probe(1_999)]
    Probe.comparisons = 0
    got = first_repeat(items)
    assert got == Probe(1_999), f"expected Probe(1999), got {got!r}"
    assert Probe.comparisons < 100, (
        f"finding one repeat among 2,000 items took {Probe.comparisons:,} comparisons: "
        "`in` on a list compares with every element in turn; a set finds it by its hash"
    )


def test_word_counts_counts_each_word():
    got = word_counts("the cat the")
    assert got == {"the": 2, "cat": 1}, f"expected {{'the': 2, 'cat': 1}}, got {got}"


def test_word_counts_ignores_case_and_extra_spaces():
    got = word_counts("  Tea\ttea\nTEA  ")
    assert got == {"tea": 3}, (
        f"expected {{'tea': 3}}, got {got}: split() without an argument splits on any "
        "run of whitespace; split(' ') splits on each single space"
    )


def test_common_tags_lists_each_shared_tag_once():
    got = common_tags(["x", "y", "y"], ["y", "z", "y"])
    assert got == ["y"], (
        f"expected ['y'], got {got}: filtering one list by the other keeps its repeats; "
        "a set intersection holds each tag once"
    )


def test_common_tags_are_sorted():
    got = common_tags(["c", "a", "b"], ["b", "c", "d", "a"])
    assert got == ["a", "b", "c"], f"expected ['a', 'b', 'c'], got {got}"
