"""Notebook documents (LSP 3.17 `notebookDocument/*`): one lint per notebook, shown per cell.

pygls keeps the notebook and its cells' texts in the workspace; here, after a
change settles, the notebook's Python cells are linted as one logical module
(rules/engine/notebook.py: the same as `tutor lint x.ipynb`) on the lint
thread, and the findings are split into one `Linted` per cell, in that cell's
own coordinates, published (or pulled) under the cell's own URI. Hover and
code actions on a cell URI read that cell's `Linted`, so they work unchanged.

One incremental parser per notebook: an edit in one cell re-parses only the
top-level statements it touched; the other cells' statements are reused.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lsprotocol import types
from pygls.uris import to_fs_path

from pitfall_tutor.rules.engine.config import ConfigError, Settings
from pitfall_tutor.rules.engine.findings import Finding
from pitfall_tutor.rules.engine.incremental import IncrementalParser
from pitfall_tutor.rules.engine.notebook import CodeCells, lint_cells
from pitfall_tutor.rules.engine.results import INTERNAL_ERROR
from pitfall_tutor.rules.engine.rule import Rule

from .diagnostics import to_diagnostic
from .linting import Linted, Snapshot, parser_for
from .positions import PositionMap
from .settings import EditorSettings

if TYPE_CHECKING:
    from .server import TutorServer

PYTHON = "python"
# Which notebooks the client should sync: every notebook type, its Python cells.
# The filter names `notebook` as well as `cells`: lsprotocol with cattrs >= 25.1
# cannot read a selector that lists only `cells` (measured-facts.md).
SYNC_OPTIONS = types.NotebookDocumentSyncOptions(
    notebook_selector=[
        types.NotebookDocumentFilterWithNotebook(
            notebook="*", cells=[types.NotebookCellLanguage(language=PYTHON)]
        )
    ],
    save=True,
)

Key = tuple[object, ...]  # notebook version, settings generation, every cell's uri and version


@dataclass(frozen=True)
class Cells:
    """A notebook as it was at one moment (taken on the event loop)."""

    uri: str
    key: Key
    cells: tuple[tuple[int, str, int, str], ...]  # (index, uri, version, text) of each Python cell
    path: Path | None
    fallback_folder: Path | None
    editor: EditorSettings


@dataclass(frozen=True, eq=False)
class CellLinted(Linted):
    """One cell's part of its notebook's lint; `relint` lints the notebook with this cell changed."""

    notebook_key: Key = ()
    code: tuple[tuple[int, str], ...] = ()
    index: int = 0  # this cell's index in the notebook

    def relint(self, text: str) -> list[Finding]:
        code = [(i, text if i == self.index else source) for i, source in self.code]
        found = lint_cells(code, self.snapshot.shown_path, self.rules, self.settings.severity)
        return [finding for finding in found if finding.cell == self.index + 1]


@dataclass
class NotebookLinted:
    key: Key
    cells: dict[str, CellLinted] = field(default_factory=dict)  # cell URI -> its part


class Notebooks:
    """The open notebooks of one server: their lints, timers and what was published."""

    def __init__(self, server: TutorServer) -> None:
        self.server = server
        self.parsers: dict[str, IncrementalParser] = {}  # notebook URI -> parser (lint thread)
        self.done: dict[str, NotebookLinted] = {}
        self.running: dict[str, tuple[Key, asyncio.Future[NotebookLinted]]] = {}
        self.timers: dict[str, asyncio.Task[None]] = {}
        self.changed_at: dict[str, float] = {}
        self.published: dict[str, dict[str, tuple[types.Diagnostic, ...]]] = {}  # nb -> cells
        # Notebooks whose cells the client pulls (textDocument/diagnostic). VS Code does
        # not pull for cells (vscode-languageclient 9 pulls only for documents it opened
        # with textDocument/didOpen or that have a tab), so cells are pushed until then.
        self.pulling: set[str] = set()

    # which URIs are ours

    def notebook_of(self, uri: str) -> str | None:
        """The notebook URI when `uri` is one of its cells."""
        notebook = self.server.workspace.get_notebook_document(cell_uri=uri)
        return None if notebook is None else str(notebook.uri)

    def owns(self, uri: str) -> bool:
        return self.notebook_of(uri) is not None

    # snapshots and lints

    def snapshot(self, uri: str) -> Cells | None:
        notebook = self.server.workspace.get_notebook_document(notebook_uri=uri)
        if notebook is None:
            return None
        cells = []
        for index, cell in enumerate(notebook.cells):
            if cell.kind != types.NotebookCellKind.Code:
                continue
            document = self.server.workspace.get_text_document(cell.document)
            if document.language_id not in (None, PYTHON):
                continue
            cells.append((index, cell.document, document.version or 0, document.source))
        key: Key = (
            notebook.version,
            self.server.scheduler.generation,
            *((cell_uri, version) for _, cell_uri, version, _ in cells),
        )
        path = _file_path(uri)
        folder = self.server.folder_of(uri)
        root = self.server.workspace.root_path
        fallback = _file_path(folder) if folder else Path(root) if root else None
        editor = self.server.settings_for(uri)
        return Cells(uri, key, tuple(cells), path, fallback, editor)

    def lint(self, cells: Cells) -> NotebookLinted:
        """Lint the notebook (on the lint thread); never raises."""
        server = self.server
        result = NotebookLinted(cells.key)
        code: CodeCells = [(index, text) for index, _, _, text in cells.cells]
        settings: Settings = Settings()
        rules: tuple[type[Rule], ...] = ()
        findings: list[Finding] = []
        problems: list[str] = []
        crashes: list[str] = []
        shown = str(cells.path) if cells.path else cells.uri
        if cells.editor.enable:
            where = cells.path or (cells.fallback_folder or Path.cwd()) / "untitled.ipynb"
            try:
                project = server.projects.for_path(where)
            except ConfigError as exc:
                problems.append(f"{exc}; using the default settings until it is fixed")
                project = Settings()
            # Like an excluded file, a notebook in a project that says `notebooks = false`
            # is left alone.
            if project.notebooks and (cells.path is None or not project.excludes(cells.path)):
                settings = cells.editor.applied_to(project)
                rules = tuple(settings.rules(server.rules, cells.path))
                parser = parser_for(self.parsers, cells.uri)
                try:
                    findings = lint_cells(code, shown, rules, settings.severity, parser.parse)
                except Exception as exc:  # an engine bug costs this notebook, not the server
                    crashes.append(f"tutor could not check {shown}: {type(exc).__name__}: {exc}")
                    self.parsers.pop(cells.uri, None)
        by_cell: dict[int, list[Finding]] = {}
        for finding in findings:
            if finding.code == INTERNAL_ERROR[0]:
                crashes.append(finding.message)
            elif finding.cell is not None:
                by_cell.setdefault(finding.cell - 1, []).append(finding)
        for index, cell_uri, version, text in cells.cells:
            positions = PositionMap(text, server.encoding)
            shown_findings = tuple(by_cell.get(index, ()))
            snapshot = Snapshot(
                cell_uri, version, text, cells.path, PYTHON, cells.fallback_folder, cells.editor
            )
            result.cells[cell_uri] = CellLinted(
                snapshot,
                cells.key[1],  # type: ignore[arg-type]
                positions,
                shown_findings,
                tuple(to_diagnostic(f, positions, settings.docs_url) for f in shown_findings),
                settings,
                rules,
                tuple(crashes),
                tuple(problems),
                notebook_key=cells.key,
                code=tuple(code),
                index=index,
            )
        return result

    async def current(self, uri: str) -> NotebookLinted | None:
        """The lint of the notebook as it is now; shared by everyone who asks meanwhile."""
        await self.server.settings_ready.wait()
        cells = self.snapshot(uri)
        if cells is None:
            return None
        done = self.done.get(uri)
        if done is not None and done.key == cells.key:
            return done
        running = self.running.get(uri)
        if running is None or running[0] != cells.key:
            future = asyncio.ensure_future(self.server.scheduler.run(self.lint, cells))
            running = (cells.key, future)
            self.running[uri] = running

            def finished(future: asyncio.Future[NotebookLinted], key: Key = cells.key) -> None:
                if self.running.get(uri, (None,))[0] == key:
                    del self.running[uri]
                ok = not future.cancelled() and future.exception() is None
                if ok and self.snapshot(uri) is not None:
                    self.done[uri] = future.result()

            future.add_done_callback(finished)
        return await asyncio.shield(running[1])

    async def cell_linted(self, cell_uri: str, settle: bool = True) -> Linted | None:
        notebook = self.notebook_of(cell_uri)
        if notebook is None:
            return None
        if settle:
            await self.settled(notebook)
        linted = await self.current(notebook)
        return None if linted is None else linted.cells.get(cell_uri)

    def pulled(self, cell_uri: str) -> None:
        """The client pulled a cell's diagnostics: stop pushing for its notebook."""
        notebook = self.notebook_of(cell_uri)
        if notebook is None or notebook in self.pulling:
            return
        self.pulling.add(notebook)
        for uri in self.published.get(notebook, {}):
            self._publish(uri, (), None)  # what was pushed would show twice

    def pushes(self, notebook: str) -> bool:
        return notebook not in self.pulling

    def is_current(self, linted: Linted) -> bool:
        notebook = self.notebook_of(linted.uri)
        cells = self.snapshot(notebook) if notebook else None
        return (
            cells is not None
            and isinstance(linted, CellLinted)
            and linted.notebook_key == cells.key
        )

    async def settled(self, uri: str) -> None:
        loop = asyncio.get_running_loop()
        while True:
            debounce = self.server.debounce(uri)
            wait = self.changed_at.get(uri, float("-inf")) + debounce - loop.time()
            if wait <= 0:
                return
            await asyncio.sleep(wait)

    # events

    def schedule(self, uri: str, delay: float) -> None:
        timer = self.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        self.timers[uri] = asyncio.get_running_loop().create_task(self._publish_later(uri, delay))

    def changed(self, uri: str) -> None:
        self.changed_at[uri] = asyncio.get_running_loop().time()
        self.schedule(uri, self.server.debounce(uri))

    def refresh_all(self) -> None:
        self.done.clear()
        for uri in list(self.server.workspace.notebook_documents):
            self.schedule(uri, 0)

    def closed(self, uri: str, cell_uris: Sequence[str]) -> None:
        timer = self.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        self.done.pop(uri, None)
        self.changed_at.pop(uri, None)
        self.parsers.pop(uri, None)
        shown = self.published.pop(uri, {})
        pushed = self.pushes(uri)
        self.pulling.discard(uri)
        if pushed:
            for cell_uri in {*shown, *cell_uris}:
                self._publish(cell_uri, (), None)

    async def _publish_later(self, uri: str, delay: float) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        linted = await self.current(uri)
        cells = self.snapshot(uri)
        if linted is None or cells is None or linted.key != cells.key:
            return  # a newer change has its own timer
        shown = self.published.setdefault(uri, {})
        changed = False
        for cell_uri, cell in linted.cells.items():
            self.server.report(cell)
            if shown.get(cell_uri) != cell.diagnostics:
                changed = True
                shown[cell_uri] = cell.diagnostics
                if self.pushes(uri):
                    self._publish(cell_uri, cell.diagnostics, cell.version)
        for gone in [cell_uri for cell_uri in shown if cell_uri not in linted.cells]:
            del shown[gone]  # a deleted cell, or one that is no longer Python
            changed = True
            if self.pushes(uri):
                self._publish(gone, (), None)
        if changed and not self.pushes(uri):
            # Another cell's findings may have changed (a name defined or removed): ask
            # the client to pull again, where it can be asked.
            workspace = self.server.client_capabilities.workspace
            diagnostics = workspace.diagnostics if workspace else None
            if diagnostics and diagnostics.refresh_support:
                self.server.workspace_diagnostic_refresh(None)

    def _publish(
        self, uri: str, diagnostics: Sequence[types.Diagnostic], version: int | None
    ) -> None:
        self.server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=list(diagnostics), version=version)
        )


# Handlers, registered by server.py.


def did_open(ls: TutorServer, params: types.DidOpenNotebookDocumentParams) -> None:
    ls.notebooks.schedule(params.notebook_document.uri, 0)


def did_change(ls: TutorServer, params: types.DidChangeNotebookDocumentParams) -> None:
    ls.notebooks.changed(params.notebook_document.uri)


def did_save(ls: TutorServer, params: types.DidSaveNotebookDocumentParams) -> None:
    ls.notebooks.schedule(params.notebook_document.uri, 0)


def did_close(ls: TutorServer, params: types.DidCloseNotebookDocumentParams) -> None:
    cells = [cell.uri for cell in params.cell_text_documents]
    ls.notebooks.closed(params.notebook_document.uri, cells)


def register(server: TutorServer) -> None:
    feature = server.feature
    feature(types.NOTEBOOK_DOCUMENT_DID_OPEN)(did_open)
    feature(types.NOTEBOOK_DOCUMENT_DID_CHANGE)(did_change)
    feature(types.NOTEBOOK_DOCUMENT_DID_SAVE)(did_save)
    feature(types.NOTEBOOK_DOCUMENT_DID_CLOSE)(did_close)


def _file_path(uri: str) -> Path | None:
    if not uri.startswith("file:"):
        return None
    path = to_fs_path(uri)
    return Path(path) if path else None
