"""The editor's share of the history: a saved file is recorded, the hover counts the month."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from pitfall_tutor.katas import history
from tests.conftest import TUTOR
from tests.server.conftest import Editor, editor_session, only, recording_client, wait_for
from tests.server.test_hover import hover_at

DATA = Path(tempfile.mkdtemp(prefix="tutor-editor-history-"))
BAD = "def add(item, bucket=[]):\n    return bucket\n"

CONFIG = ClientServerConfig(
    server_command=[str(TUTOR), "serve"],
    client_factory=recording_client,
    server_env={**os.environ, history.ENVIRONMENT: str(DATA)},
)


lsp_history = editor_session(CONFIG, "visual-studio-code")


@pytest.fixture
def code(lsp_history: LanguageClient) -> Editor:
    return lsp_history.editor  # type: ignore[attr-defined, no-any-return]


def runs() -> list[tuple[object, ...]]:
    database = DATA / history.DATABASE
    if not database.is_file():
        return []
    with sqlite3.connect(database) as db:
        return db.execute("SELECT source, files, findings FROM runs ORDER BY id").fetchall()


async def test_opened_and_saved_files_are_recorded_and_hover_counts_them(code: Editor) -> None:
    for old in DATA.glob("*"):
        old.unlink()
    (code.root / "pyproject.toml").write_text("[tool.tutor]\nhistory = true\n", encoding="utf-8")
    uri = code.open("cart.py", BAD)
    flagged = only(await code.diagnostics(uri), "TUT071")
    await wait_for(lambda: runs() == [("editor", 1, 1)])
    code.client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    await wait_for(lambda: len(runs()) == 2)
    # Same file, same day: the count is replaced, not added; typing records nothing.
    code.set_text(uri, BAD + "\n")
    await code.diagnostics(uri)
    assert len(runs()) == 2
    shown = await hover_at(code, uri, 0, flagged.range.start.character + 1)
    assert shown is not None and isinstance(shown.contents, types.MarkupContent)
    assert "You have hit this once this month: `tutor kata arguments`" in shown.contents.value


async def test_no_history_no_record_no_line(code: Editor) -> None:
    for old in DATA.glob("*"):
        old.unlink()
    uri = code.open("cart.py", BAD)
    flagged = only(await code.diagnostics(uri), "TUT071")
    shown = await hover_at(code, uri, 0, flagged.range.start.character + 1)
    assert shown is not None and isinstance(shown.contents, types.MarkupContent)
    assert "You have hit this" not in shown.contents.value
    assert runs() == [] and not list(DATA.iterdir())
