"""The child side of a check: import the learner's module, run each test, report.

The runner starts this file as a script in its own process, in a temporary
folder that holds a copy of the learner's file. It uses only the standard
library, so it also works with a Python that cannot import pitfall_tutor.

The kata's tests do not come from that folder: the parent sends their source
(the packaged copy) on stdin, with a one-time token, before any learner code
runs. Results go back as JSON lines on a pipe the parent owns, each carrying
the token, while the tests run; so if the process is killed (a timeout, a
crash) the parent still knows which test was running, and lines the learner's
code writes are told apart. Everything the harness needs later is bound to
local names before the learner's module is imported, so patching this
module's functions changes nothing (and is reported).

Tests are plain `test_*` functions with `assert`s (pytest can run them too);
one that takes a `tmp_path` argument gets a fresh empty folder. Each test gets
`timeout` seconds: an alarm interrupts it where it is looping, and the report
says where; if the code swallows that alarm, faulthandler writes every
thread's stack to the parent just before the parent stops the process.
"""

from __future__ import annotations

import contextlib
import faulthandler
import importlib
import inspect
import io
import json
import linecache
import os
import signal
import sys
import tempfile
import traceback
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

OUTPUT_LIMIT = 4000
# No file the check writes may grow past this: a loop that writes a file fails
# with "File too large" instead of filling the disk.
FILE_LIMIT = 64 * 1024 * 1024


def limit_resources(memory_mb: int, cpu_seconds: int) -> bool:
    """Cap address space and CPU time; False where the platform cannot (Windows)."""
    try:
        import resource
    except ImportError:
        return False
    capped = True
    for kind, wanted in (
        (resource.RLIMIT_AS, memory_mb * 1024 * 1024),
        (resource.RLIMIT_CPU, cpu_seconds),
        (resource.RLIMIT_FSIZE, FILE_LIMIT),
    ):
        try:
            _, hard = resource.getrlimit(kind)
            if hard != resource.RLIM_INFINITY:
                wanted = min(wanted, hard)
            resource.setrlimit(kind, (wanted, hard))
        except (ValueError, OSError):
            capped = capped and kind != resource.RLIMIT_AS
    return capped


class Tail(io.TextIOBase):
    """Keeps only the end of what is printed, and how much there was in all."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.kept = 0
        self.total = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.total += len(text)
        self.parts.append(text)
        self.kept += len(text)
        if self.kept > 4 * OUTPUT_LIMIT:
            joined = "".join(self.parts)[-OUTPUT_LIMIT:]
            self.parts, self.kept = [joined], len(joined)
        return len(text)

    def getvalue(self) -> str:
        text = "".join(self.parts)
        if self.total <= OUTPUT_LIMIT:
            return text
        return (
            f"... (too much output: {self.total:,} characters printed, "
            f"only the last {OUTPUT_LIMIT:,} are kept)\n" + text[-OUTPUT_LIMIT:]
        )


@contextlib.contextmanager
def captured() -> Any:
    """Collect what the code prints, so it does not mix with our report."""
    buffer = Tail()
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
        yield buffer


class TimedOut(BaseException):
    """Raised by the per-test alarm; a BaseException so `except Exception` lets it by."""


def describe(exc: BaseException, learner: Path, tests: Path, memory_mb: int) -> dict[str, Any]:
    """The exception in plain words, and where in the learner's file it happened."""
    frames = traceback.extract_tb(exc.__traceback__)
    in_learner = [frame for frame in frames if _same(frame.filename, learner)]
    where = None
    if in_learner:
        frame = in_learner[-1]
        where = {
            "file": learner.name,
            "line": frame.lineno,
            "function": frame.name,
            "code": (frame.line or "").strip(),
        }
    if isinstance(exc, SyntaxError) and _same(exc.filename or "", learner):
        where = {
            "file": learner.name,
            "line": exc.lineno,
            "function": "<module>",
            "code": (exc.text or "").strip(),
        }
    innermost_is_test = bool(frames) and _same(frames[-1].filename, tests)
    if isinstance(exc, TimedOut):
        stack = [
            f"{Path(frame.filename).name}:{frame.lineno}, in {frame.name}: {(frame.line or '').strip()}"
            for frame in frames
            if _same(frame.filename, learner) or _same(frame.filename, tests)
        ]
        return {"status": "error", "timed_out": True, "where": where, "stack": stack}
    if isinstance(exc, AssertionError) and innermost_is_test:
        text = str(exc) or f"assertion failed: {(frames[-1].line or '').strip()}"
        return {"status": "fail", "message": text, "where": where}
    if isinstance(exc, MemoryError):
        text = f"MemoryError: ran out of memory (a check may use {memory_mb} MB)"
    elif isinstance(exc, SystemExit):
        text = f"your code called sys.exit({exc.code!r}); return a value instead"
    elif isinstance(exc, RecursionError):
        text = "RecursionError: the function kept calling itself (maximum recursion depth)"
    else:
        text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return {"status": "error", "message": text, "where": where}


def _same(filename: str, path: Path) -> bool:
    try:
        return Path(filename).resolve() == path
    except (OSError, ValueError):
        return False


def run_test(function: Callable[..., Any]) -> tuple[BaseException | None, str]:
    parameters = inspect.signature(function).parameters
    with captured() as buffer, tempfile.TemporaryDirectory(prefix="kata-test-") as folder:
        try:
            if "tmp_path" in parameters:
                function(tmp_path=Path(folder))
            else:
                function()
        except KeyboardInterrupt:
            raise
        except BaseException as exc:
            return exc, buffer.getvalue()
    return None, buffer.getvalue()


def reporter(fd: int, token: str) -> Callable[..., None]:
    """Write one event per line, with the token, straight to the parent's pipe."""
    dumps, write = json.dumps, os.write

    def emit(event: str, **details: Any) -> None:
        data = (dumps({"token": token, "event": event, **details}) + "\n").encode()
        while data:
            data = data[write(fd, data) :]

    return emit


class Alarm:
    """A per-test time limit: SIGALRM raises TimedOut where the code is, and
    faulthandler dumps the stacks a little later in case the code swallows it."""

    def __init__(self, seconds: float, stack_fd: int) -> None:
        self.seconds = seconds
        self.stack_fd = stack_fd
        self.setitimer = signal.setitimer
        self.later = faulthandler.dump_traceback_later
        self.cancel_later = faulthandler.cancel_dump_traceback_later

    def _ring(self, number: int, frame: Any) -> None:
        raise TimedOut

    def __enter__(self) -> None:
        signal.signal(signal.SIGALRM, self._ring)
        self.setitimer(signal.ITIMER_REAL, self.seconds)
        self.later(self.seconds + 0.5, file=self.stack_fd)

    def __exit__(self, *exc: object) -> None:
        self.setitimer(signal.ITIMER_REAL, 0)
        self.cancel_later()


def load_tests(name: str, path: Path, source: str) -> types.ModuleType:
    """The packaged tests, from the source the parent sent: never from disk here."""
    module = types.ModuleType(name)
    module.__file__ = str(path)
    sys.modules[name] = module  # test helpers must pickle by name (process pools)
    linecache.cache[str(path)] = (len(source), None, source.splitlines(True), str(path))
    exec(compile(source, str(path), "exec", dont_inherit=True), module.__dict__)
    return module


def main(argv: list[str]) -> None:
    module_name, memory_mb, cpu_seconds, timeout, results_fd, stack_fd = argv[1:7]
    memory = int(memory_mb)
    setup = json.loads(sys.stdin.read())
    token, tests_name, tests_source = setup["token"], setup["tests_name"], setup["tests_source"]
    sys.stdin.close()
    learner = Path(f"{module_name}.py").resolve()
    tests = learner.with_name(f"{tests_name}.py")
    emit = reporter(int(results_fd), token)
    alarm = Alarm(float(timeout), int(stack_fd))
    # Bound now: learner code that patches this module's names changes nothing.
    run, explain, loader, isfunction = run_test, describe, load_tests, inspect.isfunction
    own = {"run_test": run, "describe": explain, "load_tests": loader, "main": main}
    emit("start", memory_capped=limit_resources(memory, int(cpu_seconds)))
    emit("importing")
    with captured() as buffer:
        try:
            with alarm:
                importlib.import_module(module_name)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:
            details = explain(exc, learner, tests, memory)
            emit("import-error", output=buffer.getvalue(), **details)
            return
        try:
            test_module = loader(tests_name, tests, tests_source)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:
            details = explain(exc, learner, tests, memory)
            emit("tests-error", output=buffer.getvalue(), **details)
            return
    emit("imported", output=buffer.getvalue())
    functions = [
        (name, value)
        for name, value in vars(test_module).items()
        if name.startswith("test_") and isfunction(value) and value.__module__ == tests_name
    ]
    for name, function in functions:
        emit("begin", test=name)
        try:
            with alarm:
                failure, output = run(function)
        except TimedOut as late:  # rang outside the test itself
            failure, output = late, ""
        if failure is None:
            emit("result", test=name, status="pass")
        else:
            details = explain(failure, learner, tests, memory)
            emit("result", test=name, output=output, **details)
    here = globals()
    patched = sorted(name for name, value in own.items() if here.get(name) is not value)
    if patched:
        emit("tampered", names=patched)
    emit("done")


if __name__ == "__main__":
    status = 0
    try:
        main(sys.argv)
    except BaseException:
        traceback.print_exc()
        status = 3
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        # Threads the learner started must not keep the check waiting.
        os._exit(status)
