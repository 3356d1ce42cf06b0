"""`tutor serve --stdio`: the flag language clients conventionally pass is the default transport.

vscode-languageclient appends `--stdio` when an extension asks for the stdio transport, so a
server that rejects it never starts in VS Code (the crash loop of issue 11).
"""

from __future__ import annotations

from pytest_lsp import LanguageClient

from tests.conftest import TUTOR, run_tutor
from tests.server.conftest import Editor, codes, editor_session, server_config

lsp_stdio = editor_session(server_config(str(TUTOR), "serve", "--stdio"), "visual-studio-code")


async def test_serve_accepts_stdio_and_lints(lsp_stdio: LanguageClient) -> None:
    editor: Editor = lsp_stdio.editor  # type: ignore[attr-defined]
    uri = editor.open("cart.py", "def add(item, bucket=[]):\n    bucket.append(item)\n")
    assert "TUT071" in codes(await editor.diagnostics(uri))


def test_stdio_and_tcp_exclude_each_other() -> None:
    done = run_tutor("serve", "--stdio", "--tcp", "9999")
    assert done.returncode == 2
    assert "exclude each other" in done.stderr
