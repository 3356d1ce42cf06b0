import itertools
import weakref

from generators import chunks, fibonacci, low_high, parse_numbers


def stream_that_must_not_end():
    yield "1"
    yield ""
    yield "2"
    raise AssertionError(
        "parse_numbers read the whole stream before handing out the first numbers; "
        "it should yield each number as soon as it has it"
    )


def test_parse_numbers_skips_blank_lines():
    got = list(parse_numbers(["3", " ", "14", "", "15"]))
    assert got == [3, 14, 15], f"expected [3, 14, 15], got {got}"


def test_parse_numbers_is_lazy():
    numbers = parse_numbers(stream_that_must_not_end())
    got = [next(numbers), next(numbers)]
    assert got == [1, 2], f"the first two numbers should be [1, 2], got {got}"


def test_fibonacci_starts_right():
    got = list(itertools.islice(fibonacci(), 8))
    assert got == [0, 1, 1, 2, 3, 5, 8, 13], f"expected [0, 1, 1, 2, 3, 5, 8, 13], got {got}"


def test_fibonacci_goes_on():
    got = next(itertools.islice(fibonacci(), 90, None))
    assert got == 2880067194370816120, f"the 91st number should be 2880067194370816120, got {got}"


def test_chunks_splits_into_lists():
    got = list(chunks(range(5), 2))
    assert got == [[0, 1], [2, 3], [4]], f"expected [[0, 1], [2, 3], [4]], got {got}"


def test_chunks_of_nothing_is_nothing():
    got = list(chunks([], 3))
    assert got == [], f"expected [], got {got}"


def stream_of(count, error):
    """`count` items, then an AssertionError that says `error`: nothing may read further."""
    yield from range(count)
    raise AssertionError(error)


def test_chunks_works_on_a_generator():
    try:
        got = list(chunks((n for n in range(5)), 2))
    except TypeError as exc:
        raise AssertionError(
            f"chunks failed on a generator ({exc}): a generator has no len() and no "
            "slices; walk it with a for loop and collect the items"
        ) from None
    assert got == [[0, 1], [2, 3], [4]], f"expected [[0, 1], [2, 3], [4]], got {got}"


def test_chunks_is_lazy():
    stream = stream_of(
        4, "chunks read past the first chunk before handing it out: yield each chunk when full"
    )
    try:
        first = next(chunks(stream, 3))
    except TypeError as exc:
        raise AssertionError(f"chunks failed on a generator: {exc}") from None
    assert first == [0, 1, 2], f"the first chunk should be [0, 1, 2], got {first}"


def test_low_high_works_on_a_generator():
    try:
        got = low_high(n * n for n in [3, -4, 1])
    except ValueError as exc:
        raise AssertionError(
            f"low_high raised {exc!r} on a generator: the first pass (min) used it up, so "
            "the second pass (max) found it empty; a generator can be walked only once"
        ) from None
    assert got == (1, 16), f"expected (1, 16), got {got}"


class Reading:
    """A value that knows how many of its kind are alive at once."""

    alive = 0
    most_alive = 0

    def __init__(self, value):
        self.value = value
        Reading.alive += 1
        Reading.most_alive = max(Reading.most_alive, Reading.alive)
        weakref.finalize(self, Reading._gone)

    @staticmethod
    def _gone():
        Reading.alive -= 1

    def __lt__(self, other):
        return self.value < other.value

    def __gt__(self, other):
        return self.value > other.value


def test_low_high_keeps_only_what_it_needs():
    Reading.alive = Reading.most_alive = 0
    readings = (Reading((n * 7919) % 1000) for n in range(1000))
    low, high = low_high(readings)
    assert (low.value, high.value) == (0, 999), f"expected 0 and 999, got {low.value}, {high.value}"
    assert Reading.most_alive < 10, (
        f"low_high kept {Reading.most_alive} of 1,000 values in memory at once: `list(values)` "
        "(or sorted) stores the whole stream; one pass needs only the lowest and highest so far"
    )


def test_low_high_of_nothing_raises_value_error():
    def pairs():
        yield low_high(iter([]))

    try:
        next(pairs())
    except ValueError:
        return
    except RuntimeError as exc:
        raise AssertionError(
            f"low_high of an empty input leaked StopIteration, which a generator turns into "
            f"RuntimeError ({exc}); raise ValueError, as min() does"
        ) from None
    except StopIteration:
        raise AssertionError("low_high of an empty input leaked StopIteration") from None
    raise AssertionError("low_high of an empty input should raise ValueError")
