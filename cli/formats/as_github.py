"""`--format github`: workflow commands that GitHub shows as inline annotations."""

from __future__ import annotations

from typing import TextIO

from pitfall_tutor.rules.engine.findings import Severity

from ..lint import LintRun

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def write(run: LintRun, out: TextIO) -> None:
    for checked, finding in run.findings:
        link = checked.link(finding, local=False)
        message = finding.message + (f" (learn why: {link.text()})" if link else "")
        title = f"{finding.code} {finding.rule}"
        if finding.cell is not None:  # lines count within the cell, not the JSON file
            title += f" (cell {finding.cell})"
            message = f"cell {finding.cell}, line {finding.start.line}: {message}"
        fields = ",".join(
            [
                f"file={_property(finding.path)}",
                f"line={finding.start.line}",
                f"col={finding.start.column + 1}",
                f"endLine={finding.end.line}",
                f"endColumn={finding.end.column + 1}",
                f"title={_property(title)}",
            ]
        )
        out.write(f"::{LEVEL[finding.severity]} {fields}::{_data(message)}\n")
