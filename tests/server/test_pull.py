"""Pull diagnostics as today's VS Code asks for them: answered at once, refreshed later.

vscode-languageclient 9 empties a document's diagnostics when the next keystroke
cancels a pull that is still waiting. So the server answers every pull from its
last finished lint (`unchanged` when the client already has it) and sends
`workspace/diagnostic/refresh` once the newer lint is done. A long debounce
shows it: the pull is answered while the lint of the new text has not even begun.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

from .conftest import WAIT, Editor, codes, server_config, wait_for

CLEAN = "def add(item, bucket=None):\n    return bucket\n"
LONG_DEBOUNCE_MS = 1500  # long enough that a pull that waited for it would be seen waiting


def vscode_pull_capabilities() -> types.ClientCapabilities:
    """VS Code 1.65's preset plus what VS Code 1.139 adds: pull diagnostics and refresh."""
    capabilities = client_capabilities("visual-studio-code")
    assert capabilities.text_document is not None and capabilities.workspace is not None
    capabilities.text_document.diagnostic = types.DiagnosticClientCapabilities(
        dynamic_registration=True, related_document_support=False
    )
    capabilities.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(
        refresh_support=True
    )
    return capabilities


@pytest_lsp.fixture(config=server_config())
async def lsp_pull(lsp_client: LanguageClient, tmp_path: Path) -> AsyncIterator[None]:
    session = Editor(lsp_client, tmp_path, "visual-studio-code")
    await session.start(vscode_pull_capabilities(), debounce=LONG_DEBOUNCE_MS)
    lsp_client.editor = session  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


@pytest.fixture
def code(lsp_pull: LanguageClient) -> Editor:
    return lsp_pull.editor  # type: ignore[attr-defined, no-any-return]


async def pull(
    editor: Editor, uri: str, previous: str | None = None
) -> types.DocumentDiagnosticReport:
    return await asyncio.wait_for(  # type: ignore[no-any-return]
        editor.client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(
                text_document=types.TextDocumentIdentifier(uri=uri), previous_result_id=previous
            )
        ),
        WAIT,
    )


async def test_a_pull_while_typing_keeps_what_the_client_has(code: Editor) -> None:
    uri = code.open("cart.py", CLEAN)
    first = await pull(code, uri)  # the first lint is waited for: there is nothing older
    assert isinstance(first, types.RelatedFullDocumentDiagnosticReport)
    assert codes(list(first.items)) == []
    assert first.result_id is not None

    code.replace(uri, (0, 21), (0, 25), "[]")  # the learner types the pitfall
    refreshes = code.client.diagnostic_refresh_count
    during = await pull(code, uri, first.result_id)
    # Answered from the last lint, long before the debounce lets the new one start.
    assert isinstance(during, types.RelatedUnchangedDocumentDiagnosticReport)
    assert during.result_id == first.result_id

    await wait_for(lambda: code.client.diagnostic_refresh_count > refreshes)
    after = await pull(code, uri, first.result_id)
    assert isinstance(after, types.RelatedFullDocumentDiagnosticReport)
    assert codes(list(after.items)) == ["TUT071"]
    assert after.result_id != first.result_id
    again = await pull(code, uri, after.result_id)
    assert isinstance(again, types.RelatedUnchangedDocumentDiagnosticReport)


async def test_a_cancelled_pull_costs_nothing(code: Editor) -> None:
    """The next keystroke cancels a pull: the server still lints the newest text and says so."""
    uri = code.open("cart.py", CLEAN)
    first = await pull(code, uri)
    assert isinstance(first, types.RelatedFullDocumentDiagnosticReport)
    refreshes = code.client.diagnostic_refresh_count
    code.replace(uri, (0, 21), (0, 25), "[]")
    answer = code.client.protocol.send_request_async(
        types.TEXT_DOCUMENT_DIAGNOSTIC,
        types.DocumentDiagnosticParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            previous_result_id=first.result_id,
        ),
        msg_id="pull-to-cancel",
    )
    code.client.protocol.notify(types.CANCEL_REQUEST, types.CancelParams(id="pull-to-cancel"))
    code.replace(uri, (0, 0), (0, 0), "import os\n")  # the keystroke that cancelled it
    try:  # cancelled before it ran, or already answered from the last lint: both are fine
        report = await asyncio.wait_for(answer, WAIT)
    except Exception as error:
        assert "cancel" in str(error).lower()
    else:
        assert isinstance(report, types.RelatedUnchangedDocumentDiagnosticReport)
        assert report.result_id == first.result_id

    await wait_for(lambda: code.client.diagnostic_refresh_count > refreshes)
    after = await pull(code, uri, first.result_id)
    assert isinstance(after, types.RelatedFullDocumentDiagnosticReport)
    assert codes(list(after.items)) == ["TUT071"]
    assert after.items[0].range.start.line == 1  # the newest text, with the import above


@pytest.mark.settings(sizeLimit=300)
async def test_a_huge_document_is_checked_on_open_and_save_and_says_so(vscode: Editor) -> None:
    huge = "def add(item, bucket=[]):\n    return bucket\n" + "LIMIT = 1\n" * 40
    uri = vscode.open("huge.py", huge)
    assert codes(await vscode.diagnostics(uri)) == ["TUT071"]  # checked when opened
    said = [m.message for m in vscode.client.messages if "huge.py" in m.message]
    assert len(said) == 1 and "saved" in said[0]

    small = vscode.open("small.py", "def tally(counts={}):\n    return counts\n")
    assert codes(await vscode.diagnostics(small)) == ["TUT071"]  # its own lane, at once

    version = vscode.replace(uri, (0, 21), (0, 23), "None")  # typing: not checked
    vscode.replace(small, (0, 0), (0, 0), "\n")
    await vscode.diagnostics(small)  # the small file goes on being checked meanwhile
    assert vscode.published(uri, version) is None

    vscode.client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert codes(await vscode.diagnostics(uri)) == []  # saved: checked
    said = [m.message for m in vscode.client.messages if "huge.py" in m.message]
    assert len(said) == 1  # told once
