"""What a lint run produces: findings, their positions and their fixes.

Positions are 1-based lines and 0-based columns counted in code points, as
LibCST counts them. Output formats and the language server convert from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any


class Severity(str, Enum):
    """How loudly a finding speaks; maps onto LSP and SARIF levels."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, order=True)
class Position:
    line: int  # 1-based
    column: int  # 0-based, in code points


@dataclass(frozen=True)
class Edit:
    """Replace the text between two positions with `content`."""

    start: Position
    end: Position
    content: str


@dataclass(frozen=True)
class Fix:
    safe: bool
    edits: tuple[Edit, ...]
    # False when the lint was asked not to build edits (`tutor lint` text output):
    # the fix is known to exist and how safe it is, and `edits` is empty.
    built: bool = field(default=True, compare=False)


@dataclass(frozen=True)
class Related:
    """Another place of the same pitfall, shown with the one finding (SARIF
    `relatedLocations`, LSP `relatedInformation`): one pitfall, one finding."""

    start: Position
    end: Position
    message: str


@dataclass(frozen=True)
class Finding:
    """One diagnostic. `rule` is the kebab-case name, `code` the stable code."""

    path: str
    start: Position
    end: Position
    code: str
    rule: str
    question: int
    severity: Severity
    message: str
    fix: Fix | None = None
    # Tool findings (syntax errors, crashes) are not suppressible by rule name.
    tool: bool = False
    # 1-based notebook cell (counting every cell); positions are then within the cell.
    cell: int | None = None
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    related: tuple[Related, ...] = ()

    @property
    def sort_key(self) -> tuple[str, int, int, int, str]:
        return (self.path, self.cell or 0, self.start.line, self.start.column, self.code)

    def moved_down(self, lines: int, keep_fix: bool = True) -> Finding:
        """The same finding `lines` lines lower (its lines moved, their text unchanged):
        positions, related places and fix edits; `keep_fix=False` drops the fix."""
        fix = self.fix if keep_fix else None
        if fix is not None and fix.edits:
            edits = tuple(
                Edit(_down(edit.start, lines), _down(edit.end, lines), edit.content)
                for edit in fix.edits
            )
            fix = Fix(fix.safe, edits, fix.built)
        return replace(
            self,
            start=_down(self.start, lines),
            end=_down(self.end, lines),
            fix=fix,
            related=tuple(
                Related(_down(r.start, lines), _down(r.end, lines), r.message) for r in self.related
            ),
        )


def _down(position: Position, lines: int) -> Position:
    return Position(position.line + lines, position.column)


def _point(position: Position) -> dict[str, int]:
    return {"line": position.line, "column": position.column + 1}


def finding_json(finding: Finding, url: str | None) -> dict[str, Any]:
    """A finding as `tutor lint --format json` and `tutor kata --format json` show it.

    Lines and columns are 1-based; columns count characters.
    """
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
        "cell": finding.cell,
        "line": finding.start.line,
        "column": finding.start.column + 1,
        "end_line": finding.end.line,
        "end_column": finding.end.column + 1,
        "code": finding.code,
        "rule": finding.rule,
        "question": finding.question,
        "severity": finding.severity.value,
        "message": finding.message,
        "url": url,
        "fix": fix,
        "related": [
            {
                "line": r.start.line,
                "column": r.start.column + 1,
                "end_line": r.end.line,
                "end_column": r.end.column + 1,
                "message": r.message,
            }
            for r in finding.related
        ],
    }
