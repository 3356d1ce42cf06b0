"""`tutor serve --stdio`: the flag language clients conventionally pass is the default transport.

vscode-languageclient appends `--stdio` when an extension asks for the stdio transport, so a
server that rejects it never starts in VS Code (the crash loop of issue 11).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from pytest_lsp import LanguageClient

from tests.conftest import TUTOR, run_tutor
from tests.server.conftest import Editor, codes, server_config, start_editor


@pytest_lsp.fixture(config=server_config(str(TUTOR), "serve", "--stdio"))
async def lsp_stdio(
    lsp_client: LanguageClient, request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[None]:
    await start_editor(lsp_client, request, tmp_path, "visual-studio-code")
    yield
    await lsp_client.shutdown_session()


async def test_serve_accepts_stdio_and_lints(lsp_stdio: LanguageClient) -> None:
    editor: Editor = lsp_stdio.editor  # type: ignore[attr-defined]
    uri = editor.open("cart.py", "def add(item, bucket=[]):\n    bucket.append(item)\n")
    assert "TUT071" in codes(await editor.diagnostics(uri))


def test_stdio_and_tcp_exclude_each_other() -> None:
    done = run_tutor("serve", "--stdio", "--tcp", "9999")
    assert done.returncode == 2
    assert "exclude each other" in done.stderr
