"""Diagnostics for the unsaved buffer: pushed to VS Code, pulled by Neovim."""

from __future__ import annotations

from lsprotocol import types

from .conftest import Editor, codes, only, units, wait_for

MUTABLE_DEFAULT = "def add(item, bucket=[]):\n    print(item, bucket)\n"  # read only: a safe fix


async def test_a_pitfall_in_the_unsaved_buffer(editor: Editor) -> None:
    uri = editor.open("cart.py", MUTABLE_DEFAULT)
    found = only(await editor.diagnostics(uri), "TUT071")
    assert found.source == "tutor"
    assert found.severity == types.DiagnosticSeverity.Warning
    assert found.range == types.Range(
        start=types.Position(line=0, character=21), end=types.Position(line=0, character=23)
    )
    assert found.message.startswith("mutable default")
    assert found.code_description is not None
    # The rendered page, in the cache (rendered in the background on first use).
    assert found.code_description.href.endswith("/q07-arguments.html#mutable-default-argument")
    assert found.data["rule"] == "mutable-default-argument"
    assert found.data["question"] == 7
    assert found.data["fix"]["safe"] is True
    assert found.data["fix"]["edits"][0]["newText"].startswith("None")


async def test_edits_update_the_diagnostics(editor: Editor) -> None:
    uri = editor.open("cart.py", "def add(item, bucket=None):\n    return bucket\n")
    assert "TUT071" not in codes(await editor.diagnostics(uri))
    editor.replace(uri, (0, 21), (0, 25), "[]")  # the learner types the pitfall
    assert "TUT071" in codes(await editor.diagnostics(uri))
    editor.replace(uri, (0, 21), (0, 23), "()")
    assert "TUT071" not in codes(await editor.diagnostics(uri))


async def test_columns_after_emoji_use_the_negotiated_encoding(editor: Editor) -> None:
    prefix = 'def greet(face="😀🐍", seen='
    uri = editor.open("emoji.py", f"{prefix}[]):\n    return face, seen\n")
    found = only(await editor.diagnostics(uri), "TUT071")
    start = units(prefix, editor.encoding)
    assert editor.encoding == ("utf-16" if editor.preset == "visual-studio-code" else "utf-8")
    assert found.range.start == types.Position(line=0, character=start)
    assert found.range.end == types.Position(line=0, character=start + 2)
    assert start != len(prefix)  # code points would be wrong here


async def test_a_syntax_error_while_typing_keeps_the_untouched_findings(editor: Editor) -> None:
    uri = editor.open("typing.py", "total = 0\n\n\ndef add(item, bucket=[]):\n    return bucket\n")
    assert "TUT071" in codes(await editor.diagnostics(uri))
    editor.replace(uri, (1, 0), (1, 0), "for x in range(")  # half-typed line
    diagnostics = await editor.diagnostics(uri)
    assert codes(diagnostics) == ["TUT901", "TUT071"]  # the error, and the last good finding
    assert diagnostics[0].range.start.line in (1, 2)
    assert diagnostics[0].severity == types.DiagnosticSeverity.Error
    assert diagnostics[0].code_description is None
    editor.replace(uri, (1, 0), (1, 15), "")
    assert codes(await editor.diagnostics(uri)) == ["TUT071"]
    errors = [m for m in editor.client.log_messages if m.type == types.MessageType.Error]
    assert errors == [] and editor.client.messages == []


async def test_suppressed_and_clean_code_has_no_diagnostics(editor: Editor) -> None:
    text = "def add(item, bucket=[]):  # tutor: ignore[mutable-default-argument]\n    return 1\n"
    uri = editor.open("quiet.py", text)
    assert await editor.diagnostics(uri) == []


async def test_closing_clears_pushed_diagnostics(vscode: Editor) -> None:
    uri = vscode.open("cart.py", MUTABLE_DEFAULT)
    assert "TUT071" in codes(await vscode.diagnostics(uri))
    vscode.close(uri)
    cleared = await wait_for(lambda: vscode.published(uri, None))
    assert list(cleared.diagnostics) == []


async def test_never_publishes_an_older_version(vscode: Editor) -> None:
    uri = vscode.open("burst.py", "values = []\n")
    await vscode.diagnostics(uri)
    for index in range(20):  # a burst of keystrokes, faster than a lint
        vscode.replace(uri, (index + 1, 0), (index + 1, 0), f"def f{index}(x=[]): return x\n")
    final = vscode.versions[uri]
    diagnostics = await vscode.diagnostics(uri)
    assert len([d for d in diagnostics if d.code == "TUT071"]) == 20
    versions = [p.version for p in vscode.client.published if p.uri == uri]
    assert versions == sorted(set(versions)), "a publish went back in time"
    assert versions[-1] == final


async def test_utf32_when_the_client_prefers_it(emacs: Editor) -> None:
    prefix = 'def greet(face="😀🐍", seen='
    uri = emacs.open("emoji.py", f"{prefix}[]):\n    return face, seen\n")
    found = only(await emacs.diagnostics(uri), "TUT071")
    assert emacs.encoding == "utf-32"
    assert found.range.start == types.Position(line=0, character=len(prefix))
