import gc
import tracemalloc
import warnings

from files import count_matching, longest_line, read_damaged

MEGABYTE = 1024 * 1024


def strictly(function, *args):
    """Call `function`, failing on an implicit encoding or a file left for the collector."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        warnings.simplefilter("always", EncodingWarning)
        result = function(*args)
        gc.collect()  # run finalizers now, so a file nobody closed is reported here
    for warning in caught:
        if warning.category is ResourceWarning:
            raise AssertionError(
                f"{function.__name__} left a file open for the garbage collector to close "
                f"({warning.message}); when that happens is not guaranteed: use `with open(...)`"
            )
        if warning.category.__name__ == "EncodingWarning":
            raise AssertionError(
                f"{function.__name__} opened a file without an encoding ({warning.message}): "
                "the default depends on the machine's locale (UTF-8 only from Python 3.15, "
                "PEP 686); say encoding='utf-8'"
            )
    return result


def test_count_matching_counts_lines_ignoring_case(tmp_path):
    path = tmp_path / "log.txt"
    path.write_text("Café opened\nno match\nCAFÉ closed\ncafé\n", encoding="utf-8")
    got = strictly(count_matching, path, "café")
    assert got == 3, f"3 lines mention 'café' (in any case), got {got!r}"


def test_longest_line_drops_the_line_ending(tmp_path):
    path = tmp_path / "poem.txt"
    path.write_text("short\nthe longest line\nmid line\nthe other line!\n", encoding="utf-8")
    got = strictly(longest_line, path)
    assert got == "the longest line", f"expected 'the longest line', got {got!r}"


def test_longest_line_of_an_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")
    got = strictly(longest_line, path)
    assert got == "", f"an empty file's longest line is '', got {got!r}"


def test_read_damaged_replaces_broken_bytes(tmp_path):
    path = tmp_path / "damaged.txt"
    path.write_bytes("naïve ".encode() + b"\xff\xfe" + b"end")
    try:
        got = strictly(read_damaged, path)
    except UnicodeDecodeError as exc:
        raise AssertionError(f"reading the damaged file failed: {exc}") from None
    assert got == "naïve \ufffd\ufffdend", (
        f"expected 'naïve \\ufffd\\ufffdend', got {got!r}: errors='replace' marks each broken "
        "byte; 'ignore' drops them silently, and latin-1 never fails but misreads UTF-8"
    )


def peak_megabytes(function, *args):
    tracemalloc.start()
    try:
        function(*args)
        return tracemalloc.get_traced_memory()[1] / MEGABYTE
    finally:
        tracemalloc.stop()


def test_files_are_read_line_by_line(tmp_path):
    path = tmp_path / "big.log"
    line = "2024-01-01 12:00:00 INFO a line of an ordinary log file, long enough\n"
    with open(path, "w", encoding="utf-8") as file:
        for _ in range(6 * MEGABYTE // len(line)):
            file.write(line)
    for function, args in ((count_matching, (path, "error")), (longest_line, (path,))):
        peak = peak_megabytes(function, *args)
        assert peak < 1, (
            f"{function.__name__} needed {peak:.1f} MB for a 6 MB file: it loaded the whole "
            "file (read(), readlines(), read_text()); loop over the file object, one line "
            "at a time"
        )
