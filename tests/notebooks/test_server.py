"""`tutor serve` with notebook documents (LSP 3.17 notebookDocument/*), driven by
pytest-lsp with VS Code's capabilities (push) and Neovim's (pull), each with
notebook synchronization added, as VS Code 1.70+ sends it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

from tests.server.conftest import WAIT, apply_edits, pull, server_config, wait_for

MUTABLE = "def add(item, bucket=[]):\n    return bucket + [item]\n"
IMPORT = "import pandas as pd\n"
MERGE = "merged = pd.merge(orders, customers, on='id')\n"


def notebook_capabilities(preset: str) -> types.ClientCapabilities:
    capabilities = client_capabilities(preset)
    capabilities.notebook_document = types.NotebookDocumentClientCapabilities(
        synchronization=types.NotebookDocumentSyncClientCapabilities(
            dynamic_registration=False, execution_summary_support=True
        )
    )
    return capabilities


class NotebookEditor:
    """One notebook open in a test editor: its cells, their texts and versions."""

    def __init__(self, client: LanguageClient, root: Path, preset: str) -> None:
        self.client = client
        self.root = root
        self.pull = preset == "neovim"
        self.uri = ""
        self.version = 0
        self.cells: list[str] = []  # cell URIs in order
        self.texts: dict[str, str] = {}
        self.versions: dict[str, int] = {}
        self.made = 0
        self.capabilities: types.ServerCapabilities | None = None

    async def start(self, preset: str) -> None:
        result = await self.client.initialize_session(
            types.InitializeParams(
                capabilities=notebook_capabilities(preset),
                root_uri=self.root.as_uri(),
                workspace_folders=[types.WorkspaceFolder(uri=self.root.as_uri(), name="p")],
                initialization_options={"settings": {"debounce": 0}},
            )
        )
        self.capabilities = result.capabilities

    def _cell(
        self, text: str, kind: str = "python"
    ) -> tuple[types.NotebookCell, types.TextDocumentItem]:
        self.made += 1
        uri = f"vscode-notebook-cell:{self.root / 'analysis.ipynb'}#C{self.made}"
        self.texts[uri] = text
        self.versions[uri] = 1
        cell_kind = (
            types.NotebookCellKind.Code if kind == "python" else types.NotebookCellKind.Markup
        )
        return (
            types.NotebookCell(kind=cell_kind, document=uri),
            types.TextDocumentItem(uri=uri, language_id=kind, version=1, text=text),
        )

    def open(self, *cells: str | tuple[str, str]) -> list[str]:
        path = self.root / "analysis.ipynb"
        path.write_text("{}", encoding="utf-8")
        self.uri = path.as_uri()
        made = [self._cell(c) if isinstance(c, str) else self._cell(c[1], c[0]) for c in cells]
        self.cells = [cell.document for cell, _ in made]
        self.client.notebook_document_did_open(
            types.DidOpenNotebookDocumentParams(
                notebook_document=types.NotebookDocument(
                    uri=self.uri,
                    notebook_type="jupyter-notebook",
                    version=0,
                    cells=[cell for cell, _ in made],
                ),
                cell_text_documents=[item for _, item in made],
            )
        )
        return list(self.cells)

    def _change(self, change: types.NotebookDocumentChangeEvent) -> None:
        self.version += 1
        self.client.notebook_document_did_change(
            types.DidChangeNotebookDocumentParams(
                notebook_document=types.VersionedNotebookDocumentIdentifier(
                    uri=self.uri, version=self.version
                ),
                change=change,
            )
        )

    def edit(self, uri: str, start: tuple[int, int], end: tuple[int, int], new: str) -> None:
        edit = types.TextEdit(
            range=types.Range(
                start=types.Position(line=start[0], character=start[1]),
                end=types.Position(line=end[0], character=end[1]),
            ),
            new_text=new,
        )
        self.apply(uri, [edit])

    def apply(self, uri: str, edits: list[types.TextEdit]) -> None:
        self.texts[uri] = apply_edits(self.texts[uri], edits, "utf-16")
        self.versions[uri] += 1
        self._change(
            types.NotebookDocumentChangeEvent(
                cells=types.NotebookDocumentCellChanges(
                    text_content=[
                        types.NotebookDocumentCellContentChanges(
                            document=types.VersionedTextDocumentIdentifier(
                                uri=uri, version=self.versions[uri]
                            ),
                            changes=[
                                types.TextDocumentContentChangePartial(
                                    range=edit.range, text=edit.new_text
                                )
                                for edit in edits
                            ],
                        )
                    ]
                )
            )
        )

    def structure(
        self,
        start: int,
        delete: int,
        insert: list[types.NotebookCell],
        opened: list[types.TextDocumentItem] | None = None,
        closed: list[str] | None = None,
    ) -> None:
        self.cells[start : start + delete] = [cell.document for cell in insert]
        self._change(
            types.NotebookDocumentChangeEvent(
                cells=types.NotebookDocumentCellChanges(
                    structure=types.NotebookDocumentCellChangeStructure(
                        array=types.NotebookCellArrayChange(
                            start=start, delete_count=delete, cells=insert
                        ),
                        did_open=opened,
                        did_close=[types.TextDocumentIdentifier(uri=u) for u in closed or []],
                    )
                )
            )
        )

    def insert(self, index: int, text: str) -> str:
        cell, item = self._cell(text)
        self.structure(index, 0, [cell], opened=[item])
        return cell.document

    def delete(self, index: int) -> str:
        uri = self.cells[index]
        self.structure(index, 1, [], closed=[uri])
        return uri

    def move(self, old: int, new: int) -> None:
        """As VS Code sends a move: the cell leaves the array and comes back, still open."""
        uri = self.cells[old]
        self.structure(old, 1, [])
        cell = types.NotebookCell(kind=types.NotebookCellKind.Code, document=uri)
        self.structure(new, 0, [cell])

    # diagnostics

    async def diagnostics(self, uri: str) -> list[types.Diagnostic]:
        if self.pull:
            return list((await pull(self.client, uri)).items)
        return list(self.client.diagnostics.get(uri, []))

    async def shows(self, uri: str, codes: list[str]) -> list[types.Diagnostic]:
        """Wait until the cell shows exactly these codes (fails after WAIT seconds)."""
        found: list[types.Diagnostic] = []

        async def check() -> bool:
            nonlocal found
            found = await self.diagnostics(uri)
            return [str(d.code) for d in found] == codes

        loop = asyncio.get_running_loop()
        end = loop.time() + WAIT
        while loop.time() < end:
            if await check():
                return found
            await asyncio.sleep(0.02)
        raise AssertionError(f"{uri} shows {[str(d.code) for d in found]}, not {codes}")


@pytest_lsp.fixture(config=server_config(), params=["visual-studio-code", "neovim"])
async def lsp(
    lsp_client: LanguageClient, request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[None]:
    editor = NotebookEditor(lsp_client, tmp_path, request.param)
    await editor.start(request.param)
    lsp_client.notebook = editor  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


@pytest.fixture
def nb(lsp: LanguageClient) -> NotebookEditor:
    return lsp.notebook  # type: ignore[attr-defined, no-any-return]


async def test_server_advertises_a_selector_that_names_the_notebook(nb: NotebookEditor) -> None:
    assert nb.capabilities is not None
    sync = nb.capabilities.notebook_document_sync
    assert isinstance(sync, types.NotebookDocumentSyncOptions)
    [selector] = sync.notebook_selector
    assert isinstance(selector, types.NotebookDocumentFilterWithNotebook)
    assert selector.notebook == "*"
    assert [cell.language for cell in selector.cells or []] == ["python"]


async def test_each_cell_gets_its_own_diagnostics(nb: NotebookEditor) -> None:
    first, _, third, fourth = nb.open(IMPORT, ("markdown", "# Notes\n"), MERGE, "x = 1\n" + MUTABLE)
    [merge] = await nb.shows(third, ["TUT191"])
    assert (merge.range.start.line, merge.range.start.character) == (0, 9)
    [default] = await nb.shows(fourth, ["TUT071"])
    assert (default.range.start.line, default.range.start.character) == (1, 21)
    await nb.shows(first, [])


async def test_edits_insertions_deletions_and_moves(nb: NotebookEditor) -> None:
    _, second = nb.open(IMPORT, MUTABLE)
    await nb.shows(second, ["TUT071"])
    nb.edit(second, (0, 21), (0, 23), "None")  # fix it by hand
    await nb.shows(second, [])
    merge = nb.insert(2, MERGE)  # a new cell sees the import of the first
    await nb.shows(merge, ["TUT191"])
    nb.move(2, 0)  # before the import, pd is not pandas yet
    await nb.shows(merge, [])
    nb.move(0, 2)
    await nb.shows(merge, ["TUT191"])
    nb.delete(0)  # the import cell goes: the merge is no longer pandas'
    await nb.shows(merge, [])
    gone = nb.insert(0, MUTABLE)
    await nb.shows(gone, ["TUT071"])
    nb.delete(0)
    if not nb.pull:  # a push client is told the deleted cell has nothing left
        await nb.shows(gone, [])


async def test_hover_and_code_actions_in_a_cell(nb: NotebookEditor) -> None:
    _, cell = nb.open("import os\n", MUTABLE)
    [diagnostic] = await nb.shows(cell, ["TUT071"])
    hover = await asyncio.wait_for(
        nb.client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=cell),
                position=diagnostic.range.start,
            )
        ),
        WAIT,
    )
    assert hover is not None
    assert isinstance(hover.contents, types.MarkupContent)
    assert "mutable" in hover.contents.value.lower()
    actions = await asyncio.wait_for(
        nb.client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=cell),
                range=diagnostic.range,
                context=types.CodeActionContext(diagnostics=[diagnostic]),
            )
        ),
        WAIT,
    )
    quick = [a for a in actions or [] if isinstance(a, types.CodeAction) and a.is_preferred]
    assert quick, actions
    edit = quick[0].edit
    assert edit is not None
    edits = _edits_for(cell, edit)
    nb.apply(cell, edits)
    assert "bucket=None" in nb.texts[cell]
    await nb.shows(cell, [])


async def test_save_and_close(nb: NotebookEditor) -> None:
    (cell,) = nb.open(MUTABLE)
    await nb.shows(cell, ["TUT071"])
    nb.client.notebook_document_did_save(
        types.DidSaveNotebookDocumentParams(
            notebook_document=types.NotebookDocumentIdentifier(uri=nb.uri)
        )
    )
    await nb.shows(cell, ["TUT071"])
    nb.client.notebook_document_did_close(
        types.DidCloseNotebookDocumentParams(
            notebook_document=types.NotebookDocumentIdentifier(uri=nb.uri),
            cell_text_documents=[types.TextDocumentIdentifier(uri=cell)],
        )
    )
    await nb.shows(cell, [])  # pushed empty, or pulled empty: the cell is not open


def _edits_for(uri: str, edit: types.WorkspaceEdit) -> list[types.TextEdit]:
    if edit.changes:
        return list(edit.changes[uri])
    found: list[Any] = []
    for change in edit.document_changes or []:
        assert isinstance(change, types.TextDocumentEdit)
        assert change.text_document.uri == uri
        found.extend(change.edits)
    return found


async def test_cells_are_pushed_until_the_client_pulls_them(nb: NotebookEditor) -> None:
    """VS Code pulls diagnostics for files but never for notebook cells, so a client
    that can pull still gets cells pushed; once it pulls one, pushing stops."""
    (cell,) = nb.open(MUTABLE)
    pushing, nb.pull = nb.pull, False
    await nb.shows(cell, ["TUT071"])  # pushed, whatever the client could do
    nb.pull = pushing
    if nb.pull:
        await nb.shows(cell, ["TUT071"])  # a pull: the pushed copy is withdrawn
        assert list(nb.client.diagnostics.get(cell, [])) == []
        nb.edit(cell, (0, 21), (0, 23), "None")
        await nb.shows(cell, [])
        assert list(nb.client.diagnostics.get(cell, [])) == []


@pytest.fixture
def switched_off(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text("[tool.tutor]\nnotebooks = false\n")
    return tmp_path


async def test_a_project_that_switches_notebooks_off_gets_nothing(
    switched_off: Path, nb: NotebookEditor
) -> None:
    (cell,) = nb.open(MUTABLE)
    if nb.pull:
        assert await nb.diagnostics(cell) == []
        return

    def published() -> list[types.PublishDiagnosticsParams]:
        return [p for p in nb.client.published if p.uri == cell]  # type: ignore[attr-defined]

    await wait_for(published)  # the server did look at it, and shows nothing
    assert [list(p.diagnostics) for p in published()] == [[]]
