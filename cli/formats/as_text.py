"""The default format: one finding per line, the code underlined, and the link.

Colour only on a terminal, and never under NO_COLOR.
"""

from __future__ import annotations

import os
from collections import Counter
from typing import TextIO

from pitfall_tutor.rules.engine.findings import Finding, Severity
from pitfall_tutor.rules.questions import question

from ..lint import Checked, LintRun

COLOURS = {
    "path": "1",
    "error": "1;31",
    "warning": "1;33",
    "info": "1;36",
    "dim": "2",
    "caret": "31",
    "fix": "32",
}


def use_colour(out: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(out, "isatty") and out.isatty()


class Painter:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, style: str) -> str:
        if not self.enabled or not text:
            return text
        return f"\x1b[{COLOURS[style]}m{text}\x1b[0m"


def headline(finding: Finding, paint: Painter) -> str:
    cell = "" if finding.cell is None else f"cell {finding.cell}:"
    where = f"{finding.path}:{cell}{finding.start.line}:{finding.start.column + 1}:"
    code = paint(finding.code, finding.severity.value)
    marker = " [*]" if finding.fix is not None and finding.fix.safe else ""
    return f"{paint(where, 'path')} {code} {finding.rule} {finding.message}{paint(marker, 'fix')}"


def snippet(checked: Checked, finding: Finding, paint: Painter) -> list[str]:
    lines = checked.lines_for(finding)
    if lines is None:
        return []
    if not 1 <= finding.start.line <= len(lines):
        return []
    source = lines[finding.start.line - 1].expandtabs(1)
    width = len(str(finding.start.line))
    start = finding.start.column
    if finding.end.line == finding.start.line:
        end = max(finding.end.column, start + 1)
    else:
        end = max(len(source), start + 1)
    gutter = paint(" " * width + " |", "dim")
    return [
        gutter,
        paint(f"{finding.start.line} |", "dim") + f" {source}",
        gutter + " " + " " * start + paint("^" * (end - start), "caret"),
    ]


def link(checked: Checked, finding: Finding, paint: Painter, local: bool = True) -> str | None:
    found = checked.link(finding, local=local)
    if found is None:
        return None
    item = question(finding.question)
    return paint(f"  = learn: Q{item.number}. {item.title}: {found.text()}", "dim")


def write(run: LintRun, out: TextIO, quiet: bool = False, statistics: bool = False) -> None:
    """Every finding with its code and link, then the summary; or, with `statistics`, the counts."""
    paint = Painter(use_colour(out))
    for checked in run.checked:
        if checked.write_error:
            out.write(f"{checked.result.path}: {checked.write_error}\n")
    if statistics:  # counts only, as ruff does
        write_statistics(run, out, paint)
        if not quiet:
            out.write(summary(run) + "\n")
        return
    from pitfall_tutor.rules.questions.learn import in_ci

    local = not in_ci()  # a CI log is read elsewhere: a command instead of a runner's path
    if local and run.findings and not quiet:
        from ..site.cache import ensure_site

        # The local "learn" links open rendered pages (rendered once per version).
        local = ensure_site() is not None
    for checked, finding in run.findings:
        out.write(headline(finding, paint) + "\n")
        if quiet:
            continue
        for line in snippet(checked, finding, paint):
            out.write(line + "\n")
        learn = link(checked, finding, paint, local)
        if learn:
            out.write(learn + "\n")
        out.write("\n")
    if not quiet:
        out.write(summary(run) + "\n")


def write_statistics(run: LintRun, out: TextIO, paint: Painter | None = None) -> None:
    """One row per rule; `[*]` as in the main output: a safe fix exists (`tutor lint --fix`)."""
    paint = paint or Painter(False)
    counts = Counter((finding.code, finding.rule) for _, finding in run.findings)
    fixable = {
        finding.code for _, finding in run.findings if finding.fix is not None and finding.fix.safe
    }
    for (code, rule), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        mark = paint("[*]", "fix") if code in fixable else "   "
        out.write(f"{count:>6}  {paint(code, 'warning')}  {mark} {rule}\n")


def summary(run: LintRun) -> str:
    findings = [finding for _, finding in run.findings]
    files = len(run.checked)
    fixed = sum(checked.fixes_applied for checked in run.checked)
    parts = []
    if fixed:
        parts.append(f"Fixed {fixed} problem{'s' * (fixed != 1)}.")
    if not findings:
        parts.append(f"All clear: {files} file{'s' * (files != 1)} checked, no pitfalls found.")
        return " ".join(parts)
    errors = sum(finding.severity is Severity.ERROR for finding in findings)
    touched = len({finding.path for finding in findings})
    safe = sum(bool(finding.fix and finding.fix.safe) for finding in findings)
    parts.append(
        f"Found {len(findings)} problem{'s' * (len(findings) != 1)} "
        f"({errors} error{'s' * (errors != 1)}) in {touched} of {files} file{'s' * (files != 1)}."
    )
    if safe:
        parts.append(f"[*] {safe} fixable with `tutor lint --fix`.")
    from pitfall_tutor.katas.suggest import passed_katas, practice_line

    practice = practice_line((finding.question for finding in findings), passed_katas())
    return " ".join(parts) + (f"\n{practice}" if practice else "")
