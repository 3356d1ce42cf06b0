"""Grade one version of a kata: its tests pass and its rules are quiet.

The verdict is `pass` (every test passes, no rule finding), `fail` (a test
fails or a rule fires) or `error` (the code could not be run to the end: a
syntax error, a crash, a timeout, a missing optional package). The rules are
the same rule objects `tutor lint` and the editor use, looked up by name.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field

from pitfall_tutor.rules.engine.engine import lint_bytes
from pitfall_tutor.rules.engine.findings import Finding

from .catalogue import Kata
from .runner import DEFAULT_LIMITS, Limits, RunOutcome, TestOutcome, Where, run_tests

PASS, FAIL, ERROR = "pass", "fail", "error"


@dataclass
class CheckResult:
    kata: Kata
    shown: str  # the learner's file, as we name it to them
    status: str
    tests: list[TestOutcome] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    problem: str | None = None
    where: Where | None = None
    output: str = ""
    notes: list[str] = field(default_factory=list)
    source: str = ""  # the checked code, to quote lines from
    cells: dict[int, str] = field(default_factory=dict)  # a notebook's code cells, by number

    @property
    def passed_tests(self) -> int:
        return sum(test.status == "pass" for test in self.tests)


def missing_requirements(kata: Kata) -> list[str]:
    return [name for name in kata.requires if importlib.util.find_spec(name) is None]


def check_code(kata: Kata, code: bytes, shown: str, limits: Limits = DEFAULT_LIMITS) -> CheckResult:
    missing = missing_requirements(kata)
    if missing:
        problem = (
            f"This kata needs {', '.join(missing)}, which is not installed here. "
            f"Install it with: {kata.install_hint}"
        )
        return CheckResult(kata, shown, ERROR, problem=problem)
    syntax = _syntax_error(code, shown)
    if syntax is not None:
        message, where = syntax
        return CheckResult(kata, shown, ERROR, problem=message, where=where)
    result = CheckResult(kata, shown, FAIL, source=code.decode("utf-8", errors="replace"))
    result.findings = lint_kata(kata, code, shown, result.notes)
    run = run_tests(kata, code, limits)
    _merge(result, run, limits)
    return result


def lint_kata(kata: Kata, code: bytes, shown: str, notes: list[str]) -> list[Finding]:
    """The kata's rules on the code. `# tutor: ignore` comments do not count here:
    silencing the rule is not the lesson. (Same length, so positions stay.)"""
    if b"tutor:" in code:
        code = code.replace(b"tutor:", b"tutor;")
        notes.append("`# tutor: ignore` comments are not honoured in katas: fix the code instead.")
    return lint_bytes(code, shown, kata.rules()).findings


def _syntax_error(code: bytes, shown: str) -> tuple[str, Where] | None:
    try:
        compile(code, shown, "exec", dont_inherit=True)
    except SyntaxError as exc:
        line = exc.lineno or 1
        text = (exc.text or "").rstrip("\n")
        caret = ""
        if exc.offset and text:
            stripped = len(text) - len(text.lstrip())
            caret = " " * max(exc.offset - 1 - stripped, 0) + "^"
        code_line = text.strip() + ("\n" + caret if caret else "")
        message = f"Python cannot read your file: {exc.msg} (line {line})."
        return message, Where(line, "<module>", code_line)
    except ValueError as exc:  # a NUL byte
        return f"Python cannot read your file: {exc}.", Where(1, "<module>", "")
    return None


def _merge(result: CheckResult, run: RunOutcome, limits: Limits) -> None:
    result.tests = run.tests
    result.problem = run.problem
    result.where = run.where
    result.output = run.output
    missing = [
        name for name in result.kata.requires if f"No module named '{name}'" in (run.problem or "")
    ]
    if missing:  # found on disk, but it would not import: say what to install
        result.problem = (
            f"This kata needs {', '.join(missing)}, which could not be imported. "
            f"Install it with: {result.kata.install_hint}"
        )
    if run.memory_capped is False:
        result.notes.append(
            f"No memory cap on this platform: only the {limits.timeout:g} s timeout applies."
        )
    if run.problem is not None:
        result.status = ERROR
    elif all(test.status == "pass" for test in run.tests) and not result.findings:
        result.status = PASS
    else:
        result.status = FAIL
