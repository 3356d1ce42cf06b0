import inspect

from scope import describe, make_counter, make_multipliers


def test_counter_counts_up_from_zero():
    step = make_counter()
    got = [step(), step(), step()]
    assert got == [1, 2, 3], f"three calls should return [1, 2, 3], got {got}"


def test_counter_can_start_elsewhere():
    step = make_counter(10)
    got = [step(), step()]
    assert got == [11, 12], f"make_counter(10) should count 11, 12, got {got}"


def test_counters_keep_separate_counts():
    first, second = make_counter(), make_counter()
    first()
    first()
    got = second()
    assert got == 1, (
        f"a new counter should start at 1, but it returned {got}: the counters share one "
        "count (a module global?); each closure needs its own enclosing variable"
    )


def test_describe_is_plain_by_default():
    got = describe(3)
    assert got == "3", f"describe(3) should be '3', got {got!r}"


def test_describe_takes_verbose_as_an_argument():
    parameters = inspect.signature(describe).parameters
    assert "verbose" in parameters, "describe should take a `verbose` parameter"
    got = describe("a", verbose=True)
    assert got == "'a' (str)", f"describe('a', verbose=True) should be \"'a' (str)\", got {got!r}"
    got = describe("a")
    assert got == "a", (
        f"a verbose call must not change the next one: describe('a') gave {got!r}; "
        "a setting kept in a module global leaks into every later call"
    )


def test_each_multiplier_keeps_its_own_factor():
    got = [multiply(10) for multiply in make_multipliers(3)]
    assert got == [0, 10, 20], (
        f"the multipliers applied to 10 should give [0, 10, 20], got {got}: each function "
        "looks `factor` up when it is called, after the loop ended (late binding); bind "
        "the value when the function is made"
    )
