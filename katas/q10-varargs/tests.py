from varargs import DEFAULTS, call_with, settings, tag_line, total


def test_total_adds_any_number_of_arguments():
    got = total(1, 2, 3)
    assert got == 6, f"total(1, 2, 3) should be 6, got {got!r}"


def test_total_of_nothing_is_zero():
    got = total()
    assert got == 0, f"total() should be 0, got {got!r}"


def test_tag_line_joins_the_tags():
    got = tag_line("tea", "hot", "green")
    assert got == "tea: hot, green", f"expected 'tea: hot, green', got {got!r}"


def test_tag_line_without_tags_is_just_the_name():
    got = tag_line("tea")
    assert got == "tea", f"expected 'tea', got {got!r}"


def test_tag_line_takes_sep_by_keyword():
    got = tag_line("tea", "hot", "green", sep=" | ")
    assert got == "tea: hot | green", f"expected 'tea: hot | green', got {got!r}"


def test_tag_line_never_takes_a_tag_as_the_separator():
    got = tag_line("tea", "hot", "green")
    assert got == "tea: hot, green", (
        f"expected 'tea: hot, green', got {got!r}: a parameter before `*tags` is filled "
        "by position; put `sep` after `*tags` so it can only be given by keyword"
    )


def test_call_with_unpacks_the_arguments():
    def describe(a, b, *, loud=False):
        text = f"{a}-{b}"
        return text.upper() if loud else text

    got = call_with(describe, ["x", "y"], {"loud": True})
    assert got == "X-Y", (
        f"expected describe('x', 'y', loud=True) == 'X-Y', got {got!r}: pass the list's "
        "items and the dict's entries with `*` and `**`, not the list and dict themselves"
    )


def test_settings_overrides_the_defaults():
    got = settings(level=3)
    assert got == {"debug": False, "level": 3}, (
        f"expected {{'debug': False, 'level': 3}}, got {got}"
    )
    assert DEFAULTS == {"debug": False, "level": 1}, (
        f"DEFAULTS changed to {DEFAULTS}: updating the module's dict changes it for every "
        "later caller; merge into a new dict"
    )


def test_settings_calls_do_not_leak_into_each_other():
    settings(debug=True)
    got = settings()
    assert got == {"debug": False, "level": 1}, (
        f"settings() after settings(debug=True) gave {got}: the first call changed shared state"
    )
