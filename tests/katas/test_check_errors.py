"""Broken learner code gets a clear sentence, never a traceback of the runner."""

from __future__ import annotations

import json

import pytest

from tests.katas.conftest import Learner, starter


@pytest.fixture
def opened(learner: Learner) -> Learner:
    """A workspace with the scope kata's starter (placed directly, to keep tests quick)."""
    learner.file("scope").parent.mkdir(parents=True)
    learner.write("scope", starter("scope"))
    return learner


def check_json(learner: Learner, *options: str) -> dict:
    result = learner.tutor("kata", "check", "scope", "--format", "json", *options)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    return json.loads(result.stdout)


def test_syntax_error_points_at_the_line(opened: Learner) -> None:
    opened.write("scope", "def make_counter(start=0)\n    return start\n")
    report = check_json(opened)
    assert report["status"] == "error"
    assert "Python cannot read your file" in report["problem"] and "line 1" in report["problem"]
    assert report["where"]["line"] == 1 and report["tests"] == []
    text = opened.tutor("kata", "check", "scope").stdout
    assert "def make_counter(start=0)" in text and "^" in text


def test_infinite_loop_in_a_test_is_stopped(opened: Learner) -> None:
    opened.write(
        "scope",
        "def make_counter(start=0):\n    while True:\n        pass\n\n"
        "def describe(item, verbose=False):\n    return str(item)\n\n"
        "def make_multipliers(n):\n    return []\n",
    )
    report = check_json(opened, "--timeout", "2")
    assert report["status"] == "error"
    # Each stuck test is stopped on its own; the others still run.
    assert report["problem"].startswith("Stopped `test_counter_counts_up_from_zero` after 2 s.")
    stuck, *_ = [test for test in report["tests"] if test["status"] == "error"]
    assert "did not finish within 2 s" in stuck["message"] and "infinite loop" in stuck["message"]


def test_infinite_loop_at_import(opened: Learner) -> None:
    opened.write("scope", "while True:\n    pass\n")
    report = check_json(opened, "--timeout", "2")
    assert "Running your file did not finish within 2 s" in report["problem"]


def test_crash_at_import_names_the_line(opened: Learner) -> None:
    opened.write("scope", "import math\n\nvalue = math.sqrt(-1)\n")
    report = check_json(opened)
    assert report["status"] == "error"
    assert report["problem"] == "Running your file failed: ValueError: math domain error"
    assert report["where"]["line"] == 3 and report["where"]["code"] == "value = math.sqrt(-1)"


def test_missing_function_is_named(opened: Learner) -> None:
    opened.write("scope", "def make_counter(start=0):\n    pass\n")
    report = check_json(opened)
    assert "The tests could not start" in report["problem"]
    assert "no longer defines" in report["problem"] and "describe" in report["problem"]


def test_process_exit_is_explained(opened: Learner) -> None:
    opened.write("scope", "import os\nos._exit(7)\n")
    report = check_json(opened)
    assert "stopped early with exit code 7" in report["problem"]


def test_sys_exit_inside_a_test_is_a_failed_test(opened: Learner) -> None:
    opened.write(
        "scope",
        "import sys\n\ndef make_counter(start=0):\n    sys.exit(1)\n\n"
        "def describe(item, verbose=False):\n    return str(item)\n\n"
        "def make_multipliers(n):\n    return []\n",
    )
    report = check_json(opened)
    assert report["status"] == "fail"
    messages = [test["message"] for test in report["tests"] if test["status"] == "error"]
    assert "your code called sys.exit(1); return a value instead" in messages


def test_memory_is_capped(opened: Learner) -> None:
    opened.write(
        "scope",
        "def make_counter(start=0):\n    hog = bytearray(2_000_000_000)\n    return hog\n\n"
        "def describe(item, verbose=False):\n    return str(item)\n\n"
        "def make_multipliers(n):\n    return []\n",
    )
    report = check_json(opened, "--memory", "256")
    messages = [test["message"] for test in report["tests"]]
    assert any("ran out of memory (a check may use 256 MB)" in message for message in messages)


def test_suppression_comments_do_not_count(opened: Learner) -> None:
    text = (opened.file("scope")).read_text(encoding="utf-8")
    opened.write("scope", text.replace("global verbose", "global verbose  # tutor: ignore"))
    report = check_json(opened)
    assert any(item["rule"] == "global-statement" for item in report["diagnostics"])
    assert any("not honoured in katas" in note for note in report["notes"])
