"""One pitfall, one finding: repeats become related places, shown by every output."""

from __future__ import annotations

import json
from pathlib import Path

from pitfall_tutor.rules import find_rule
from pitfall_tutor.rules.engine.engine import lint_text
from pitfall_tutor.rules.engine.findings import Finding, Position, finding_json
from pitfall_tutor.server.diagnostics import to_diagnostic
from pitfall_tutor.server.positions import PositionMap
from tests.conftest import run_tutor

CONCAT = (
    "def render(rows):\n    out = ''\n    for row in rows:\n        if row:\n"
    "            out += 'x'\n        else:\n            out += 'y'\n"
    "        for cell in row:\n            out += cell\n    return out\n"
)
GLOBALS = "a = b = 0\n\ndef f():\n    global a\n    a = 1\n    global b\n    b = 2\n"


def _lint(rule_name: str, code: str) -> list[Finding]:
    rule = find_rule(rule_name)
    assert rule is not None
    return lint_text(code, "example.py", [rule])


def test_string_concat_reports_once_per_accumulator_per_loop() -> None:
    [finding] = _lint("string-concat-in-loop", CONCAT)
    assert finding.start.line == 5
    assert [place.start.line for place in finding.related] == [7, 9]
    assert all("`out`" in place.message for place in finding.related)


def test_two_accumulators_are_two_findings() -> None:
    code = "a = b = ''\nfor x in xs:\n    a += x\n    b += x\n    a += x\n"
    findings = _lint("string-concat-in-loop", code)
    assert [(f.start.line, [r.start.line for r in f.related]) for f in findings] == [
        (3, [5]),
        (4, []),
    ]


def test_global_statement_reports_once_per_function() -> None:
    [finding] = _lint("global-statement", GLOBALS)
    assert finding.start == Position(4, 4)
    [place] = finding.related
    assert place.start == Position(6, 4) and "global b" in place.message


def test_json_and_lsp_carry_the_related_places() -> None:
    [finding] = _lint("global-statement", GLOBALS)
    shown = finding_json(finding, None)["related"]
    assert shown == [
        {
            "line": 6,
            "column": 5,
            "end_line": 6,
            "end_column": 13,
            "message": "`global b` in the same function",
        }
    ]
    diagnostic = to_diagnostic(finding, PositionMap(GLOBALS), None, "file:///example.py")
    [info] = diagnostic.related_information or []
    assert info.location.uri == "file:///example.py"
    assert (info.location.range.start.line, info.location.range.start.character) == (5, 4)
    assert info.message == "`global b` in the same function"


def test_sarif_has_related_locations(tmp_path: Path) -> None:
    (tmp_path / "render.py").write_text(CONCAT, encoding="utf-8")
    result = run_tutor("lint", "--no-cache", "--format", "sarif", "render.py", cwd=tmp_path)
    [found] = [
        r for r in json.loads(result.stdout)["runs"][0]["results"] if r["ruleId"] == "TUT161"
    ]
    lines = [
        place["physicalLocation"]["region"]["startLine"] for place in found["relatedLocations"]
    ]
    assert lines == [7, 9]
    assert found["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "render.py"
    )
