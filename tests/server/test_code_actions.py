"""Code actions, applied the way an editor applies them, checked on the resulting text."""

from __future__ import annotations

import asyncio

import pytest
from lsprotocol import types

from .conftest import WAIT, Editor, codes, only

MUTABLE_DEFAULT = (
    "def add(item, bucket=[]):\n    return len(bucket) + item\n"  # read only: a safe fix
)
FIXED = (
    "def add(item, bucket=None):\n    if bucket is None:\n        bucket = []\n"
    "    return len(bucket) + item\n"
)


def titled(actions: list[types.CodeAction], start: str) -> types.CodeAction:
    found = [action for action in actions if action.title.startswith(start)]
    assert len(found) == 1, [action.title for action in actions]
    return found[0]


async def test_quick_fix(editor: Editor) -> None:
    uri = editor.open("cart.py", MUTABLE_DEFAULT)
    flagged = only(await editor.diagnostics(uri), "TUT071")
    action = titled(await editor.code_actions(uri, flagged), "Fix mutable-default-argument")
    assert action.kind == types.CodeActionKind.QuickFix
    assert action.is_preferred is True
    assert action.diagnostics and action.diagnostics[0].code == "TUT071"
    editor.apply(uri, (await editor.resolved(action)).edit)
    assert editor.texts[uri] == FIXED
    assert "TUT071" not in codes(await editor.diagnostics(uri))


async def test_suppress_adds_a_comment(editor: Editor) -> None:
    uri = editor.open("cart.py", MUTABLE_DEFAULT)
    flagged = only(await editor.diagnostics(uri), "TUT071")
    action = titled(await editor.code_actions(uri, flagged), "Suppress mutable-default-argument")
    editor.apply(uri, (await editor.resolved(action)).edit)
    first = editor.texts[uri].split("\n")[0]
    assert first == "def add(item, bucket=[]):  # tutor: ignore[mutable-default-argument]"
    assert "TUT071" not in codes(await editor.diagnostics(uri))


async def test_suppress_extends_an_existing_comment(editor: Editor) -> None:
    text = "def add(item, bucket=[]):  # tutor: ignore[global-statement]\n    return bucket\n"
    uri = editor.open("cart.py", text)
    flagged = only(await editor.diagnostics(uri), "TUT071")
    action = titled(await editor.code_actions(uri, flagged), "Suppress mutable-default-argument")
    editor.apply(uri, (await editor.resolved(action)).edit)
    first = editor.texts[uri].split("\n")[0]
    expected = "# tutor: ignore[global-statement, mutable-default-argument]"
    assert first == f"def add(item, bucket=[]):  {expected}"


async def test_suppress_goes_where_a_comment_can_go(editor: Editor) -> None:
    text = 'def add(item, bucket=["a \\\n b"]):\n    return bucket\n'  # line 1 ends in a string
    uri = editor.open("cart.py", text)
    flagged = only(await editor.diagnostics(uri), "TUT071")
    assert (flagged.range.start.line, flagged.range.end.line) == (0, 1)
    action = titled(await editor.code_actions(uri, flagged), "Suppress mutable-default-argument")
    editor.apply(uri, (await editor.resolved(action)).edit)
    lines = editor.texts[uri].split("\n")
    assert lines[0] == 'def add(item, bucket=["a \\'  # the string is untouched
    assert lines[1] == ' b"]):  # tutor: ignore[mutable-default-argument]'
    assert codes(await editor.diagnostics(uri)) == []


async def test_fix_all_applies_safe_fixes_only(editor: Editor) -> None:
    text = (
        "def add(item, bucket=[]):\n    return len(bucket)\n\n\n"
        "def count(word, seen={}):\n    return word in seen\n"
    )
    uri = editor.open("cart.py", text)
    assert codes(await editor.diagnostics(uri)).count("TUT071") == 2
    fix_all = titled(await editor.code_actions(uri, only=["source.fixAll"]), "Fix all")
    assert fix_all.kind == "source.fixAll.tutor"
    editor.apply(uri, (await editor.resolved(fix_all)).edit)
    assert editor.texts[uri] == (
        "def add(item, bucket=None):\n    if bucket is None:\n        bucket = []\n"
        "    return len(bucket)\n\n\n"
        "def count(word, seen=None):\n    if seen is None:\n        seen = {}\n    return word in seen\n"
    )
    assert "TUT071" not in codes(await editor.diagnostics(uri))


async def test_only_filters_kinds(editor: Editor) -> None:
    uri = editor.open("cart.py", MUTABLE_DEFAULT)
    await editor.diagnostics(uri)
    source = await editor.code_actions(uri, only=["source"])
    assert [action.kind for action in source] == ["source.fixAll.tutor"]
    quick = await editor.code_actions(uri, only=["quickfix"])
    assert quick and all(action.kind == "quickfix" for action in quick)


async def test_open_question_shows_its_page(editor: Editor) -> None:
    uri = editor.open("cart.py", MUTABLE_DEFAULT)
    flagged = only(await editor.diagnostics(uri), "TUT071")
    action = titled(await editor.code_actions(uri, flagged), "Open question 7")
    assert action.command is not None
    await asyncio.wait_for(
        editor.client.workspace_execute_command_async(
            types.ExecuteCommandParams(
                command=action.command.command, arguments=action.command.arguments
            )
        ),
        WAIT,
    )
    shown = editor.client.shown_documents
    assert [document.uri for document in shown] == [flagged.code_description.href]
    assert shown[0].external is False  # the bundled page opens in the editor


@pytest.mark.settings(**{"code-actions": {"suppress": False, "openQuestion": False}})
async def test_each_kind_can_be_switched_off(editor: Editor) -> None:
    uri = editor.open("cart.py", MUTABLE_DEFAULT)
    flagged = only(await editor.diagnostics(uri), "TUT071")
    titles = [action.title for action in await editor.code_actions(uri, flagged)]
    assert titles == ["Fix mutable-default-argument (TUT071)", "Fix all safe tutor findings"]


async def test_a_client_without_resolve_gets_edits_at_once(emacs: Editor) -> None:
    uri = emacs.open("cart.py", 'face = "😀"; x = 1\n' + MUTABLE_DEFAULT)
    flagged = only(await emacs.diagnostics(uri), "TUT071")
    fix_all = titled(await emacs.code_actions(uri, only=["source.fixAll"]), "Fix all")
    assert fix_all.edit is not None  # no codeAction/resolve round trip
    suppress = titled(await emacs.code_actions(uri, flagged), "Suppress mutable-default")
    assert suppress.edit is not None
    emacs.apply(uri, suppress.edit)
    assert emacs.texts[uri].split("\n")[1].endswith("# tutor: ignore[mutable-default-argument]")


async def test_unsafe_fixes_are_offered_but_not_preferred(editor: Editor) -> None:
    uri = editor.open("notes.py", "with open('notes.txt') as f:\n    text = f.read()\n")
    unsafe = [
        d for d in await editor.diagnostics(uri) if d.data.get("fix", {}).get("safe") is False
    ]
    assert unsafe, "expected a rule with an unsafe fix for open() without encoding"
    action = titled(await editor.code_actions(uri, unsafe[0]), f"Fix {unsafe[0].data['rule']}")
    assert action.is_preferred is False and "unsafe" in action.title
    fix_all = await editor.code_actions(uri, only=["source.fixAll"])
    assert fix_all == []  # fix-all applies safe fixes only, and there are none
