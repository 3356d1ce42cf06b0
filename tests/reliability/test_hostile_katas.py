"""Kata code is hostile: it must not hang, blow up, outlive or fool the check.

Each check runs in a helper process with a hard timeout and a memory cap of
its own, so a regression fails the test instead of hanging or eating the machine.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from tests.katas.conftest import solution, starter

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="containment is Linux-specific")

CHECK = """
import json, sys
from dataclasses import asdict
from pitfall_tutor.katas.catalogue import find_kata
from pitfall_tutor.katas.checking import check_code
from pitfall_tutor.katas.runner import Limits
kata = find_kata(sys.argv[1])
code = sys.stdin.buffer.read()
result = check_code(kata, code, kata.file_name, Limits(timeout=float(sys.argv[2]), memory_mb=int(sys.argv[3])))
print(json.dumps({
    "status": result.status,
    "problem": result.problem,
    "output": result.output,
    "where": asdict(result.where) if result.where else None,
    "tests": [asdict(test) for test in result.tests],
}))
"""


def _cap_helper() -> None:
    # The checking process itself (not the kata child) may use at most 2 GB.
    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))


def check(
    code: str, slug: str = "scope", timeout: float = 3, memory_mb: int = 512, within: float = 90
) -> dict[str, Any]:
    """Check `code` as the kata runner would; fail (not hang) if the check never ends."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHECK, slug, str(timeout), str(memory_mb)],
            input=code.encode(),
            capture_output=True,
            timeout=within,
            preexec_fn=_cap_helper,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"the check hung for more than {within} s")
    assert done.returncode == 0, done.stderr.decode()[-3000:]
    return dict(json.loads(done.stdout))


def passed(report: dict[str, Any]) -> bool:
    return report["status"] == "pass"


def faked(report: dict[str, Any]) -> bool:
    """The starter fails its tests; a report where they all pass was faked."""
    return bool(report["tests"]) and all(test["status"] == "pass" for test in report["tests"])


def with_prelude(prelude: str, body: str) -> str:
    return textwrap.dedent(prelude) + "\n" + body


# -- the checker trusts files in its working folder ------------------------------------


def test_a_fifo_in_place_of_the_results_file_does_not_hang_the_check() -> None:
    code = with_prelude(
        """
        import os
        for name in ("_tutor_results.jsonl", "_tutor_output.txt"):
            try:
                os.remove(name)
            except OSError:
                pass
            os.mkfifo(name)
        """,
        solution("scope"),
    )
    report = check(code, within=60)
    assert report["status"] in {"pass", "error"}


def test_a_link_to_dev_zero_in_place_of_the_results_does_not_read_without_end() -> None:
    code = with_prelude(
        """
        import os
        for name in ("_tutor_results.jsonl", "_tutor_output.txt"):
            try:
                os.remove(name)
            except OSError:
                pass
            os.symlink("/dev/zero", name)
        """,
        solution("scope"),
    )
    report = check(code, within=60)
    assert report["status"] in {"pass", "error"}


# -- containment covers the whole check --------------------------------------------------


def test_a_detached_grandchild_does_not_outlive_the_check(tmp_path: Path) -> None:
    marker = tmp_path / "written-after-the-check"
    code = with_prelude(
        f"""
        import os, time
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                time.sleep(4)
                open({str(marker)!r}, "w").write("still here")
            os._exit(0)
        """,
        solution("scope"),
    )
    report = check(code)
    assert passed(report)
    time.sleep(6)
    assert not marker.exists(), "a process started by kata code outlived the check"


def test_memory_is_capped_across_processes_not_per_process() -> None:
    # Six processes of 100 MB each stay under a 256 MB cap one by one, not together.
    # (Each also needs room under its own 256 MB address-space limit, which counts the
    # interpreter and any 64 MB malloc arena too: 200 MB blocks sometimes did not fit.)
    code = with_prelude(
        """
        import os, time
        for _ in range(6):
            if os.fork() == 0:
                block = b"x" * (100 * 1024 * 1024)  # touched, so resident
                time.sleep(60)
                os._exit(0)
        time.sleep(60)
        """,
        solution("scope"),
    )
    report = check(code, timeout=30, memory_mb=256)
    assert report["status"] == "error"
    assert "memory" in report["problem"].lower(), report["problem"]


def test_the_number_of_processes_is_capped() -> None:
    code = with_prelude(
        """
        import os, time
        for _ in range(200):
            if os.fork() == 0:
                time.sleep(30)
                os._exit(0)
        time.sleep(30)
        """,
        solution("scope"),
    )
    report = check(code, timeout=20)
    assert report["status"] == "error"
    assert "processes" in report["problem"]


# -- endless printing --------------------------------------------------------------------

NOISY_SCOPE = """
def make_counter(start=0):
    count = start

    def step():
        nonlocal count
        count += 1
        return count

    return step


def describe(item, verbose=False):
    for _ in range(300_000):
        print("spam spam spam spam spam spam spam spam spam spam")
    return str(item)  # wrong when verbose: that test fails, and shows what it printed


def make_multipliers(n):
    while True:
        print("more")
"""


def test_endless_printing_keeps_the_tail_and_the_other_tests_still_run() -> None:
    report = check(NOISY_SCOPE, timeout=8, memory_mb=256)
    assert "bug in pitfall-tutor" not in (report["problem"] or "")
    tests = {test["name"]: test for test in report["tests"]}
    assert tests["test_counter_counts_up_from_zero"]["status"] == "pass"
    assert tests["test_describe_is_plain_by_default"]["status"] == "pass"
    noisy = tests["test_describe_takes_verbose_as_an_argument"]["output"]
    assert "spam" in noisy and "too much output" in noisy and len(noisy) < 10_000
    stuck = tests["test_each_multiplier_keeps_its_own_factor"]
    assert stuck["status"] == "error" and "did not finish" in stuck["message"]


# -- faked passes --------------------------------------------------------------------------

TEST_NAMES = [
    "test_counter_counts_up_from_zero",
    "test_counter_can_start_elsewhere",
    "test_counters_keep_separate_counts",
    "test_describe_is_plain_by_default",
    "test_describe_takes_verbose_as_an_argument",
    "test_each_multiplier_keeps_its_own_factor",
]


def _fake_lines() -> str:
    events = [{"event": "start", "memory_capped": True}, {"event": "importing"}]
    events.append({"event": "imported", "output": ""})
    for name in TEST_NAMES:
        events += [
            {"event": "begin", "test": name},
            {"event": "result", "test": name, "status": "pass"},
        ]
    events.append({"event": "done"})
    return "".join(json.dumps(event) + "\n" for event in events)


def test_writing_the_results_file_does_not_fake_a_pass() -> None:
    code = with_prelude(
        f"""
        import os
        with open("_tutor_results.jsonl", "w") as out:
            out.write({_fake_lines()!r})
        os._exit(0)
        """,
        starter("scope"),
    )
    report = check(code)
    assert not passed(report) and not faked(report)
    assert report["status"] == "error"  # the file is never read: the process ended early


def test_writing_fake_results_to_every_open_pipe_does_not_fake_a_pass() -> None:
    code = with_prelude(
        f"""
        import os
        for name in os.listdir("/proc/self/fd"):
            try:
                os.write(int(name), {_fake_lines()!r}.encode())
            except OSError:
                pass
        os._exit(0)
        """,
        starter("scope"),
    )
    report = check(code)
    assert not passed(report) and not faked(report)
    assert "tampered" in report["problem"]


def test_patching_the_runners_run_test_does_not_fake_a_pass() -> None:
    code = with_prelude(
        """
        import __main__
        __main__.run_test = lambda function: (None, "")
        """,
        starter("scope"),
    )
    report = check(code)
    assert not passed(report) and not faked(report)
    assert "tampered" in (report["problem"] or "")


def test_rewriting_the_visible_test_file_does_not_fake_a_pass() -> None:
    code = with_prelude(
        f"""
        import glob
        for name in glob.glob("test_*.py"):
            with open(name, "w") as out:
                out.write("".join(f"def {{n}}():\\n    pass\\n" for n in {TEST_NAMES!r}))
        """,
        starter("scope"),
    )
    report = check(code)
    assert not passed(report) and not faked(report)
    assert [test["name"] for test in report["tests"]] == TEST_NAMES


def test_injecting_a_fake_test_module_does_not_fake_a_pass() -> None:
    code = with_prelude(
        f"""
        import sys, types
        fake = types.ModuleType("test_scope")
        for name in {TEST_NAMES!r}:
            exec(f"def {{name}}():\\n    pass", fake.__dict__)
        sys.modules["test_scope"] = fake
        """,
        starter("scope"),
    )
    report = check(code)
    assert not passed(report) and not faked(report)
    assert [test["name"] for test in report["tests"]] == TEST_NAMES


def test_the_real_solution_still_passes() -> None:
    assert passed(check(solution("scope")))


# -- the timeout says where the code was looping (#14) -------------------------------------

LOOPING = """\
def make_counter(start=0):
    while True:
        start = start + 0


def describe(item, verbose=False):
    return str(item)


def make_multipliers(n):
    return []
"""


def test_a_timeout_shows_the_learners_line_and_the_stack() -> None:
    report = check(LOOPING, timeout=2)
    stuck = next(test for test in report["tests"] if "did not finish" in test["message"])
    assert stuck["where"]["line"] in {2, 3}
    assert stuck["where"]["function"] == "make_counter"
    assert "scope.py" in stuck["message"] and "make_counter" in stuck["message"]
    assert "tests.py" in stuck["message"] or "test_scope.py" in stuck["message"]


def test_a_timeout_that_swallows_every_exception_still_shows_the_stack() -> None:
    code = LOOPING.replace(
        "    while True:\n        start = start + 0\n",
        "    while True:\n        try:\n            start = start + 0\n        except BaseException:\n"
        "            pass\n",
    )
    report = check(code, timeout=2)
    assert report["status"] == "error"
    text = json.dumps(report)
    assert "scope.py" in text and "make_counter" in text


def test_a_timeout_at_import_shows_the_line() -> None:
    report = check("x = 0\nwhile True:\n    x += 1\n", timeout=2)
    assert "did not finish" in report["problem"]
    assert report["where"] and report["where"]["line"] in {2, 3}


def test_no_kata_process_is_left_after_a_timeout(tmp_path: Path) -> None:
    marker = tmp_path / "written-after-the-timeout"
    code = with_prelude(
        f"""
        import os, time
        if os.fork() == 0:
            os.setsid()
            time.sleep(5)
            open({str(marker)!r}, "w").write("still here")
            os._exit(0)
        """,
        LOOPING,
    )
    check(code, timeout=1)
    time.sleep(6)
    assert not marker.exists()
