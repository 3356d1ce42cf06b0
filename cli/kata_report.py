"""A check's result for people (text) and for CI (JSON).

Text lists every test with its verdict and, under a failure, the failing
assertion in the tests' own words or the exception and the line of the
learner's file it came from. Then each rule finding with the rule's
explanation and the link to its question page.
"""

from __future__ import annotations

import ast
import json
import textwrap
from functools import lru_cache
from typing import Any, TextIO

from pitfall_tutor.katas.catalogue import TESTS, Kata
from pitfall_tutor.katas.checking import ERROR, PASS, CheckResult
from pitfall_tutor.katas.runner import TestOutcome, Where
from pitfall_tutor.rules import find_rule
from pitfall_tutor.rules.engine.findings import Finding, finding_json
from pitfall_tutor.rules.engine.source import source_lines
from pitfall_tutor.rules.questions import question
from pitfall_tutor.rules.questions.learn import learn_link

from .formats.as_text import Painter, use_colour

WIDTH = 88


def symbols(out: TextIO) -> tuple[str, str]:
    encoding = getattr(out, "encoding", None) or "ascii"
    try:
        "✓✗".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return "ok", "x "
    return "✓", "✗"


def headline(result: CheckResult) -> str:
    total = len(result.tests)
    findings = len(result.findings)
    if result.status == PASS:
        return f"{result.shown}: all {total} tests pass and the rules are quiet."
    if result.status == ERROR and not result.tests:
        return f"{result.shown}: the tests could not run."
    parts = [f"{result.passed_tests} of {total} tests pass"]
    if findings:
        parts.append(f"{findings} rule finding{'s' * (findings != 1)}")
    if result.status == ERROR:
        parts.append("and the run stopped early")
    return f"{result.shown}: {', '.join(parts)}. Not done yet."


@lru_cache(maxsize=32)
def _test_titles(source: str) -> dict[str, str]:
    """Test functions' docstrings (first line), which may say what a name cannot: `caller's`."""
    titles: dict[str, str] = {}
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return titles
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            doc = ast.get_docstring(node)
            if doc:
                titles[node.name] = doc.strip().splitlines()[0].rstrip(".")
    return titles


def test_title(kata: Kata, test: TestOutcome) -> str:
    """A test's name in words, with apostrophes from its docstring when it has one."""
    try:
        source = kata.text(TESTS)
    except OSError:
        source = ""
    return _test_titles(source).get(test.name) or test.words


def write_text(result: CheckResult, out: TextIO) -> None:
    paint = Painter(use_colour(out))
    good, bad = symbols(out)
    style = "fix" if result.status == PASS else "error"
    out.write(paint(headline(result), style) + "\n")
    if result.problem:
        out.write("\n" + paint(result.problem, "error") + "\n")
        if result.where is not None:
            out.write(_indent(_where_text(result.where, result.kata.file_name), 4) + "\n")
        if result.output.strip():
            out.write("    output:\n" + _indent(result.output.rstrip(), 6) + "\n")
    if result.tests:
        out.write("\n")
        previous = None
        for test in result.tests:
            mark = paint(good, "fix") if test.status == PASS else paint(bad, "error")
            out.write(f"  {mark} {test_title(result.kata, test)}\n")
            if test.status == PASS:
                continue
            detail = test_detail(test, result.kata.file_name)
            if detail == previous:
                out.write(paint("      (the same as above)", "dim") + "\n")
                continue
            previous = detail
            out.write(_indent(detail, 6) + "\n")
    if result.findings:
        out.write("\n" + paint("Rules that must be quiet on your file:", "path") + "\n")
        text = _source_lines(result)
        explained: set[str] = set()
        parts = []
        for finding in result.findings:
            lines = _cell_lines(result, finding) or text
            parts.append(_finding_text(finding, lines, paint, finding.rule not in explained))
            explained.add(finding.rule)
        out.write("\n\n".join(parts))
        out.write("\n")
    for note in result.notes:
        out.write("\n" + paint(f"note: {note}", "dim") + "\n")


def _where_text(where: Where, file_name: str) -> str:
    first, *rest = where.code.split("\n")
    lines = [f"at {Where(where.line, where.function, first).describe(file_name)}"]
    if rest:
        offset = len(lines[0]) - len(first)
        lines.extend(" " * offset + line for line in rest)
    return "\n".join(lines)


def test_detail(test: TestOutcome, file_name: str) -> str:
    lines = [_wrap(test.message)]
    if test.where is not None:
        lines.append(_where_text(test.where, file_name))
    if test.output.strip():
        lines.append("printed:\n" + _indent(test.output.rstrip(), 2))
    return "\n".join(lines)


def _source_lines(result: CheckResult) -> list[str]:
    return source_lines(result.source)


def _cell_lines(result: CheckResult, finding: Finding) -> list[str] | None:
    """A notebook finding's lines count within its cell."""
    if finding.cell is None:
        return None
    return source_lines(result.cells.get(finding.cell, ""))


def _finding_text(finding: Finding, source: list[str], paint: Painter, explain: bool = True) -> str:
    cell = "" if finding.cell is None else f"cell {finding.cell}:"
    where = f"{finding.path}:{cell}{finding.start.line}:{finding.start.column + 1}"
    lines = [
        f"  {paint(where, 'path')} {paint(finding.code, 'warning')} {finding.rule}: {finding.message}"
    ]
    if 1 <= finding.start.line <= len(source):
        code = source[finding.start.line - 1].expandtabs(1)
        end = finding.end.column if finding.end.line == finding.start.line else len(code)
        width = max(end - finding.start.column, 1)
        number = str(finding.start.line)
        lines.append(paint(f"    {number} |", "dim") + f" {code}")
        gutter = paint(f"    {' ' * len(number)} |", "dim")
        lines.append(gutter + " " + " " * finding.start.column + paint("^" * width, "caret"))
    rule = find_rule(finding.rule)
    if rule is None or not explain:  # each rule is explained once
        return "\n".join(lines)
    lines.append(_indent(_wrap("why: " + rule.explanation, WIDTH - 6), 4))
    if finding.question:
        item = question(finding.question)
        found = learn_link(item.number, finding.rule, finding.code)
        lines.append(
            _indent(paint(f"learn: Q{item.number}. {item.title}: {found.text()}", "dim"), 4)
        )
    return "\n".join(lines)


def _wrap(text: str, width: int = WIDTH - 6) -> str:
    return "\n".join(
        textwrap.fill(paragraph, width, break_long_words=False, break_on_hyphens=False)
        if len(paragraph) > width
        else paragraph
        for paragraph in text.splitlines() or [""]
    )


def _indent(text: str, spaces: int) -> str:
    return textwrap.indent(text, " " * spaces, lambda line: True)


def as_json(result: CheckResult, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """`{"status", "tests", "diagnostics", ...}`: the shape CI scripts read."""

    def where(value: Where | None) -> dict[str, Any] | None:
        if value is None:
            return None
        return {"line": value.line, "function": value.function, "code": value.code}

    diagnostics = []
    for finding in result.findings:
        rule = find_rule(finding.rule)
        link = learn_link(finding.question, finding.rule, finding.code, local=False)
        url = link.url if finding.question else None
        diagnostics.append(
            {
                **finding_json(finding, url),
                "explain": link.hint if finding.question else None,
                "explanation": rule.explanation if rule is not None else None,
            }
        )
    return {
        "kata": result.kata.slug,
        "file": result.shown,
        "status": result.status,
        "tests": [
            {
                "name": test.name,
                "status": test.status,
                "message": test.message,
                "where": where(test.where),
                "output": test.output,
            }
            for test in result.tests
        ],
        "diagnostics": diagnostics,
        "problem": result.problem,
        "where": where(result.where),
        "notes": result.notes,
        **(extra or {}),
    }


def write_json(result: CheckResult, out: TextIO, extra: dict[str, Any] | None = None) -> None:
    json.dump(as_json(result, extra), out, indent=2)
    out.write("\n")
