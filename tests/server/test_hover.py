"""Hover over a flagged range teaches the rule: why, a bad and a good example, the question."""

from __future__ import annotations

import asyncio

from lsprotocol import types

from pitfall_tutor.rules import find_rule

from .conftest import WAIT, Editor, only


async def hover_at(editor: Editor, uri: str, line: int, character: int) -> types.Hover | None:
    return await asyncio.wait_for(
        editor.client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(line=line, character=character),
            )
        ),
        WAIT,
    )


async def test_hover_explains_the_rule_and_links_its_question(editor: Editor) -> None:
    uri = editor.open(
        "cart.py", 'label = "🛒"; add = 1\ndef add(item, bucket=[]):\n    return bucket\n'
    )
    flagged = only(await editor.diagnostics(uri), "TUT071")
    shown = await hover_at(editor, uri, 1, flagged.range.start.character + 1)
    assert shown is not None
    assert isinstance(shown.contents, types.MarkupContent)
    assert shown.contents.kind == types.MarkupKind.Markdown
    page = shown.contents.value
    rule = find_rule("mutable-default-argument")
    assert rule is not None
    assert rule.explanation in page
    assert "## Flagged" in page and "## Better" in page
    assert rule.flagged is not None and rule.better is not None
    assert rule.flagged.strip() in page and rule.better.strip() in page  # bad and good example
    assert "[Q7. " in page and flagged.code_description is not None
    assert f"]({flagged.code_description.href})" in page
    assert shown.range == flagged.range


async def test_no_hover_away_from_findings(editor: Editor) -> None:
    uri = editor.open("cart.py", "def add(item, bucket=[]):\n    return bucket\n")
    await editor.diagnostics(uri)
    assert await hover_at(editor, uri, 1, 6) is None
