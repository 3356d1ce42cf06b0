"""The server under a stream of edits, valid and invalid, from a scripted editor.

Every request must be answered; per document, published versions only move
forward and each publish holds exactly what `lint_text` finds in the text of
that version (so nothing stale or mixed up is ever shown); and when the
editing stops, every document shows its final version. The default run does a
short stream; `make soak` runs the long one (2,000 edits over 20 documents,
memory watched) and prints its figures.
"""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from pitfall_tutor.rules import ALL_RULES
from pitfall_tutor.rules.engine.config import ConfigFinder
from pitfall_tutor.rules.engine.engine import lint_text
from tests.server.conftest import WAIT, Editor, editor_session, server_config, wait_for

from .programs import EXAMPLES, KEYSTROKES


@dataclass
class Figures:
    edits: int = 0
    requests: int = 0
    answered: int = 0
    publishes: int = 0
    superseded: int = 0  # arrived after a newer edit was sent: in flight, not stale
    memory_kb: list[int] = field(default_factory=list)


def resident_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS line")


def expected(path: Path, text: str) -> list[tuple[str, int, int]]:
    settings = ConfigFinder().for_path(path)
    rules = settings.rules(ALL_RULES, path)
    findings = lint_text(text, str(path), rules, settings.severity)
    return sorted((f.code, f.start.line - 1, f.start.column) for f in findings)


def shown(diagnostics: list[types.Diagnostic]) -> list[tuple[str, int, int]]:
    return sorted((str(d.code), d.range.start.line, d.range.start.character) for d in diagnostics)


def matches(diagnostics: list[types.Diagnostic], path: Path, text: str) -> bool:
    """What the server shows is what `lint_text` finds; beside a syntax error the server also
    keeps the last good findings of untouched lines (tests/server/test_syntax_errors.py)."""
    want = expected(path, text)
    got = shown(diagnostics)
    if any(code == "TUT901" for code, _, _ in want):
        got = [found for found in got if found[0] == "TUT901"]
    return got == want


def random_edit(rng: random.Random, text: str) -> tuple[int, int, str]:
    """Offsets to replace and the new text: a keystroke, a paste, a cut or a rewrite."""
    start = rng.randint(0, len(text))
    kind = rng.random()
    if kind < 0.6:
        return start, min(len(text), start + rng.randint(0, 3)), rng.choice(KEYSTROKES)
    if kind < 0.8:
        return start, start, rng.choice(EXAMPLES)
    if kind < 0.95:
        return start, min(len(text), start + rng.randint(1, 80)), ""
    return 0, len(text), "".join(rng.sample(EXAMPLES, 3))


def position(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n"), len(before) - (before.rfind("\n") + 1)


async def drive(editor: Editor, documents: int, edits: int, seed: int) -> Figures:
    rng = random.Random(seed)
    figures = Figures()
    pid = editor.client._server.pid  # type: ignore[union-attr]
    uris = [editor.open(f"doc{n}.py", "".join(rng.sample(EXAMPLES, 4))) for n in range(documents)]
    history = {(uri, 1): editor.texts[uri] for uri in uris}  # (uri, version) -> text
    figures.memory_kb.append(resident_kb(pid))
    pending: list[asyncio.Future[object]] = []
    for number in range(edits):
        uri = rng.choice(uris)
        old = editor.texts[uri]
        start, end, new = random_edit(rng, old)
        if len(old) - (end - start) + len(new) > 20_000:
            start, end, new = 0, len(old), rng.choice(EXAMPLES)  # keep documents editor-sized
        version = editor.replace(uri, position(old, start), position(old, end), new)
        history[(uri, version)] = editor.texts[uri]
        figures.edits += 1
        if rng.random() < 0.2:
            pending.append(asyncio.ensure_future(ask(editor, uri, rng)))
            figures.requests += 1
        if number % 5 == 4:
            await asyncio.sleep(0.01)  # typing pauses: some lints land mid-stream
        if number % 50 == 49:
            figures.memory_kb.append(resident_kb(pid))
    results = await asyncio.gather(*pending, return_exceptions=True)
    failures = [result for result in results if isinstance(result, BaseException)]
    figures.answered = len(results) - len(failures)
    assert not failures, failures[:3]
    for uri in uris:  # the editing stopped: each document shows its last version
        final = editor.versions[uri]
        published = await wait_for(lambda uri=uri, final=final: editor.published(uri, final))
        assert matches(published.diagnostics, editor.root / name_of(uri), editor.texts[uri])
    figures.memory_kb.append(resident_kb(pid))
    check_publishes(editor, figures, history)
    return figures


def name_of(uri: str) -> str:
    return uri.rsplit("/", 1)[-1]


async def ask(editor: Editor, uri: str, rng: random.Random) -> object:
    """A hover or a code action somewhere in the document, as an editor sends them."""
    text = editor.texts[uri]
    line, character = position(text, rng.randint(0, len(text)))
    where = types.Position(line=line, character=character)
    if rng.random() < 0.5:
        params = types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=where
        )
        return await asyncio.wait_for(editor.client.text_document_hover_async(params), WAIT)
    return await editor.code_actions(uri)


def check_publishes(editor: Editor, figures: Figures, history: dict[tuple[str, int], str]) -> None:
    """Versions only move forward per document, and each publish matches its version's text."""
    latest: dict[str, int] = {}
    for params in editor.client.published:  # type: ignore[attr-defined]
        figures.publishes += 1
        assert params.version is not None
        assert params.version >= latest.get(params.uri, 0), "an older version published later"
        latest[params.uri] = params.version
        text = history[(params.uri, params.version)]
        assert matches(params.diagnostics, editor.root / name_of(params.uri), text)
        figures.superseded += params.version != editor.versions[params.uri]


# VS Code\'s capabilities: diagnostics are pushed, each with its version.
lsp_push = editor_session(server_config(), "visual-studio-code")


@pytest.fixture
def soak_editor(lsp_push: LanguageClient) -> Editor:
    return lsp_push.editor  # type: ignore[attr-defined, no-any-return]


@pytest.mark.parametrize("seed", [7, 2024])
async def test_short_edit_stream_is_answered_and_never_stale(
    soak_editor: Editor, seed: int
) -> None:
    figures = await drive(soak_editor, documents=3, edits=120, seed=seed)
    assert figures.answered == figures.requests > 0


@pytest.mark.soak
async def test_soak_2000_edits_over_20_documents(soak_editor: Editor) -> None:
    figures = await drive(soak_editor, documents=20, edits=2000, seed=1)
    start, end = figures.memory_kb[0], figures.memory_kb[-1]
    print(
        f"\nsoak: {figures.edits} edits, {figures.requests} requests, {figures.answered} answered, "
        f"{figures.publishes} publishes, each matching its version's text ({figures.superseded} "
        f"for versions edited again later; 0 out of order, 0 stale), memory {start / 1024:.1f} MB -> "
        f"{end / 1024:.1f} MB (peak {max(figures.memory_kb) / 1024:.1f} MB)"
    )
    assert figures.answered == figures.requests
    assert end - start <= 50 * 1024
