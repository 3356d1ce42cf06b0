"""Findings as LSP diagnostics: range in the client's units, code, link and fix.

`data` carries the rule, its question and the fix with its edits already in
client units, so a client (or a test) can read the fix from the diagnostic
alone, the way ruff's server does.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from lsprotocol import types

from pitfall_tutor.rules.engine.findings import Edit, Finding, Severity
from pitfall_tutor.rules.questions.learn import learn_link

from .positions import PositionMap

SOURCE = "tutor"

SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def question_url(finding: Finding, docs_url: str | None) -> str | None:
    """The page of the finding's interview question; tool findings have none.

    The same link logic as the CLI (rules/questions/learn.py): `docs-url`, else
    the rendered page in the cache, which is rendered in the background the
    first time a link is given out.
    """
    if finding.tool or finding.question <= 0:
        return None
    url = _learn_url(finding.question, finding.rule, finding.code, docs_url)
    if url and url.startswith("file:"):
        from pitfall_tutor.cli.site.cache import ensure_site_soon

        ensure_site_soon()
    return url


@functools.lru_cache(maxsize=512)
def _learn_url(question: int, rule: str, code: str, docs_url: str | None) -> str | None:
    """Once per rule in a session, not once per finding per edit: each link built a
    `pathlib` path, whose interned parts churned the interpreter's interned-string
    table until it was rebuilt, a megabyte at a time (issue 17)."""
    return learn_link(question, rule, code, docs_url, local=True).url


def text_edits(edits: Sequence[Edit], positions: PositionMap) -> list[types.TextEdit]:
    return [
        types.TextEdit(range=positions.client_range(edit.start, edit.end), new_text=edit.content)
        for edit in edits
    ]


def to_diagnostic(
    finding: Finding, positions: PositionMap, docs_url: str | None, uri: str | None = None
) -> types.Diagnostic:
    url = question_url(finding, docs_url)
    data: dict[str, Any] = {"rule": finding.rule, "question": finding.question}
    if finding.fix is not None:
        data["fix"] = {
            "safe": finding.fix.safe,
            "edits": [
                {
                    "range": {
                        "start": {
                            "line": edit.range.start.line,
                            "character": edit.range.start.character,
                        },
                        "end": {"line": edit.range.end.line, "character": edit.range.end.character},
                    },
                    "newText": edit.new_text,
                }
                for edit in text_edits(finding.fix.edits, positions)
            ],
        }
    return types.Diagnostic(
        range=positions.client_range(finding.start, finding.end),
        message=finding.message,
        severity=SEVERITY[finding.severity],
        code=finding.code,
        code_description=types.CodeDescription(href=url) if url else None,
        source=SOURCE,
        data=data,
        related_information=[
            types.DiagnosticRelatedInformation(
                location=types.Location(uri=uri, range=positions.client_range(r.start, r.end)),
                message=r.message,
            )
            for r in finding.related
        ]
        if finding.related and uri is not None
        else None,
    )
