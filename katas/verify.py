"""Prove every kata is sound: its starter fails and its reference solution passes.

Like rustlings' own checks, this catches a kata that starts solved, or whose
solution no longer satisfies its tests or its rules (say, after a rule
changed). Both go through the same runner as a learner's check.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from .catalogue import SOLUTION, STARTER, Kata
from .checking import FAIL, PASS, CheckResult, check_code, missing_requirements
from .runner import DEFAULT_LIMITS, Limits


@dataclass
class Verdict:
    kata: Kata
    starter: CheckResult | None = None
    solution: CheckResult | None = None
    skipped: str | None = None  # why it could not be verified here

    @property
    def ok(self) -> bool:
        if self.skipped is not None:
            return True
        return (
            self.starter is not None
            and self.solution is not None
            and self.starter.status == FAIL
            and self.solution.status == PASS
        )

    @property
    def problems(self) -> list[str]:
        found = []
        if self.starter is not None and self.starter.status != FAIL:
            found.append(f"the starter should fail its check, but it gave {self.starter.status!r}")
        if self.solution is not None and self.solution.status != PASS:
            found.append(
                f"the solution should pass its check, but it gave {self.solution.status!r}"
            )
        return found


def verify_kata(kata: Kata, limits: Limits = DEFAULT_LIMITS) -> Verdict:
    missing = missing_requirements(kata)
    if missing:
        return Verdict(kata, skipped=f"needs {', '.join(missing)} ({kata.install_hint})")
    starter = check_code(kata, kata.text(STARTER).encode("utf-8"), f"{kata.slug}/{STARTER}", limits)
    solution = check_code(
        kata, kata.text(SOLUTION).encode("utf-8"), f"{kata.slug}/{SOLUTION}", limits
    )
    return Verdict(kata, starter, solution)


def verify_all(katas: Sequence[Kata], limits: Limits = DEFAULT_LIMITS) -> list[Verdict]:
    """Each check is its own process, so threads are enough to use every core."""
    with ThreadPoolExecutor(max_workers=max(os.cpu_count() or 1, 1)) as pool:
        return list(pool.map(lambda kata: verify_kata(kata, limits), katas))
