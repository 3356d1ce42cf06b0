"""Server correctness found while timing it: odd answers and odd orders get sane replies."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from tests.conftest import TUTOR

from .conftest import WAIT, Editor, codes, recording_client, server_config
from .test_resilience import INITIALIZE, RawClient


def null_show_document_client() -> LanguageClient:
    """A client that answers `window/showDocument` with null, as some do."""
    client = recording_client()

    def show_document(params: types.ShowDocumentParams) -> None:
        return None

    client.protocol.fm.features[types.WINDOW_SHOW_DOCUMENT] = show_document
    return client


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=[str(TUTOR), "serve"], client_factory=null_show_document_client
    )
)
async def lsp_null(lsp_client: LanguageClient, tmp_path: Path) -> AsyncIterator[None]:
    session = Editor(lsp_client, tmp_path, "visual-studio-code")
    await session.start(client_capabilities("visual-studio-code"))
    lsp_client.editor = session  # type: ignore[attr-defined]
    yield
    result = await asyncio.wait_for(lsp_client.shutdown_async(None), WAIT)
    assert result is None  # answered, without an internal error
    lsp_client.exit(None)


async def test_a_null_show_document_answer_falls_back_to_a_message(
    lsp_null: LanguageClient,
) -> None:
    url = "https://example.org/q07.html"
    shown = await asyncio.wait_for(
        lsp_null.workspace_execute_command_async(
            types.ExecuteCommandParams(command="tutor.openQuestion", arguments=[url])
        ),
        WAIT,
    )
    assert shown is False
    assert any(url in message.message for message in lsp_null.messages)


async def test_a_change_to_a_document_never_opened_is_ignored(vscode: Editor) -> None:
    never = (vscode.root / "never.py").as_uri()
    vscode.client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=never, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text="x = []\n")],
        )
    )
    uri = vscode.open("cart.py", "def add(item, bucket=[]):\n    return bucket\n")
    assert codes(await vscode.diagnostics(uri)) == ["TUT071"]  # still serving
    errors = [m for m in vscode.client.log_messages if m.type == types.MessageType.Error]
    assert errors == []


def test_a_batch_gets_an_error_reply() -> None:
    """JSON-RPC batches are not part of LSP: the client hears so instead of waiting."""
    client = RawClient()
    client.send({"id": 1, **INITIALIZE})
    assert "capabilities" in client.answer(1)["result"]
    client.send_bytes(b'[{"jsonrpc": "2.0", "id": 2, "method": "shutdown"}]')
    reply = client.receive()
    assert reply.get("id") is None and reply["error"]["code"] == -32600  # InvalidRequest
    client.send({"id": 3, "method": "shutdown"})
    assert client.answer(3)["result"] is None  # the batch was not run; this one is
    client.send({"method": "exit"})
    code, stderr = client.finish()
    assert code == 0 and "Traceback" not in stderr


@pytest_lsp.fixture(config=server_config())
async def lsp_plain(lsp_client: LanguageClient, tmp_path: Path) -> AsyncIterator[None]:
    session = Editor(lsp_client, tmp_path, "visual-studio-code")
    capabilities = client_capabilities("visual-studio-code")
    assert capabilities.text_document is not None
    capabilities.text_document.hover = types.HoverClientCapabilities(
        content_format=[types.MarkupKind.PlainText]
    )
    await session.start(capabilities)
    lsp_client.editor = session  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def test_a_plaintext_hover_has_no_markdown_syntax(lsp_plain: LanguageClient) -> None:
    editor: Editor = lsp_plain.editor  # type: ignore[attr-defined]
    uri = editor.open("cart.py", "def add(item, bucket=[]):\n    return bucket\n")
    assert codes(await editor.diagnostics(uri)) == ["TUT071"]
    shown = await asyncio.wait_for(
        lsp_plain.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(line=0, character=22),
            )
        ),
        WAIT,
    )
    assert shown is not None and isinstance(shown.contents, types.MarkupContent)
    assert shown.contents.kind == types.MarkupKind.PlainText
    text = shown.contents.value
    assert "TUT071" in text and "Q7." in text  # a control: it is the page
    for markdown in ("```", "# ", "*mutable", "](", "`"):
        assert markdown not in text, markdown


def test_plain_text_reads_inline_markdown_aloud() -> None:
    from pitfall_tutor.rules import ALL_RULES
    from pitfall_tutor.server.hover import plain

    assert plain("use `None` and **never** a [list](https://x.org/l)") == (
        "use None and never a list (https://x.org/l)"
    )
    assert plain("a * b and 2*3") == "a * b and 2*3"  # arithmetic stays
    for rule in ALL_RULES:
        for text in (rule.message, rule.explanation):
            shown = plain(text)
            assert "`" not in shown and "**" not in shown and "](" not in shown, rule.name
