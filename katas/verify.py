"""Prove every kata is sound: its starter fails, its solution passes, and every
wrong idea it knows about fails too.

A kata proves a concept only if the classic mistakes cannot pass it. Each kata
keeps them in `misconceptions/<short-name>.py`: only the functions or classes
that differ from `solution.py`, under a first line that says why the idea is
wrong. Verify appends each one to the solution (later definitions win), runs
the same check a learner's file gets, and records which tests caught it. A
misconception that only a rule catches does not count: a test must fail.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .catalogue import SOLUTION, STARTER, Kata
from .checking import FAIL, PASS, CheckResult, check_code, missing_requirements
from .runner import DEFAULT_LIMITS, Limits

MISCONCEPTIONS = "misconceptions"


@dataclass(frozen=True)
class Misconception:
    """One wrong idea, written as code: `why` is its first line."""

    kata: Kata
    path: Path

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @property
    def why(self) -> str:
        first = self.text.lstrip().splitlines()[0] if self.text.strip() else ""
        return first.strip().strip('"').strip("#").strip()

    def code(self) -> str:
        """The solution with this misconception's definitions put in its place."""
        return f"{self.kata.text(SOLUTION).rstrip()}\n\n\n{self.text}"


def misconceptions(kata: Kata) -> list[Misconception]:
    folder = kata.folder / MISCONCEPTIONS
    if not folder.is_dir():
        return []
    return [Misconception(kata, path) for path in sorted(folder.glob("*.py"))]


@dataclass
class Caught:
    misconception: Misconception
    result: CheckResult

    @property
    def by(self) -> list[str]:
        """The tests that failed on it."""
        return [test.name for test in self.result.tests if test.status != "pass"]

    @property
    def rules(self) -> list[str]:
        return sorted({finding.rule for finding in self.result.findings})

    @property
    def ok(self) -> bool:
        return self.result.status != PASS and self.result.problem is None and bool(self.by)

    @property
    def problem(self) -> str | None:
        if self.ok:
            return None
        if self.result.status == PASS:
            return f"the misconception {self.misconception.name!r} passes every test"
        if self.result.problem is not None:
            return (
                f"the misconception {self.misconception.name!r} did not run: {self.result.problem}"
            )
        return (
            f"the misconception {self.misconception.name!r} is caught only by rules, not by a test"
        )


@dataclass
class Verdict:
    kata: Kata
    starter: CheckResult | None = None
    solution: CheckResult | None = None
    skipped: str | None = None  # why it could not be verified here
    caught: list[Caught] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        if self.skipped is not None:
            return True
        return not self.problems and self.starter is not None and self.solution is not None

    @property
    def problems(self) -> list[str]:
        found = []
        if self.starter is not None and self.starter.status != FAIL:
            found.append(f"the starter should fail its check, but it gave {self.starter.status!r}")
        if self.solution is not None and self.solution.status != PASS:
            found.append(
                f"the solution should pass its check, but it gave {self.solution.status!r}"
            )
        if self.skipped is None and len(self.caught) < 2:
            found.append(f"only {len(self.caught)} misconception(s) on file; a kata needs two")
        found += [item.problem for item in self.caught if item.problem is not None]
        return found

    def summary(self) -> str:
        failing = sum(item.ok for item in self.caught)
        return (
            f"starter fails, solution passes, {failing} of {len(self.caught)} misconceptions fail"
        )


def describe(verdict: Verdict) -> list[str]:
    """Lines for the terminal: the verdict, then each misconception and what caught it."""
    slug = verdict.kata.slug
    if verdict.skipped:
        return [f"skip  {slug}: {verdict.skipped}"]
    head = "ok  " if verdict.ok else "FAIL"
    lines = [f"{head}  {slug}: {verdict.summary() if verdict.ok else '; '.join(verdict.problems)}"]
    for item in verdict.caught:
        mark = "caught" if item.ok else "MISSED"
        by = ", ".join(item.by) or "no test"
        rules = f" (and rules: {', '.join(item.rules)})" if item.rules else ""
        lines.append(f"        {mark} {item.misconception.name}: by {by}{rules}")
    return lines


def _check(kata: Kata, code: str, shown: str, limits: Limits) -> CheckResult:
    return check_code(kata, code.encode("utf-8"), shown, limits)


def verify_all(katas: Sequence[Kata], limits: Limits = DEFAULT_LIMITS) -> list[Verdict]:
    """Every check is its own process, so a pool of threads is enough to use every core."""
    verdicts = []
    jobs: list[tuple[Verdict, str, Misconception | None]] = []
    for kata in katas:
        missing = missing_requirements(kata)
        if missing:
            verdicts.append(
                Verdict(kata, skipped=f"needs {', '.join(missing)} ({kata.install_hint})")
            )
            continue
        verdict = Verdict(kata)
        verdicts.append(verdict)
        jobs += [(verdict, STARTER, None), (verdict, SOLUTION, None)]
        jobs += [(verdict, "", item) for item in misconceptions(kata)]

    def run(job: tuple[Verdict, str, Misconception | None]) -> CheckResult:
        verdict, name, item = job
        kata = verdict.kata
        if item is None:
            return _check(kata, kata.text(name), f"{kata.slug}/{name}", limits)
        shown = f"{kata.slug}/{MISCONCEPTIONS}/{item.path.name}"
        return _check(kata, item.code(), shown, limits)

    with ThreadPoolExecutor(max_workers=max(os.cpu_count() or 1, 1)) as pool:
        results = list(pool.map(run, jobs))
    for (verdict, name, item), result in zip(jobs, results, strict=True):
        if item is not None:
            verdict.caught.append(Caught(item, result))
        elif name == STARTER:
            verdict.starter = result
        else:
            verdict.solution = result
    return verdicts


def verify_kata(kata: Kata, limits: Limits = DEFAULT_LIMITS) -> Verdict:
    return verify_all([kata], limits)[0]
