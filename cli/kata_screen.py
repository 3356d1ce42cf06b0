"""What `tutor kata` shows: a first screen that fits a terminal, and the pass screen.

The first screen puts the task and the failing tests on top. Each rule that
fires is explained once, folded to one line; `--verbose` (or `tutor explain
RULE`) gives the rest. Lines are cut to the terminal's width, so no line wraps
and the screen's height is what it seems.
"""

from __future__ import annotations

import re
import shutil
import sys
import textwrap
from typing import TYPE_CHECKING, TextIO

from pitfall_tutor.cli.kata_report import test_title
from pitfall_tutor.katas.catalogue import INSTRUCTIONS
from pitfall_tutor.rules.engine.source import source_lines

from .formats.as_text import Painter, use_colour

if TYPE_CHECKING:
    from pitfall_tutor.katas.catalogue import Kata
    from pitfall_tutor.katas.checking import CheckResult
    from pitfall_tutor.rules.engine.findings import Finding

BAR_WIDTH = 30
# Failing tests shown with their details; the rest are listed by name only.
DETAILED_FAILURES = 3
SHOWN_FINDINGS = 4
TASK_HEADING = "## Your task"


def width() -> int:
    """The terminal's width; 120 columns when the output is not a terminal."""
    return max(shutil.get_terminal_size((120, 40)).columns, 40)


def height() -> int:
    """The terminal's height; no limit when the output is not a terminal (a log, a pipe)."""
    if not sys.stdout.isatty():
        return 10_000
    return max(shutil.get_terminal_size((120, 40)).lines, 10)


def progress_bar(done: int, total: int, size: int = BAR_WIDTH) -> str:
    """`Progress: [#####>-----] 5/19`, as rustlings draws it."""
    filled = round(size * done / total) if total else 0
    if done >= total:
        bar = "#" * size
    else:
        filled = min(filled, size - 1)
        bar = "#" * filled + ">" + "-" * (size - filled - 1)
    return f"Progress: [{bar}] {done}/{total}"


def cut(line: str, columns: int) -> str:
    """One terminal row: a longer line ends in an ellipsis instead of wrapping."""
    return line if len(line) <= columns else line[: columns - 1].rstrip() + "…"


def task_summary(kata: Kata, columns: int) -> str:
    """The "Your task" section, rewrapped to the terminal (up to 100 columns)."""
    text = kata.text(INSTRUCTIONS)
    start = text.find(TASK_HEADING)
    if start < 0:
        return text.strip()
    body = text[start + len(TASK_HEADING) :]
    end = re.search(r"^## ", body, re.MULTILINE)
    body = body[: end.start()] if end else body
    # "Edit `x.py` until the tests pass." alone says what the "Your file" line already says.
    body = re.sub(r"\A\s*Edit `[^`]+` until the tests pass\.\s*\n\s*\n", "", body)
    return _reflow(body.strip(), min(columns, 100) - 1)


def _reflow(markdown: str, columns: int) -> str:
    """Joins each paragraph or list item and wraps it again (hanging indent for items)."""
    blocks: list[str] = []
    for paragraph in re.split(r"\n\s*\n", markdown):
        items: list[list[str]] = []
        in_code = False
        for line in paragraph.splitlines():
            if line.lstrip().startswith("```"):
                in_code = not in_code
            bullet = re.match(r"\s*(?:\d+\.|[-*])\s", line)
            if (
                in_code
                or line.lstrip().startswith("```")
                or (line.startswith("    ") and not items)
            ):
                items.append([line, "\0verbatim"])
            elif bullet or not items or items[-1][-1] == "\0verbatim":
                items.append([line.strip()])
            else:
                items[-1].append(line.strip())
        lines: list[str] = []
        for item in items:
            if item[-1] == "\0verbatim":
                lines.append(item[0])
                continue
            joined = " ".join(item)
            marker = re.match(r"(?:\d+\.|[-*])\s+", joined)
            indent = " " * (len(marker.group(0)) if marker else 0)
            lines += textwrap.wrap(
                joined, columns, subsequent_indent=indent, break_on_hyphens=False
            ) or [""]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def why_line(code: str, explanation: str, columns: int) -> str:
    """A rule's explanation folded to one row, ending in where to read the rest."""
    more = f" (`tutor explain {code}`)"
    first = " ".join(explanation.split())
    return cut(f"    why: {first}", columns - len(more)) + more


def write_check(
    result: CheckResult, out: TextIO, columns: int | None = None, rows: int | None = None
) -> None:
    """The compact result of one check: headline, tests, then the rules that fired.

    Within `rows` (when given), fewer failures get their details and fewer
    findings are listed, rather than letting the task scroll away.
    """
    columns = columns or width()
    paint = Painter(use_colour(out))
    lines: list[str] = []
    for detailed, shown in ((6, 6), (4, 5), (3, 4), (2, 3), (2, 2), (1, 2), (1, 1), (0, 1)):
        lines = check_lines(result, out, columns, paint, detailed, shown)
        if rows is None or len(lines) <= rows:
            break
    out.write("".join(line + "\n" for line in lines))


def check_lines(
    result: CheckResult, out: TextIO, columns: int, paint: Painter, detailed: int, shown: int
) -> list[str]:
    from pitfall_tutor.cli.kata_report import headline, symbols, test_detail
    from pitfall_tutor.katas.checking import PASS
    from pitfall_tutor.rules import find_rule

    good, bad = symbols(out)
    lines: list[str] = []

    def line(text: str, style: str | None = None) -> None:
        text = cut(text, columns)
        lines.append(paint(text, style) if style else text)

    line(headline(result), "fix" if result.status == PASS else "error")
    if result.problem:  # wrapped, not cut: it may say what to install
        for part in result.problem.splitlines():
            for row in textwrap.wrap(part, columns - 2, break_on_hyphens=False) or [""]:
                lines.append(paint("  " + row, "error"))
        if result.where is not None:
            line(f"    at {result.where.describe(result.kata.file_name)}")
        if result.output.strip():
            line("    output: " + result.output.strip().splitlines()[-1])
    details: list[str] = []
    for test in result.tests:
        title = test_title(result.kata, test)
        if test.status == PASS:
            lines.append(f"  {paint(good, 'fix')} {cut(title, columns - 4)}")
            continue
        detail = test_detail(test, result.kata.file_name)
        note = ""
        if details and detail == details[-1]:
            note = " (the same failure as above)"
        elif len(details) >= detailed:
            note = " (details: `--verbose`)"
        lines.append(f"  {paint(bad, 'error')} {cut(title + note, columns - 4)}")
        if not note:
            message, _, rest = detail.partition("\nat ")
            rows = textwrap.wrap(" ".join(message.split()), columns - 6) or [""]
            for row in rows[:2]:  # the tests' own words: at most two rows
                line("      " + row)
            if rest:
                line("      at " + rest.splitlines()[0])
            details.append(detail)
    if result.findings:
        lines.append("")
        count = len(result.findings)
        codes = ", ".join(rule.code for rule in result.kata.rules())
        line(f"Rules that must be quiet ({codes}): {count} finding{'s' * (count != 1)}", "path")
        explained: set[str] = set()
        for finding in result.findings[:shown]:
            source = result.source if finding.cell is None else result.cells.get(finding.cell, "")
            lines += _finding(finding, source_lines(source), columns, paint)
            rule = find_rule(finding.rule)
            if rule is not None and rule.code not in explained:
                explained.add(rule.code)
                lines.append(paint(why_line(rule.code, rule.explanation, columns), "dim"))
        if count > shown:
            line(f"  ... and {count - shown} more (all of them: --verbose)")
    elif result.kata.rule_names and result.status != "error":
        lines.append("")
        codes = ", ".join(rule.code for rule in result.kata.rules())
        line(f"Rules that must be quiet ({codes}): all quiet.", "fix")
    for note in result.notes:
        line(f"note: {note}", "dim")
    return lines


def _finding(finding: Finding, source: list[str], columns: int, paint: Painter) -> list[str]:
    cell = "" if finding.cell is None else f"cell {finding.cell}:"
    where = f"{cell}{finding.start.line}:{finding.start.column + 1}"
    text = cut(f"  {where} {finding.code} {finding.rule}: {finding.message}", columns)
    head, _, rest = text.partition(f" {finding.code} ")
    lines = [f"{paint(head, 'path')} {paint(finding.code, 'warning')} {rest}"]
    if 1 <= finding.start.line <= len(source):
        number = str(finding.start.line)
        code = source[finding.start.line - 1].expandtabs(1)
        lines.append(paint(f"    {number} |", "dim") + " " + cut(code, columns - len(number) - 7))
    return lines


def done_line(kata: Kata) -> str:
    """ "Done when" on one line: the tests, and the codes of the rules that must be quiet."""
    codes = [rule.code for rule in kata.rules()]
    if not codes:
        return "Done when every test passes."
    return f"Done when every test passes and these rules are quiet: {', '.join(codes)}."
