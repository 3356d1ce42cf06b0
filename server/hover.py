"""Hover over a flagged range: the rule's page (the same as `tutor explain`) and its link."""

from __future__ import annotations

import re
from collections.abc import Callable

from lsprotocol import types

from pitfall_tutor.rules.engine.config import Settings
from pitfall_tutor.rules.engine.rule import Rule
from pitfall_tutor.rules.questions import question
from pitfall_tutor.rules.rule_page import examples, rule_page

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
        page = _page(rule, fix, url) if markdown else _plain_page(rule, fix, url)
        mine = history(rule, linted.settings) if history is not None else None
        pages.setdefault(f"{mine}\n\n{page}" if mine else page, diagnostic.range)
    if not pages:
        return None
    kind = types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText
    value = ("\n---\n\n" if markdown else "\n\n").join(pages)
    return types.Hover(
        contents=types.MarkupContent(kind=kind, value=value), range=next(iter(pages.values()))
    )


def _page(rule: type[Rule], fix: str | None, url: str | None) -> str:
    item = question(rule.question)
    fix_line = FIX_LINES.get(fix or "", "No automatic fix here: this one is yours to rewrite.")
    title = f"Q{item.number}. {item.title}"
    question_line = f"Interview question [{title}]({url})" if url else f"Interview question {title}"
    return rule_page(rule, fix_line, question_line)


_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_INLINE = re.compile(r"(\*\*|__|`|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*]))")


def plain(text: str) -> str:
    """Inline Markdown read aloud: links as `text (url)`, no backticks or emphasis marks."""
    return _INLINE.sub("", _LINK.sub(r"\1 (\2)", text))


def _plain_page(rule: type[Rule], fix: str | None, url: str | None) -> str:
    """The same page for clients that show hovers as plain text (no Markdown syntax)."""
    item = question(rule.question)
    fix_line = FIX_LINES.get(fix or "", "No automatic fix here: this one is yours to rewrite.")
    title = f"Q{item.number}. {item.title}"
    bad, good = examples(rule)
    return "\n".join(
        [
            f"{rule.code} {rule.name}: {plain(rule.message)} (severity: {rule.severity.value})",
            "",
            plain(rule.explanation),
            "",
            "Flagged:",
            *(f"    {line}" for line in bad.rstrip().splitlines()),
            "",
            "Better:",
            *(f"    {line}" for line in good.rstrip().splitlines()),
            "",
            fix_line,
            f"Interview question {title}" + (f": {url}" if url else ""),
        ]
    )
