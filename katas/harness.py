"""The child side of a check: import the learner's module, run each test, report.

The runner copies this file next to a copy of the learner's file and the
kata's tests, in a temporary folder, and starts it as a script in its own
process. It uses only the standard library, so it also works with a Python
that cannot import pitfall_tutor. Results are written as JSON lines while the
tests run, so if the process is killed (a timeout, a crash) the parent still
knows which test was running.

Tests are plain `test_*` functions with `assert`s (pytest can run them too);
one that takes a `tmp_path` argument gets a fresh empty folder.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import io
import json
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

OUTPUT_LIMIT = 4000
# No file the check writes (its printed output included) may grow past this:
# a print loop fails with "File too large" instead of filling the disk.
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


class Reporter:
    def __init__(self, out: TextIO) -> None:
        self.out = out

    def __call__(self, event: str, **details: Any) -> None:
        self.out.write(json.dumps({"event": event, **details}) + "\n")
        self.out.flush()


@contextlib.contextmanager
def captured() -> Any:
    """Collect what the code prints, so it does not mix with our report."""
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
        yield buffer


def tail(text: str) -> str:
    return text if len(text) <= OUTPUT_LIMIT else "...\n" + text[-OUTPUT_LIMIT:]


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


def main(argv: list[str]) -> None:
    module_name, tests_name, results, memory_mb, cpu_seconds = argv[1:6]
    memory = int(memory_mb)
    learner = Path(f"{module_name}.py").resolve()
    tests = Path(f"{tests_name}.py").resolve()
    with open(results, "w", encoding="utf-8") as out:
        emit = Reporter(out)
        emit("start", memory_capped=limit_resources(memory, int(cpu_seconds)))
        emit("importing")
        with captured() as buffer:
            try:
                importlib.import_module(module_name)
            except KeyboardInterrupt:
                raise
            except BaseException as exc:
                details = describe(exc, learner, tests, memory)
                emit("import-error", output=tail(buffer.getvalue()), **details)
                return
            try:
                test_module = importlib.import_module(tests_name)
            except KeyboardInterrupt:
                raise
            except BaseException as exc:
                details = describe(exc, learner, tests, memory)
                emit("tests-error", output=tail(buffer.getvalue()), **details)
                return
        emit("imported", output=tail(buffer.getvalue()))
        functions = [
            (name, value)
            for name, value in vars(test_module).items()
            if name.startswith("test_")
            and inspect.isfunction(value)
            and value.__module__ == test_module.__name__
        ]
        for name, function in functions:
            emit("begin", test=name)
            failure, output = run_test(function)
            if failure is None:
                emit("result", test=name, status="pass")
            else:
                details = describe(failure, learner, tests, memory)
                emit("result", test=name, output=tail(output), **details)
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
