"""`tutor lint --diff`: the fixes as a unified diff, with nothing written."""

from __future__ import annotations

import difflib
from typing import TextIO

from .formats.as_text import Painter, use_colour
from .lint import LintRun


def write_diff(run: LintRun, out: TextIO) -> int:
    """Print a diff per fixed file; returns how many files would change."""
    paint = Painter(use_colour(out))
    changed = 0
    for checked in run.checked:
        if checked.cell_fixes:  # a notebook: one diff per changed cell
            changed += 1
            for cell, (old, new) in sorted(checked.cell_fixes.items()):
                name = f"{checked.result.path}:cell {cell}"
                out.writelines(
                    difflib.unified_diff(
                        _lines(old), _lines(new), fromfile=f"a/{name}", tofile=f"b/{name}"
                    )
                )
            continue
        before = checked.result.text
        after = checked.fixed_text
        if before is None or after is None:
            continue
        changed += 1
        path = checked.result.path
        lines = difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"a/{path}",
            tofile=f"b/{path}",
        )
        out.writelines(_coloured(line, paint) for line in lines)
    return changed


def _coloured(line: str, paint: Painter) -> str:
    """Red removals, green additions, bold headers; only on a terminal, never under NO_COLOR."""
    body, newline = (line[:-1], "\n") if line.endswith("\n") else (line, "")
    if line.startswith(("---", "+++")):
        return paint(body, "path") + newline
    if line.startswith("@@"):
        return paint(body, "info") + newline
    if line.startswith("+"):
        return paint(body, "fix") + newline
    if line.startswith("-"):
        return paint(body, "caret") + newline
    return line


def _lines(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"  # a cell's last line has no newline; the diff would say so otherwise
    return lines
