"""Run a kata's tests against some code, safely, in a child process.

The code is copied into a temporary folder with the tests and the harness
(katas/harness.py), so the learner's own file is never touched. The child
gets a wall-clock timeout, and on POSIX a memory cap and a CPU-time cap
(resource.setrlimit, set by the harness). On platforms without `resource`
(Windows) only the timeout applies, and the report says so. On POSIX the
child leads its own process group, which is killed afterwards, so processes
the learner's code started cannot outlive the check.

Whatever goes wrong (an infinite loop, a crash, a syntax error) comes back
as a sentence for the learner, never as a traceback of ours.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .catalogue import TESTS, Kata

DEFAULT_TIMEOUT = 10.0
DEFAULT_MEMORY_MB = 1024
HARNESS = Path(__file__).with_name("harness.py")
HARNESS_NAME = "_tutor_harness.py"
RESULTS_NAME = "_tutor_results.jsonl"
OUTPUT_NAME = "_tutor_output.txt"
POSIX = os.name == "posix"


@dataclass
class Where:
    """A place in the learner's file."""

    line: int
    function: str
    code: str

    def describe(self, file_name: str) -> str:
        place = f"{file_name}:{self.line}"
        if self.function and self.function != "<module>":
            place += f", in {self.function}()"
        return f"{place}: {self.code}" if self.code else place


@dataclass
class TestOutcome:
    name: str
    status: str  # pass, fail (an assertion of the tests) or error (an exception)
    message: str = ""
    where: Where | None = None
    output: str = ""

    @property
    def words(self) -> str:
        """`test_counters_are_independent` -> `counters are independent`."""
        return self.name.removeprefix("test_").replace("_", " ")


@dataclass
class RunOutcome:
    tests: list[TestOutcome] = field(default_factory=list)
    problem: str | None = None  # why the run did not finish normally, in plain words
    where: Where | None = None
    output: str = ""  # printed while importing, or by a crash
    memory_capped: bool | None = None  # None: the child never said


@dataclass(frozen=True)
class Limits:
    timeout: float = DEFAULT_TIMEOUT
    memory_mb: int = DEFAULT_MEMORY_MB


DEFAULT_LIMITS = Limits()


def run_tests(kata: Kata, code: bytes, limits: Limits = DEFAULT_LIMITS) -> RunOutcome:
    with tempfile.TemporaryDirectory(prefix="tutor-kata-") as temporary:
        folder = Path(temporary)
        (folder / kata.file_name).write_bytes(code)
        (folder / kata.tests_name).write_text(kata.text(TESTS), encoding="utf-8")
        (folder / HARNESS_NAME).write_text(HARNESS.read_text(encoding="utf-8"), encoding="utf-8")
        returncode, timed_out = _run_child(kata, folder, limits)
        events = _read_events(folder / RESULTS_NAME)
        output = _read_output(folder / OUTPUT_NAME)
        outcome = _interpret(events, returncode, timed_out, output, limits, kata)
        return _without_folder(outcome, folder)


def _run_child(kata: Kata, folder: Path, limits: Limits) -> tuple[int | None, bool]:
    cpu_seconds = int(limits.timeout) + 5
    command = [
        sys.executable,
        "-B",
        "-X",
        "warn_default_encoding",
        HARNESS_NAME,
        kata.module,
        kata.tests_name.removesuffix(".py"),
        RESULTS_NAME,
        str(limits.memory_mb),
        str(cpu_seconds),
    ]
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONUNBUFFERED": "1"}
    environment.pop("PYTHONSTARTUP", None)
    # Numeric libraries size per-thread buffers by core count, which a memory cap can
    # refuse on big machines; katas need no parallel BLAS.
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        environment.setdefault(variable, "1")
    with (folder / OUTPUT_NAME).open("wb") as output:
        child = subprocess.Popen(
            command,
            cwd=folder,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            env=environment,
            start_new_session=POSIX,
        )
        timed_out = False
        try:
            child.wait(timeout=limits.timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
        finally:
            _kill_group(child)
        child.wait()
    return (None if timed_out else child.returncode), timed_out


def _kill_group(child: subprocess.Popen[bytes]) -> None:
    """End the child and anything it started (its own process group on POSIX)."""
    if POSIX:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(child.pid, signal.SIGKILL)
    elif child.poll() is None:
        child.kill()


def _read_events(path: Path) -> list[dict[str, Any]]:
    events = []
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    for line in lines:
        try:
            event = json.loads(line)
        except ValueError:
            break  # cut off mid-line by a kill
        if isinstance(event, dict):
            events.append(event)
    return events


def _read_output(path: Path) -> str:
    """The end of what the child printed; only the end is read, however much it printed."""
    try:
        with path.open("rb") as handle:
            size = handle.seek(0, os.SEEK_END)
            handle.seek(max(0, size - 16_000))
            text = handle.read().decode("utf-8", errors="replace")
    except OSError:
        return ""
    return text if size <= 16_000 and len(text) <= 4000 else "...\n" + text[-4000:]


def _where(details: dict[str, Any]) -> Where | None:
    where = details.get("where")
    if not isinstance(where, dict):
        return None
    return Where(
        int(where.get("line") or 0), str(where.get("function", "")), str(where.get("code", ""))
    )


def _interpret(
    events: list[dict[str, Any]],
    returncode: int | None,
    timed_out: bool,
    output: str,
    limits: Limits,
    kata: Kata,
) -> RunOutcome:
    outcome = RunOutcome(output=output)
    running: str | None = None
    importing = False
    finished = False
    for event in events:
        kind = event.get("event")
        if kind == "start":
            outcome.memory_capped = bool(event.get("memory_capped"))
        elif kind == "importing":
            importing = True
        elif kind == "imported":
            importing = False
            outcome.output = str(event.get("output", ""))
        elif kind == "import-error":
            outcome.problem = f"Running your file failed: {event.get('message', '')}"
            outcome.where = _where(event)
            outcome.output = str(event.get("output", ""))
            return outcome
        elif kind == "tests-error":
            message = str(event.get("message", ""))
            if "cannot import name" in message:
                message = (
                    f"the tests use a name that {kata.file_name} no longer defines ({message})"
                )
            outcome.problem = f"The tests could not start: {message}"
            outcome.where = _where(event)
            return outcome
        elif kind == "begin":
            running = str(event.get("test"))
        elif kind == "result":
            running = None
            outcome.tests.append(
                TestOutcome(
                    str(event.get("test")),
                    str(event.get("status")),
                    str(event.get("message", "")),
                    _where(event),
                    str(event.get("output", "")),
                )
            )
        elif kind == "done":
            finished = True
    if finished:
        if not outcome.tests:
            outcome.problem = "The kata has no tests to run (this is a bug in the kata)."
        return outcome
    seconds = f"{limits.timeout:g} s"
    if timed_out:
        if running is not None:
            why = f"did not finish within {seconds}: is there an infinite loop, or a wait that never ends?"
            outcome.tests.append(TestOutcome(running, "error", why))
            outcome.problem = f"Stopped `{running}` after {seconds}."
        elif importing or not events:
            outcome.problem = (
                f"Running your file did not finish within {seconds}: is there an infinite "
                "loop, or a long computation, at the top level of the file?"
            )
        else:
            outcome.problem = f"The check did not finish within {seconds}."
        return outcome
    if not events and returncode == 0:  # the harness always reports first: its file is gone
        outcome.problem = (
            "Your code deleted the check's own files from its working folder, so it could "
            "not be graded. Only delete files your code created."
        )
        return outcome
    outcome.problem = _crash(returncode, limits)
    if running is not None:
        outcome.tests.append(
            TestOutcome(running, "error", "the test process died during this test")
        )
    return outcome


def _crash(returncode: int | None, limits: Limits) -> str:
    if returncode is not None and returncode < 0:
        number = -returncode
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        if name == "SIGXCPU":
            return "Your code used too much CPU time and was stopped."
        if name == "SIGKILL":
            return (
                "Your code was killed (SIGKILL), most likely for using too much memory "
                f"(a check may use {limits.memory_mb} MB)."
            )
        return f"Your code crashed the Python process ({name})."
    if returncode == 3:
        return "The test harness failed (a bug in pitfall-tutor); the output below says why."
    return (
        f"The test process stopped early with exit code {returncode}: did your code call "
        "os._exit(), or start something that ended the process?"
    )


def _without_folder(outcome: RunOutcome, folder: Path) -> RunOutcome:
    """Messages mention `scope.py`, not /tmp/tutor-kata-x1y2/scope.py."""
    prefixes = {str(folder) + os.sep, str(folder.resolve()) + os.sep}

    def clean(text: str) -> str:
        for prefix in prefixes:
            text = text.replace(prefix, "")
        return text

    for test in outcome.tests:
        test.message = clean(test.message)
        test.output = clean(test.output)
    if outcome.problem:
        outcome.problem = clean(outcome.problem)
    outcome.output = clean(outcome.output)
    return outcome
