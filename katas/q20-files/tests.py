import ast
import inspect

from files import count_matching, longest_line, read_damaged


def calls_in(function):
    tree = ast.parse(inspect.getsource(function))
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)]


def test_count_matching_counts_lines_ignoring_case(tmp_path):
    path = tmp_path / "log.txt"
    path.write_text("Café opened\nno match\nCAFÉ closed\ncafé\n", encoding="utf-8")
    got = count_matching(path, "café")
    assert got == 3, f"3 lines mention 'café' (in any case), got {got!r}"


def test_longest_line_drops_the_line_ending(tmp_path):
    path = tmp_path / "poem.txt"
    path.write_text("short\nthe longest line\nmid line\nthe other line!\n", encoding="utf-8")
    got = longest_line(path)
    assert got == "the longest line", f"expected 'the longest line', got {got!r}"


def test_longest_line_of_an_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")
    got = longest_line(path)
    assert got == "", f"an empty file's longest line is '', got {got!r}"


def test_read_damaged_replaces_broken_bytes(tmp_path):
    path = tmp_path / "damaged.txt"
    path.write_bytes("naïve ".encode() + b"\xff\xfe" + b"end")
    try:
        got = read_damaged(path)
    except UnicodeDecodeError as exc:
        raise AssertionError(f"reading the damaged file failed: {exc}") from None
    assert got == "naïve \ufffd\ufffdend", f"expected 'naïve \\ufffd\\ufffdend', got {got!r}"


def test_files_are_read_line_by_line():
    for function in (count_matching, longest_line):
        for call in calls_in(function):
            name = getattr(call.func, "attr", None)
            assert name not in ("read", "readlines"), (
                f"{function.__name__} calls .{name}(), which loads the whole file into "
                "memory; loop over the file object instead"
            )
