"""Run a kata's tests against some code, safely, in a child process.

The code is copied into a temporary folder, so the learner's own file is
never touched, and the harness (katas/harness.py) runs there in a child
process. The kata's tests are the packaged ones, sent to the child on a pipe;
results come back on another pipe that we own, so nothing the learner's code
writes in its folder is ever read back. Results are checked against the
kata's own test names and count; anything else is reported as tampering.

Limits: each test (and the import of the learner's file) gets `timeout`
seconds; on POSIX a memory cap and a CPU-time cap per process
(resource.setrlimit, set by the harness); on Linux the check's whole process
tree is followed (katas/containment.py), capped in processes and in memory
together, and killed at the end, including processes that detached with
setsid(). On platforms without `resource` (Windows) only the timeout applies,
and the report says so. There is no filesystem or network sandbox: the
learner's code runs as the learner.

Whatever goes wrong (an infinite loop, a crash, a syntax error) comes back
as a sentence for the learner, never as a traceback of ours.
"""

from __future__ import annotations

import ast
import contextlib
import json
import math
import os
import re
import secrets
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import containment
from .catalogue import TESTS, Kata

DEFAULT_TIMEOUT = 10.0
MAX_TIMEOUT = 24 * 3600.0
DEFAULT_MEMORY_MB = 1024
DEFAULT_MAX_PROCESSES = 32
GRACE = 1.5  # after the child's own alarm, before we stop it ourselves
HARNESS = Path(__file__).with_name("harness.py")
HARNESS_NAME = "_tutor_harness.py"
RESULTS_LIMIT = 8 * 1024 * 1024
STACK_LIMIT = 64 * 1024
OUTPUT_LIMIT = 16_000
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
    stack: list[str] = field(default_factory=list)  # where it was, when it timed out

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
    stack: list[str] = field(default_factory=list)
    tampered: bool = False


@dataclass(frozen=True)
class Limits:
    timeout: float = DEFAULT_TIMEOUT
    memory_mb: int = DEFAULT_MEMORY_MB
    max_processes: int = DEFAULT_MAX_PROCESSES


DEFAULT_LIMITS = Limits()


def limits_problem(timeout: float, memory_mb: int) -> str | None:
    """Why these limits cannot be used, in the option's words; None when they can."""
    if not (math.isfinite(timeout) and 0 < timeout <= MAX_TIMEOUT):
        return f"--timeout must be a number of seconds above 0 and at most {MAX_TIMEOUT:g}"
    if not 0 < memory_mb <= 1024 * 1024:
        return "--memory must be a number of megabytes above 0"
    return None


def expected_tests(kata: Kata) -> list[str]:
    """The kata's own test names, in order, from the packaged tests."""
    names: dict[str, None] = {}
    for node in ast.parse(kata.text(TESTS)).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith(
            "test_"
        ):
            names.setdefault(node.name)
    return list(names)


def run_tests(kata: Kata, code: bytes, limits: Limits = DEFAULT_LIMITS) -> RunOutcome:
    expected = expected_tests(kata)
    with tempfile.TemporaryDirectory(prefix="tutor-kata-") as temporary:
        folder = Path(temporary)
        (folder / kata.file_name).write_bytes(code)
        # Only for worker processes that import the tests by name (spawn, forkserver):
        # the check itself runs the source it sends the child.
        (folder / kata.tests_name).write_text(kata.text(TESTS), encoding="utf-8")
        (folder / HARNESS_NAME).write_text(HARNESS.read_text(encoding="utf-8"), encoding="utf-8")
        child = _run_child(kata, folder, limits, expected)
        outcome = _interpret(child, limits, kata, expected, code)
        return _without_folder(outcome, folder)


@dataclass
class ChildRun:
    """What came back from the child, through pipes we own."""

    events: list[dict[str, Any]] = field(default_factory=list)
    tampered: str | None = None  # why we cannot trust the report
    returncode: int | None = None
    timed_out: bool = False  # our watchdog stopped it (the child's own alarm did not)
    exceeded: str | None = None  # "processes" or "memory", for the check as a whole
    stack: str = ""  # faulthandler's dump, when the child's alarm was swallowed
    output: str = ""  # the end of what the child printed outside our capture


class _Lines:
    """JSON lines from the results pipe; each must carry this check's token."""

    def __init__(self, token: str, run: ChildRun) -> None:
        self.token = token
        self.run = run
        self.pending = b""
        self.size = 0

    def feed(self, data: bytes) -> list[dict[str, Any]]:
        self.size += len(data)
        if self.size > RESULTS_LIMIT:
            self.run.tampered = self.run.tampered or "far more results than the kata has tests"
            return []
        *lines, self.pending = (self.pending + data).split(b"\n")
        fresh = []
        for line in lines:
            try:
                event = json.loads(line)
            except ValueError:
                event = None
            if not isinstance(event, dict) or event.get("token") != self.token:
                self.run.tampered = self.run.tampered or "a result line the check did not write"
                continue
            fresh.append(event)
        self.run.events.extend(fresh)
        return fresh


class _Tail:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.data = b""
        self.total = 0

    def feed(self, data: bytes) -> None:
        self.total += len(data)
        self.data = (self.data + data)[-self.limit :]


def _run_child(kata: Kata, folder: Path, limits: Limits, expected: list[str]) -> ChildRun:
    run = ChildRun()
    token = secrets.token_hex(16)
    budget = min(limits.timeout, MAX_TIMEOUT)
    cpu_seconds = int(budget * (len(expected) + 2)) + 5
    results_read, results_write = os.pipe()
    stack_read, stack_write = os.pipe()
    command = [
        sys.executable,
        "-B",
        "-X",
        "warn_default_encoding",
        HARNESS_NAME,
        kata.module,
        str(limits.memory_mb),
        str(cpu_seconds),
        repr(budget),
        str(results_write),
        str(stack_write),
    ]
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONUNBUFFERED": "1"}
    environment.pop("PYTHONSTARTUP", None)
    environment[containment.MARKER] = token
    # Numeric libraries size per-thread buffers by core count, which a memory cap can
    # refuse on big machines; katas need no parallel BLAS.
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        environment.setdefault(variable, "1")
    watching = containment.proc_available()
    known = containment.our_children() if watching else set()
    if watching:
        containment.become_subreaper()
    try:
        child = subprocess.Popen(
            command,
            cwd=folder,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=environment,
            start_new_session=POSIX,
            pass_fds=(results_write, stack_write),
        )
    finally:
        os.close(results_write)
        os.close(stack_write)
    tree = containment.Tree(child.pid, token, known)
    assert child.stdin is not None and child.stdout is not None
    setup = {"token": token, "tests_name": kata.tests_name.removesuffix(".py")}
    setup["tests_source"] = kata.text(TESTS)
    with contextlib.suppress(OSError):
        child.stdin.write(json.dumps(setup).encode())
    with contextlib.suppress(OSError):
        child.stdin.close()
    lines, stack, printed = _Lines(token, run), _Tail(STACK_LIMIT), _Tail(OUTPUT_LIMIT)
    sinks: dict[int, Any] = {results_read: lines, stack_read: stack, child.stdout.fileno(): printed}
    selector = selectors.DefaultSelector()
    for fd in sinks:
        os.set_blocking(fd, False)
        selector.register(fd, selectors.EVENT_READ)
    deadline = time.monotonic() + budget + GRACE
    next_look = 0.0
    try:
        while True:
            for key, _ in selector.select(timeout=0.05):
                data = _read(key.fd)
                if data is None:
                    continue
                if not data:
                    selector.unregister(key.fd)
                    continue
                fresh = sinks[key.fd].feed(data)
                if key.fd == results_read and any(
                    event.get("event") in {"begin", "importing", "result"} for event in fresh
                ):
                    deadline = time.monotonic() + budget + GRACE
            if child.poll() is not None or run.tampered:
                break
            now = time.monotonic()
            if now > deadline:
                run.timed_out = True
                break
            if watching and now >= next_look:
                next_look = now + 0.05
                usage = tree.usage()
                if usage.processes > limits.max_processes:
                    run.exceeded = "processes"
                    break
                if usage.memory_bytes > limits.memory_mb * 1024 * 1024:
                    run.exceeded = "memory"
                    break
    finally:
        tree.kill()
        child.wait()
        for fd, sink in sinks.items():
            for _ in range(64):  # what is already in the pipe, but no more
                data = _read(fd)
                if not data:
                    break
                sink.feed(data)
        selector.close()
        os.close(results_read)
        os.close(stack_read)
        child.stdout.close()
    run.returncode = None if run.timed_out else child.returncode
    run.stack = stack.data.decode("utf-8", errors="replace")
    text = printed.data.decode("utf-8", errors="replace")
    run.output = text if printed.total <= 4000 and len(text) <= 4000 else "...\n" + text[-4000:]
    return run


def _read(fd: int) -> bytes | None:
    """Bytes, or b"" at the end of the pipe, or None when nothing is there yet."""
    try:
        return os.read(fd, 65536)
    except BlockingIOError:
        return None
    except OSError:
        return b""


def _where(details: dict[str, Any]) -> Where | None:
    where = details.get("where")
    if not isinstance(where, dict):
        return None
    return Where(
        int(where.get("line") or 0), str(where.get("function", "")), str(where.get("code", ""))
    )


TAMPERED = (
    "Your code tampered with the check ({why}), so it cannot be graded. The check runs the "
    "kata's own tests; leave the check's files, pipes and functions alone."
)
FRAME = re.compile(r'File "(?P<file>[^"]+)", line (?P<line>\d+) in (?P<function>\S+)')


def _timed_out_message(seconds: str, where: Where | None, stack: list[str], file: str) -> str:
    text = f"did not finish within {seconds}: is there an infinite loop, or a wait that never ends?"
    if where is not None:
        text += f"\nIt was running {where.describe(file)}"
    if stack:
        text += "\nStack at the timeout (most recent call last):\n" + "\n".join(
            f"  {line}" for line in stack
        )
    return text


def _dumped_stack(dump: str, kata: Kata, code: bytes) -> tuple[Where | None, list[str]]:
    """The main thread's frames in the learner's file and the tests, from faulthandler."""
    source = code.decode("utf-8", errors="replace").splitlines()
    tests = kata.text(TESTS).splitlines()
    wanted = {kata.file_name: source, kata.tests_name: tests}
    blocks = [block for block in dump.split("\n\n") if "most recent call first" in block]
    main = next(
        (block for block in blocks if "Current thread" in block), blocks[0] if blocks else ""
    )
    frames: list[tuple[str, int, str]] = []
    for match in FRAME.finditer(main):
        name = Path(match["file"]).name
        if name in wanted:
            frames.append((name, int(match["line"]), match["function"]))
    frames.reverse()  # most recent call last, like a traceback
    lines, where = [], None
    for name, number, function in frames:
        text = wanted[name][number - 1].strip() if 0 < number <= len(wanted[name]) else ""
        lines.append(f"{name}:{number}, in {function}: {text}")
        if name == kata.file_name:
            where = Where(number, function, text)
    return where, lines


def _interpret(
    child: ChildRun, limits: Limits, kata: Kata, expected: list[str], code: bytes
) -> RunOutcome:
    outcome = RunOutcome(output=child.output)
    seconds = f"{limits.timeout:g} s"
    running: str | None = None
    importing = False
    finished = False
    stopped: list[str] = []
    seen: set[str] = set()
    tampered = child.tampered
    for event in child.events:
        kind = event.get("event")
        if kind == "start":
            outcome.memory_capped = bool(event.get("memory_capped"))
        elif kind == "importing":
            importing = True
        elif kind == "imported":
            importing = False
            outcome.output = str(event.get("output", ""))
        elif kind == "import-error":
            outcome.where = _where(event)
            outcome.output = str(event.get("output", ""))
            if event.get("timed_out"):
                outcome.stack = [str(line) for line in event.get("stack", [])]
                outcome.problem = (
                    f"Running your file did not finish within {seconds}: is there an infinite "
                    "loop, or a long computation, at the top level of the file?"
                )
            else:
                outcome.problem = f"Running your file failed: {event.get('message', '')}"
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
            name = str(event.get("test"))
            if name not in expected or name in seen:
                tampered = tampered or f"it reported a test the kata does not have: {name}"
            seen.add(name)
            where = _where(event)
            message = str(event.get("message", ""))
            stack = [str(line) for line in event.get("stack", [])]
            if event.get("timed_out"):
                stopped.append(name)
                message = _timed_out_message(seconds, where, stack, kata.file_name)
            outcome.tests.append(
                TestOutcome(
                    name,
                    str(event.get("status")),
                    message,
                    where,
                    str(event.get("output", "")),
                    stack,
                )
            )
        elif kind == "tampered":
            names = ", ".join(str(name) for name in event.get("names", []))
            tampered = tampered or f"it replaced the check's own {names}"
        elif kind == "done":
            finished = True
    if finished and not tampered and seen != set(expected):
        tampered = f"{len(seen)} tests reported, the kata has {len(expected)}"
    if not child.events and child.returncode == 0:
        tampered = tampered or "the test process ended without reporting"
    if tampered:
        outcome.tampered = True
        outcome.problem = TAMPERED.format(why=tampered)
        return outcome
    if child.exceeded == "processes":
        outcome.problem = (
            f"Your code started more than {limits.max_processes} processes at once, so the "
            "check was stopped. Start fewer, and wait for them to finish."
        )
        return outcome
    if child.exceeded == "memory":
        outcome.problem = (
            f"Your code used more than {limits.memory_mb} MB of memory across its processes, "
            "so the check was stopped."
        )
        return outcome
    if finished:
        if not outcome.tests:
            outcome.problem = "The kata has no tests to run (this is a bug in the kata)."
        elif stopped:
            outcome.problem = f"Stopped `{stopped[0]}` after {seconds}."
            if len(stopped) > 1:
                outcome.problem += f" {len(stopped) - 1} more stopped the same way."
        return outcome
    if child.timed_out:
        where, stack = _dumped_stack(child.stack, kata, code)
        if running is not None:
            why = _timed_out_message(seconds, where, stack, kata.file_name)
            outcome.tests.append(TestOutcome(running, "error", why, where, "", stack))
            outcome.problem = f"Stopped `{running}` after {seconds}."
        elif importing or not child.events:
            outcome.problem = (
                f"Running your file did not finish within {seconds}: is there an infinite "
                "loop, or a long computation, at the top level of the file?"
            )
            outcome.where, outcome.stack = where, stack
        else:
            outcome.problem = f"The check did not finish within {seconds}."
        return outcome
    outcome.problem = _crash(child.returncode, limits)
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
        return (
            "The test harness failed; the output below says why. If your code changes "
            "modules the check itself uses (json, os, inspect...), that is the cause; "
            "otherwise it is a bug in pitfall-tutor."
        )
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
        test.stack = [clean(line) for line in test.stack]
    if outcome.problem:
        outcome.problem = clean(outcome.problem)
    outcome.output = clean(outcome.output)
    return outcome
