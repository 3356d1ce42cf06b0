import itertools

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


def test_low_high_works_on_a_generator():
    got = low_high(n * n for n in [3, -4, 1])
    assert got == (1, 16), f"expected (1, 16), got {got}"
