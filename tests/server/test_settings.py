"""Settings from the editor and from pyproject.toml, and how changes reach the diagnostics."""

from __future__ import annotations

import pytest
from lsprotocol import types

from .conftest import Editor, codes, only, wait_for

PITFALLS = "import json\n\n\ndef add(item, bucket=[]):\n    return json.dumps(bucket)\n"


@pytest.mark.settings(ignore=["TUT071"])
async def test_initialization_options(editor: Editor) -> None:
    uri = editor.open("cart.py", PITFALLS)
    assert "TUT071" not in codes(await editor.diagnostics(uri))


@pytest.mark.settings(
    severity={"mutable-default-argument": "error"},
    docsUrl="https://tutor.example/{slug}.html#{rule}",
)
async def test_severity_and_docs_url(editor: Editor) -> None:
    uri = editor.open("cart.py", PITFALLS)
    found = only(await editor.diagnostics(uri), "TUT071")
    assert found.severity == types.DiagnosticSeverity.Error
    assert found.code_description is not None
    href = "https://tutor.example/q07-arguments.html#mutable-default-argument"
    assert found.code_description.href == href


@pytest.mark.settings(enable=False)
async def test_disabled(editor: Editor) -> None:
    uri = editor.open("cart.py", PITFALLS)
    assert await editor.diagnostics(uri) == []


async def test_a_settings_change_relints_open_documents(editor: Editor) -> None:
    uri = editor.open("cart.py", PITFALLS)
    assert "TUT071" in codes(await editor.diagnostics(uri))
    editor.client.set_configuration({"tutor": {"ignore": ["mutable-default-argument"]}})
    before = len(editor.client.published)  # type: ignore[attr-defined]
    editor.client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings=None)
    )
    if not editor.pull:  # pushed anew, without any edit
        await wait_for(lambda: len(editor.client.published) > before)  # type: ignore[attr-defined]
        assert "TUT071" not in codes(list(editor.client.diagnostics[uri]))
    assert "TUT071" not in codes(await editor.diagnostics(uri))


async def test_bad_settings_are_reported_once_and_ignored(editor: Editor) -> None:
    editor.client.set_configuration({"tutor": {"select": ["no-such-rule"], "debounce": "soon"}})
    editor.client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings=None)
    )
    uri = editor.open("cart.py", PITFALLS)
    assert "TUT071" in codes(await editor.diagnostics(uri))
    editor.client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings=None)
    )
    await editor.diagnostics(uri)
    shown = [message.message for message in editor.client.messages]
    assert len(shown) == len(set(shown)), "a problem was shown twice"
    assert any("no-such-rule" in message for message in shown), shown
    assert any("debounce" in message for message in shown), shown
    assert all(message.type == types.MessageType.Warning for message in editor.client.messages)


async def test_pyproject_applies_and_is_reread_when_it_changes(editor: Editor) -> None:
    pyproject = editor.root / "pyproject.toml"
    pyproject.write_text('[tool.tutor]\nignore = ["mutable-default-argument"]\n')
    uri = editor.open("src/cart.py", PITFALLS)
    assert "TUT071" not in codes(await editor.diagnostics(uri))

    pyproject.write_text("[tool.tutor]\nignore = []\n")
    if editor.preset == "visual-studio-code":  # it asked to watch pyproject.toml
        registered = [r.method for r in editor.client.registrations]  # type: ignore[attr-defined]
        assert types.WORKSPACE_DID_CHANGE_WATCHED_FILES in registered
        before = len(editor.client.published)  # type: ignore[attr-defined]
        editor.client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[types.FileEvent(uri=pyproject.as_uri(), type=types.FileChangeType.Changed)]
            )
        )
        await wait_for(lambda: len(editor.client.published) > before)  # type: ignore[attr-defined]
        assert "TUT071" in codes(list(editor.client.diagnostics[uri]))
    else:  # no file watching: the next lint notices the new pyproject.toml by itself
        editor.replace(uri, (0, 0), (0, 0), "# edited\n")
        assert "TUT071" in codes(await editor.diagnostics(uri))


async def test_a_broken_pyproject_is_reported_not_fatal(editor: Editor) -> None:
    (editor.root / "pyproject.toml").write_text('[tool.tutor]\nselect = "everything"\nbad = 1\n')
    uri = editor.open("cart.py", PITFALLS)
    assert "TUT071" in codes(await editor.diagnostics(uri))  # defaults apply meanwhile
    await wait_for(lambda: editor.client.messages)
    assert "pyproject.toml" in editor.client.messages[0].message


VSCODE_SECTION = {  # what the extension's defaults look like through workspace/configuration
    "enable": True,
    "interpreter": "",
    "select": [],
    "ignore": ["global-statement"],
    "severity": {},
    "docsUrl": "",
    "debounce": 250,
    "codeActions": {"fix": True, "suppress": False, "fixAll": True, "openQuestion": True},
    "trace": {"server": "off"},
}


async def test_the_vscode_extension_settings_are_understood(vscode: Editor) -> None:
    vscode.client.set_configuration({"tutor": VSCODE_SECTION})
    vscode.client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings=None)
    )
    uri = vscode.open("cart.py", PITFALLS)
    flagged = only(await vscode.diagnostics(uri), "TUT071")
    titles = [action.title for action in await vscode.code_actions(uri, flagged)]
    assert not any(title.startswith("Suppress") for title in titles)
    assert vscode.client.messages == []  # nothing unknown, nothing invalid
