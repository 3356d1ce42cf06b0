"""`tutor lint --diff`: the fixes as a unified diff, with nothing written."""

from __future__ import annotations

import difflib
from typing import TextIO

from .lint import LintRun


def write_diff(run: LintRun, out: TextIO) -> int:
    """Print a diff per fixed file; returns how many files would change."""
    changed = 0
    for checked in run.checked:
        before = checked.result.text
        after = checked.fixed_text
        if before is None or after is None:
            continue
        changed += 1
        path = checked.result.path
        out.writelines(
            difflib.unified_diff(
                before.splitlines(keepends=True),
                after.splitlines(keepends=True),
                fromfile=f"a/{path}",
                tofile=f"b/{path}",
            )
        )
    return changed
