"""`--format json`: one object, 1-based lines and columns counted in characters."""

from __future__ import annotations

import json
from typing import Any, TextIO

from pitfall_tutor.rules.engine.findings import Finding, Position

from ..lint import Checked, LintRun

VERSION = 1


def _point(position: Position) -> dict[str, int]:
    return {"line": position.line, "column": position.column + 1}


def diagnostic(checked: Checked, finding: Finding) -> dict[str, Any]:
    fix = None
    if finding.fix is not None:
        fix = {
            "safe": finding.fix.safe,
            "edits": [
                {"start": _point(e.start), "end": _point(e.end), "content": e.content}
                for e in finding.fix.edits
            ],
        }
    return {
        "path": finding.path,
        "line": finding.start.line,
        "column": finding.start.column + 1,
        "end_line": finding.end.line,
        "end_column": finding.end.column + 1,
        "code": finding.code,
        "rule": finding.rule,
        "question": finding.question,
        "severity": finding.severity.value,
        "message": finding.message,
        "url": checked.url(finding),
        "fix": fix,
    }


def write(run: LintRun, out: TextIO) -> None:
    document = {
        "version": VERSION,
        "files": len(run.checked),
        "diagnostics": [diagnostic(checked, finding) for checked, finding in run.findings],
    }
    json.dump(document, out, indent=2, ensure_ascii=False)
    out.write("\n")
