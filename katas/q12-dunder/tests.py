from dunder import Money


def test_repr_rebuilds_the_object():
    text = repr(Money(150, "EUR"))
    assert text == "Money(150, 'EUR')", f"expected \"Money(150, 'EUR')\", got {text!r}"
    rebuilt = eval(text, {"Money": Money})
    assert rebuilt == Money(150, "EUR"), "eval(repr(money)) should give an equal Money"


def test_equal_amounts_are_equal():
    assert Money(5, "EUR") == Money(5, "EUR"), "Money(5, 'EUR') should equal Money(5, 'EUR')"
    assert Money(5, "EUR") != Money(5, "USD"), "different currencies should not be equal"


def test_comparing_with_other_types_is_false():
    try:
        same = Money(1) == 1
    except Exception as exc:
        raise AssertionError(
            f"Money(1) == 1 raised {type(exc).__name__}; __eq__ should return NotImplemented "
            "for other types"
        ) from None
    assert same is False, f"Money(1) == 1 should be False, got {same!r}"


class Anything:
    """Says it equals any Money: only reachable if Money returns NotImplemented."""

    def __eq__(self, other):
        return isinstance(other, Money) or NotImplemented

    __hash__ = None


def test_other_types_get_their_say():
    got = Money(1) == Anything()
    assert got is True, (
        "Money(1) == Anything() should ask Anything.__eq__ too, and be True: return "
        "NotImplemented for other types, not False, so Python tries the other side"
    )


def test_money_works_in_sets_and_as_keys():
    try:
        wallet = {Money(1, "EUR"), Money(1, "EUR"), Money(2, "EUR")}
    except TypeError as exc:
        raise AssertionError(
            f"Money cannot go in a set ({exc}): defining __eq__ sets __hash__ to None"
        ) from None
    assert len(wallet) == 2, (
        f"equal Money should count once in a set, got {len(wallet)} items: equal objects "
        "must have equal hashes; hash the fields __eq__ compares"
    )
    prices = {Money(3): "tea"}
    assert prices[Money(3)] == "tea", "an equal Money should find the same dict entry"


def test_adding_the_same_currency():
    got = Money(150, "EUR") + Money(50, "EUR")
    assert got == Money(200, "EUR"), f"expected Money(200, 'EUR'), got {got!r}"


def test_the_sum_keeps_the_currency():
    got = Money(150, "USD") + Money(50, "USD")
    assert got == Money(200, "USD"), (
        f"USD plus USD should be Money(200, 'USD'), got {got!r}: build the result with "
        "the operands' currency, not the default"
    )


def test_money_cannot_change():
    money = Money(5, "EUR")
    wallet = {money}
    try:
        money.cents = 7
    except AttributeError:
        return
    found = Money(7, "EUR") in wallet or money in wallet
    raise AssertionError(
        "money.cents = 7 was allowed: a hashable value must be immutable; after the change "
        f"the set can no longer find it (found: {found}); make Money frozen"
    )


def test_adding_different_currencies_raises_value_error():
    try:
        Money(1, "EUR") + Money(1, "USD")
    except ValueError:
        return
    except Exception as exc:
        raise AssertionError(f"expected ValueError, got {type(exc).__name__}: {exc}") from None
    raise AssertionError("adding EUR to USD should raise ValueError")


def test_adding_a_number_raises_type_error():
    try:
        Money(1) + 1
    except TypeError:
        return
    except Exception as exc:
        raise AssertionError(
            f"Money(1) + 1 raised {type(exc).__name__}; return NotImplemented from __add__ "
            "so that Python raises TypeError"
        ) from None
    raise AssertionError("Money(1) + 1 should raise TypeError")
