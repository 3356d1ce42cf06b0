"""The rest of issue 7's bad-input list (tests/cli/test_bad_input.py has the others).

Each case sits next to a good file with one pitfall, through the real `tutor`
command: the bad file gets one clear finding (or none when it is fine), the
exit code is right, and the good file is still checked.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from pitfall_tutor.cli.lint import Options, run_lint
from tests.conftest import run_tutor

PITFALL = "def add(item, bucket=[]):\n    return bucket\n"
PITFALL_RULE = "mutable-default-argument"


def lint_folder(folder: Path, *paths: str) -> tuple[int, dict[str, list[dict]], str]:
    """Exit code, findings by path, and stderr of `tutor lint --format json`."""
    result = run_tutor("lint", "--no-cache", "--format", "json", *(paths or (".",)), cwd=folder)
    assert "Traceback" not in result.stderr
    found: dict[str, list[dict]] = {}
    for diagnostic in json.loads(result.stdout)["diagnostics"]:
        found.setdefault(diagnostic["path"], []).append(diagnostic)
    return result.returncode, found, result.stderr


def rules_at(found: dict[str, list[dict]], path: str) -> list[tuple[str, int, int]]:
    return [(d["rule"], d["line"], d["column"]) for d in found.get(path, [])]


def with_good_file(folder: Path) -> Path:
    (folder / "good.py").write_text(PITFALL, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"# only a comment\n# and another\n",
        b"#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n",
    ],
    ids=["empty", "only-comments", "shebang-and-coding"],
)
def test_files_with_no_code_are_clean(tmp_path: Path, content: bytes) -> None:
    (with_good_file(tmp_path) / "bad.py").write_bytes(content)
    code, found, _ = lint_folder(tmp_path)
    assert code == 1  # the good file's pitfall
    assert "bad.py" not in found
    assert rules_at(found, "good.py") == [(PITFALL_RULE, 1, 22)]


@pytest.mark.parametrize(
    "content",
    [
        b"\xef\xbb\xbf" + PITFALL.encode(),
        PITFALL.replace("\n", "\r\n").encode(),
        b"\xef\xbb\xbf" + PITFALL.replace("\n", "\r\n").encode(),
        PITFALL.replace("\n", "\r").encode(),
    ],
    ids=["bom", "crlf", "bom-and-crlf", "old-mac-cr"],
)
def test_bom_and_line_endings_do_not_move_positions(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "bad.py").write_bytes(content)
    code, found, _ = lint_folder(tmp_path)
    assert code == 1
    assert rules_at(found, "bad.py") == [(PITFALL_RULE, 1, 22)]


def test_tabs_python_rejects_are_a_syntax_error(tmp_path: Path) -> None:
    # CPython cannot tell how wide the tab is against eight spaces: TabError.
    (with_good_file(tmp_path) / "bad.py").write_text(
        "def f(x):\n\tif x:\n        return 1\n", encoding="utf-8"
    )
    code, found, _ = lint_folder(tmp_path)
    assert code == 1
    [diagnostic] = found["bad.py"]
    assert diagnostic["rule"] == "syntax-error" and diagnostic["line"] == 3
    assert "indentation" in diagnostic["message"]
    assert rules_at(found, "good.py") == [(PITFALL_RULE, 1, 22)]


def test_tabs_and_spaces_python_accepts_are_linted(tmp_path: Path) -> None:
    # Every line of a block indented the same way: tabs in one, spaces in the other.
    source = "def f(x=[]):\n\treturn x\n\ndef g(y=[]):\n    return y\n"
    (tmp_path / "mixed.py").write_text(source, encoding="utf-8")
    code, found, _ = lint_folder(tmp_path)
    assert code == 1
    assert rules_at(found, "mixed.py") == [(PITFALL_RULE, 1, 9), (PITFALL_RULE, 4, 9)]


def test_ten_megabyte_file_is_checked(tmp_path: Path) -> None:
    text = "DATA = '''\n" + "lorem ipsum dolor sit amet, consectetur\n" * 260_000 + "'''\n"
    source = text + PITFALL
    assert len(source) > 10_000_000
    (with_good_file(tmp_path) / "huge.py").write_text(source, encoding="utf-8")
    code, found, _ = lint_folder(tmp_path)
    assert code == 1
    assert rules_at(found, "huge.py") == [(PITFALL_RULE, 260_003, 22)]
    assert rules_at(found, "good.py") == [(PITFALL_RULE, 1, 22)]


def test_python_312_syntax_is_linted(tmp_path: Path) -> None:
    source = (
        "type Pair[T] = tuple[T, T]\n"
        "\n"
        "def first[T](items: list[T], seen: list[T] = []) -> T:\n"
        "    name = 'x'\n"
        '    print(f"{f"{name!r}"}")\n'
        "    return items[0]\n"
    )
    (tmp_path / "new.py").write_text(source, encoding="utf-8")
    code, found, _ = lint_folder(tmp_path)
    assert code == 1
    assert rules_at(found, "new.py") == [(PITFALL_RULE, 3, 46)]


def test_match_and_walrus_are_linted(tmp_path: Path) -> None:
    source = (
        "def route(command, log=[]):\n"
        "    match command:\n"
        '        case {"go": [target, *rest]} if (n := len(rest)) > 1:\n'
        "            return target, n\n"
        "        case [x, y] | (x, y):\n"
        "            return x\n"
        "        case _:\n"
        "            return log\n"
        "\n"
        "while (chunk := input()):\n"
        "    match = chunk\n"
    )
    (tmp_path / "modern.py").write_text(source, encoding="utf-8")
    code, found, _ = lint_folder(tmp_path)
    assert code == 1
    assert rules_at(found, "modern.py") == [(PITFALL_RULE, 1, 24)]


def test_symlink_loop_between_two_folders(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "to_b").symlink_to(tmp_path / "b", target_is_directory=True)
    (tmp_path / "b" / "to_a").symlink_to(tmp_path / "a", target_is_directory=True)
    (tmp_path / "a" / "x.py").write_text(PITFALL, encoding="utf-8")
    (tmp_path / "b" / "y.py").write_text(PITFALL, encoding="utf-8")
    code, found, _ = lint_folder(tmp_path)
    assert code == 1
    assert sorted(found) == ["a/x.py", "b/y.py"]


def test_missing_path_is_exit_2_and_the_rest_is_checked(tmp_path: Path) -> None:
    with_good_file(tmp_path)
    code, found, stderr = lint_folder(tmp_path, "good.py", "nowhere.py")
    assert code == 2
    assert "nowhere.py: no such file or directory" in stderr
    assert rules_at(found, "good.py") == [(PITFALL_RULE, 1, 22)]


def test_file_gone_when_read_is_an_io_error(tmp_path: Path) -> None:
    # A dangling link is listed by the folder walk and gone when opened:
    # exactly what a file deleted between discovery and reading looks like.
    (with_good_file(tmp_path) / "gone.py").symlink_to(tmp_path / "deleted.py")
    code, found, _ = lint_folder(tmp_path)
    assert code == 1
    # Paths are shown resolved, so the finding names the link's missing target.
    [diagnostic] = found.get("gone.py", []) + found.get("deleted.py", [])
    assert diagnostic["rule"] == "io-error"
    assert "No such file or directory" in diagnostic["message"]
    assert rules_at(found, "good.py") == [(PITFALL_RULE, 1, 22)]


def test_file_deleted_after_discovery_is_reported_and_the_rest_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With one job, files are read in order and `progress` runs after each one,
    # so deleting in it removes a file the walk already found, before it is read.
    for name in ("a.py", "b.py", "c.py"):
        (tmp_path / name).write_text(PITFALL, encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    def delete_b(done: int, total: int) -> None:
        if done == 1:
            (tmp_path / "b.py").unlink()

    run = run_lint(["."], Options(jobs=1, no_cache=True), progress=delete_b)
    found = {checked.result.path: checked.result.findings for checked in run.checked}
    assert sorted(found) == ["a.py", "b.py", "c.py"]
    [gone] = found["b.py"]
    assert gone.rule == "io-error" and "No such file" in gone.message
    assert [f.rule for f in found["a.py"]] == [PITFALL_RULE]
    assert [f.rule for f in found["c.py"]] == [PITFALL_RULE]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_in_a_folder_is_skipped_not_waited_on(tmp_path: Path) -> None:
    # Opening a FIFO that nobody writes blocks forever; the walk must not try.
    os.mkfifo(tmp_path / "pipe.py")
    with_good_file(tmp_path)
    try:
        code, found, _ = lint_folder(tmp_path)
    except subprocess.TimeoutExpired:
        pytest.fail("tutor lint hung on a named pipe")
    assert code == 1
    assert sorted(found) == ["good.py"]
