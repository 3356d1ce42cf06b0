"""Hover over a flagged range: the rule's page (the same as `tutor explain`) and its link."""

from __future__ import annotations

from collections.abc import Callable

from lsprotocol import types

from pitfall_tutor.rules.engine.config import Settings
from pitfall_tutor.rules.engine.rule import Rule
from pitfall_tutor.rules.questions import question
from pitfall_tutor.rules.rule_page import rule_page

from .diagnostics import question_url
from .linting import Linted

FIX_LINES = {
    "safe": "A safe quick fix is offered for this finding.",
    "unsafe": "A quick fix is offered; it can change behaviour, so review it before keeping it.",
}


def hover(
    linted: Linted,
    offset: int,
    markdown: bool,
    history: Callable[[type[Rule], Settings], str | None] | None = None,
) -> types.Hover | None:
    """The pages of every rule flagged at `offset`, or None when nothing is flagged there.

    `history` adds the learner's own count for the rule, when they keep one.
    """
    rules = {rule.name: rule for rule in linted.rules}
    pages: dict[str, types.Range] = {}  # page -> range of its first finding, in order
    for finding, diagnostic in zip(linted.findings, linted.diagnostics, strict=True):
        rule = rules.get(finding.rule)
        if rule is None:
            continue  # syntax errors and other tool findings have no page
        start, end = linted.positions.offset(finding.start), linted.positions.offset(finding.end)
        if not start <= offset <= end:
            continue
        url = question_url(finding, linted.settings.docs_url)
        fix = None if finding.fix is None else "safe" if finding.fix.safe else "unsafe"
        page = _page(rule, fix, url)
        mine = history(rule, linted.settings) if history is not None else None
        pages.setdefault(f"{mine}\n\n{page}" if mine else page, diagnostic.range)
    if not pages:
        return None
    kind = types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText
    value = "\n---\n\n".join(pages)
    return types.Hover(
        contents=types.MarkupContent(kind=kind, value=value), range=next(iter(pages.values()))
    )


def _page(rule: type[Rule], fix: str | None, url: str | None) -> str:
    item = question(rule.question)
    fix_line = FIX_LINES.get(fix or "", "No automatic fix here: this one is yours to rewrite.")
    title = f"Q{item.number}. {item.title}"
    question_line = f"Interview question [{title}]({url})" if url else f"Interview question {title}"
    return rule_page(rule, fix_line, question_line)
