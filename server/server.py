"""The language server: LSP messages in, the engine's findings out.

`TutorServer` holds what the session knows (the client's abilities, settings,
open documents); the handlers below it stay thin. Linting and its timing live in
`scheduler`, one lint in `linting`, and what the learner sees in `diagnostics`,
`hover` and `actions`.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import Awaitable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types
from pygls.exceptions import FeatureRequestError, JsonRpcContentModified, JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from pitfall_tutor import __version__
from pitfall_tutor.rules import ALL_RULES
from pitfall_tutor.rules.engine.incremental import IncrementalParser
from pitfall_tutor.rules.engine.rule import Rule

from . import actions, notebooks
from .documents import LspWorkspace
from .history import EditorHistory
from .linting import Linted, Snapshot, lint_snapshot, parser_for
from .positions import PositionMap
from .projects import ProjectSettings
from .protocol import TutorProtocol
from .scheduler import Scheduler
from .settings import EditorSettings, normalized, read_settings

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from pygls.server import ServerErrors

log = logging.getLogger(__name__)

SECTION = "tutor"
CLIENT_TIMEOUT = 5.0  # seconds to wait for workspace/configuration and registrations


class TutorServer(LanguageServer):
    protocol: TutorProtocol

    def __init__(self, rules: Sequence[type[Rule]] = ALL_RULES) -> None:
        super().__init__(
            "tutor",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            notebook_document_sync=notebooks.SYNC_OPTIONS,
            protocol_cls=TutorProtocol,
        )
        self.rules = tuple(rules)
        self.projects = ProjectSettings()
        self.encoding = types.PositionEncodingKind.Utf16.value
        self.pull = False  # the client asks for diagnostics (textDocument/diagnostic)
        # ... and can be told to ask again: pulls are answered at once from the last lint.
        self.pull_refresh = False
        self._pulled: dict[str, tuple[int, int]] = {}  # URI -> key of the last pull answer
        self._refresh_pending = False
        self.support = actions.ClientSupport(document_changes=False, resolve_edits=False)
        self.hover_markdown = True
        self.init_options: dict[str, Any] = {}
        self.global_settings = EditorSettings()
        self.folder_settings: dict[str, EditorSettings] = {}  # folder URI (ending in /) -> settings
        self.open_documents: dict[str, Path | None] = {}  # URI -> file path
        # One per open document, used only on the lint thread: reuses unchanged statements.
        self.parsers: dict[str, IncrementalParser] = {}
        self.shutdown_requested = False
        self.settings_ready = asyncio.Event()
        self._shown_problems: set[str] = set()
        self._pending_problems: list[str] = []
        self._logged_crashes: set[str] = set()
        self.history = EditorHistory()  # the learner's own, only when they keep one
        self.scheduler = Scheduler(
            self.snapshot,
            self.lint,
            self.publish,
            self.debounce,
            self.settings_ready,
            size_limit=lambda uri: self.settings_for(uri).size_limit,
            on_huge=self.huge_document,
            huge=(self.prepare_huge, _huge_worker),
        )
        self.notebooks = notebooks.Notebooks(self)  # notebook documents, linted per notebook
        _register(self)

    # documents and linting

    def snapshot(self, uri: str) -> Snapshot | None:
        """The open document now, or None when it is not open."""
        if uri not in self.open_documents:
            return None
        document = self.workspace.get_text_document(uri)
        folder = self.folder_of(uri)
        root = self.workspace.root_path
        return Snapshot(
            uri,
            document.version or 0,
            document.source,
            self.open_documents[uri],
            document.language_id,
            _file_path(folder) if folder else Path(root) if root else None,
            self.settings_for(uri),
        )

    def prepare_huge(self, snapshot: Snapshot, generation: int) -> Any:
        """A huge document's lint, as a call a worker process can take (all picklable)."""
        codes = tuple(rule.code for rule in self.rules)
        return lint_in_worker, (snapshot, generation, self.encoding, codes)

    def lint(self, snapshot: Snapshot, generation: int) -> Linted:
        """One lint (on the lint thread); never raises."""
        try:
            parser = parser_for(self.parsers, snapshot.uri)
            linted = lint_snapshot(
                snapshot, self.projects, self.rules, self.encoding, generation, parser
            )
            self.history.after_lint(linted)
            return linted
        except Exception as exc:  # an engine bug must cost one file, not the server
            log.exception("linting %s failed", snapshot.uri)
            message = f"tutor could not check {snapshot.shown_path}: {type(exc).__name__}: {exc}"
            positions = PositionMap(snapshot.text, self.encoding)
            return Linted(snapshot, generation, positions, crashes=(message,))

    def publish(self, linted: Linted) -> None:
        self.report(linted)
        pulled = self._pulled.get(linted.uri)
        if self.pull_refresh and pulled is not None and pulled != linted.key:
            self.ask_to_pull_again()
        if not self.pull:
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(
                    uri=linted.uri, diagnostics=list(linted.diagnostics), version=linted.version
                )
            )

    def ask_to_pull_again(self) -> None:
        """One `workspace/diagnostic/refresh` for every lint that finished in this turn."""
        if self._refresh_pending:
            return
        self._refresh_pending = True

        def send() -> None:
            self._refresh_pending = False
            self.workspace_diagnostic_refresh(None)

        asyncio.get_running_loop().call_soon(send)

    def huge_document(self, snapshot: Snapshot) -> None:
        limit = self.settings_for(snapshot.uri).size_limit
        self.show_problem(
            f"{snapshot.shown_path} has more than {limit:,} characters, so it is checked "
            "when it is opened and saved, not while you type (setting `tutor.sizeLimit`)"
        )

    def report(self, linted: Linted) -> None:
        """Show bad configuration to the user, and log crashed rules, once each."""
        for problem in (*linted.problems, *self.history.take_notes()):
            self.show_problem(problem)
        for crash in linted.crashes:
            if crash not in self._logged_crashes:
                self._logged_crashes.add(crash)
                log.error("%s", crash)
                self.window_log_message(
                    types.LogMessageParams(type=types.MessageType.Error, message=crash)
                )

    def show_problem(self, problem: str) -> None:
        if not self.settings_ready.is_set():
            self._pending_problems.append(problem)  # shown once the session is initialized
            return
        if problem in self._shown_problems:
            return
        self._shown_problems.add(problem)
        log.warning("%s", problem)
        self.window_show_message(
            types.ShowMessageParams(type=types.MessageType.Warning, message=f"tutor: {problem}")
        )

    async def linted(self, uri: str, settle: bool = True) -> Linted | None:
        """The lint of the document as it is now, once the edits pause (debounce)."""
        if self.notebooks.owns(uri):  # a notebook cell
            return await self.notebooks.cell_linted(uri, settle)
        if settle:
            await self.scheduler.settled(uri)
        return await self.scheduler.current(uri)

    def is_current(self, linted: Linted) -> bool:
        if self.notebooks.owns(linted.uri):
            return self.notebooks.is_current(linted)
        return self.scheduler.is_current(linted)

    def refresh(self) -> None:
        """Settings changed: every open document is linted again and shown anew."""
        self.scheduler.refresh_all(list(self.open_documents))
        self.notebooks.refresh_all()
        workspace = self.client_capabilities.workspace
        diagnostics = workspace.diagnostics if workspace else None
        if self.pull and diagnostics and diagnostics.refresh_support:
            self.workspace_diagnostic_refresh(None)

    # settings

    def settings_for(self, uri: str) -> EditorSettings:
        folder = self.folder_of(uri)
        if folder is None:
            return self.global_settings
        return self.folder_settings.get(folder, self.global_settings)

    def debounce(self, uri: str) -> float:
        return self.settings_for(uri).debounce

    def folder_of(self, uri: str) -> str | None:
        """The workspace folder (URI ending in /) with the longest URI that contains `uri`."""
        folders = [_as_folder(folder.uri) for folder in self.workspace.folders.values()]
        matches = [folder for folder in folders if uri.startswith(folder)]
        return max(matches, key=len) if matches else None

    def read(self, pulled: object) -> EditorSettings:
        """Settings from the client on top of the initialization options."""
        read = read_settings({**self.init_options, **normalized(pulled)})
        for problem in read.problems:
            self.show_problem(problem)
        return read.settings

    async def update_settings(self, update: Awaitable[bool]) -> bool:
        """Run a settings update; lints and requests wait until it is done."""
        self.settings_ready.clear()
        try:
            return await update
        finally:
            self.settings_ready.set()
            pending, self._pending_problems = self._pending_problems, []
            for problem in pending:
                self.show_problem(problem)

    async def pull_configuration(self) -> bool:
        """Ask the client for the `tutor` section, globally and per folder; True if it changed."""
        workspace = self.client_capabilities.workspace
        if not (workspace and workspace.configuration):
            return False
        folders = [_as_folder(folder.uri) for folder in self.workspace.folders.values()]
        items = [types.ConfigurationItem(section=SECTION)]
        items += [types.ConfigurationItem(scope_uri=folder, section=SECTION) for folder in folders]
        try:
            values = await asyncio.wait_for(
                self.workspace_configuration_async(types.ConfigurationParams(items=items)),
                CLIENT_TIMEOUT,
            )
        except Exception as exc:
            log.warning("workspace/configuration failed: %s", exc)
            return False
        old = (self.global_settings, dict(self.folder_settings))
        self.global_settings = self.read(values[0] if values else None)
        self.folder_settings = {
            folder: self.read(value) for folder, value in zip(folders, values[1:], strict=False)
        }
        return old != (self.global_settings, self.folder_settings)

    async def register_for_changes(self) -> None:
        """Ask to hear of settings and pyproject.toml changes, where the client allows it."""
        workspace = self.client_capabilities.workspace
        configuration = workspace.did_change_configuration if workspace else None
        watched_files = workspace.did_change_watched_files if workspace else None
        registrations = []
        if configuration and configuration.dynamic_registration:
            registrations.append(
                types.Registration(
                    id="tutor-configuration",
                    method=types.WORKSPACE_DID_CHANGE_CONFIGURATION,
                    register_options=types.DidChangeConfigurationRegistrationOptions(
                        section=SECTION
                    ),
                )
            )
        if watched_files and watched_files.dynamic_registration:
            watcher = types.FileSystemWatcher(glob_pattern="**/pyproject.toml")
            registrations.append(
                types.Registration(
                    id="tutor-pyproject",
                    method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                    register_options=types.DidChangeWatchedFilesRegistrationOptions(
                        watchers=[watcher]
                    ),
                )
            )
        if not registrations:
            return
        try:
            await asyncio.wait_for(
                self.client_register_capability_async(
                    types.RegistrationParams(registrations=registrations)
                ),
                CLIENT_TIMEOUT,
            )
        except Exception as exc:
            log.info("client/registerCapability failed: %s", exc)

    # errors

    def report_server_error(self, error: Exception, source: ServerErrors) -> None:
        """Errors outside a request: invalid JSON gets a ParseError answer, the rest the log."""
        if isinstance(error, ValueError):  # json.JSONDecodeError, UnicodeDecodeError
            self.protocol.answer_parse_error(error)
            return
        if source is FeatureRequestError:
            return  # the request already got the error as its answer
        message = f"tutor server error: {type(error).__name__}: {error}"
        log.error("%s", message, exc_info=error)
        self.window_log_message(
            types.LogMessageParams(type=types.MessageType.Error, message=message)
        )


def _huge_worker() -> ProcessPoolExecutor:
    """A fresh interpreter (not a fork of this threaded one), one lint per process:
    a 5 MB lint leaves gigabytes behind that only the end of a process gives back."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor  # only huge documents need it

    context = multiprocessing.get_context("spawn")
    if sys.version_info >= (3, 11):
        return ProcessPoolExecutor(1, context, max_tasks_per_child=1)
    return ProcessPoolExecutor(1, context)  # pragma: no cover (3.10)


def lint_in_worker(
    snapshot: Snapshot, generation: int, encoding: str, codes: tuple[str, ...]
) -> Linted:
    """One lint in the huge-document worker process; never raises."""
    rules = [rule for rule in ALL_RULES if rule.code in codes]
    try:
        return lint_snapshot(snapshot, ProjectSettings(), rules, encoding, generation)
    except Exception as exc:
        message = f"tutor could not check {snapshot.shown_path}: {type(exc).__name__}: {exc}"
        return Linted(
            snapshot, generation, PositionMap(snapshot.text, encoding), crashes=(message,)
        )


def _register(server: TutorServer) -> None:
    feature = server.feature
    feature(types.INITIALIZE)(initialize)
    feature(types.INITIALIZED)(initialized)
    feature(types.SHUTDOWN)(shutdown)
    feature(types.EXIT)(exit_now)
    feature(types.TEXT_DOCUMENT_DID_OPEN)(did_open)
    feature(types.TEXT_DOCUMENT_DID_CHANGE)(did_change)
    feature(types.TEXT_DOCUMENT_DID_SAVE)(did_save)
    feature(types.TEXT_DOCUMENT_DID_CLOSE)(did_close)
    diagnostic_options = types.DiagnosticOptions(
        identifier=SECTION, inter_file_dependencies=False, workspace_diagnostics=False
    )
    feature(types.TEXT_DOCUMENT_DIAGNOSTIC, diagnostic_options)(document_diagnostic)
    feature(types.TEXT_DOCUMENT_HOVER)(text_document_hover)
    action_options = types.CodeActionOptions(code_action_kinds=actions.KINDS, resolve_provider=True)
    feature(types.TEXT_DOCUMENT_CODE_ACTION, action_options)(code_action)
    feature(types.CODE_ACTION_RESOLVE)(code_action_resolve)
    feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)(did_change_configuration)
    feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)(did_change_watched_files)
    feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)(did_change_workspace_folders)
    server.command(actions.OPEN_QUESTION)(open_question)
    notebooks.register(server)


# Handlers: pygls passes the server as `ls`.

# lifecycle


def initialize(ls: TutorServer, params: types.InitializeParams) -> None:
    ls.protocol._workspace = LspWorkspace.replacing(ls.workspace)
    encoding = ls.workspace.position_encoding or types.PositionEncodingKind.Utf16
    ls.encoding = getattr(encoding, "value", str(encoding))
    capabilities = params.capabilities
    document = capabilities.text_document
    ls.pull = document is not None and document.diagnostic is not None
    workspace_diagnostics = capabilities.workspace.diagnostics if capabilities.workspace else None
    ls.pull_refresh = ls.pull and bool(
        workspace_diagnostics and workspace_diagnostics.refresh_support
    )
    code_actions = document.code_action if document else None
    resolve = code_actions.resolve_support if code_actions else None
    workspace_edit = capabilities.workspace.workspace_edit if capabilities.workspace else None
    ls.support = actions.ClientSupport(
        document_changes=bool(workspace_edit and workspace_edit.document_changes),
        resolve_edits=bool(resolve and "edit" in resolve.properties),
    )
    hover_formats = document.hover.content_format if document and document.hover else None
    ls.hover_markdown = hover_formats is None or types.MarkupKind.Markdown in hover_formats
    options = params.initialization_options
    if isinstance(options, Mapping):  # {"settings": {...}} or the settings themselves
        ls.init_options = normalized(options.get("settings", options))
    ls.global_settings = ls.read(None)


async def initialized(ls: TutorServer, params: types.InitializedParams) -> None:
    # Linting waits for the settings only, not for the registrations.
    await asyncio.gather(ls.update_settings(ls.pull_configuration()), ls.register_for_changes())


def shutdown(ls: TutorServer, params: None) -> None:
    ls.shutdown_requested = True
    ls.scheduler.shutdown()
    # pygls then cancels every pending request while iterating the dict their
    # callbacks remove themselves from; cancelled here first, from a copy.
    current = ls.protocol.msg_id
    for msg_id, future in list(ls.protocol._request_futures.items()):
        if msg_id != current and not future.done():
            future.cancel()


def exit_now(ls: TutorServer, params: None) -> None:
    """Leave now, over stdio or TCP alike: 0 after shutdown, 1 without (as LSP says)."""
    ls.scheduler.shutdown()
    sys.stderr.flush()
    os._exit(0 if ls.shutdown_requested else 1)


# documents


def did_open(ls: TutorServer, params: types.DidOpenTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.open_documents[uri] = _file_path(uri)
    ls.history.mark(uri)
    ls.scheduler.opened(uri)


def did_change(ls: TutorServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.scheduler.changed(params.text_document.uri)


async def did_save(ls: TutorServer, params: types.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.history.mark(uri)
    ls.scheduler.saved(uri)
    # The saved version is often linted already; its record must not wait for the next edit.
    linted = await ls.scheduler.current(uri)
    if linted is not None:
        await ls.scheduler.run(ls.history.after_lint, linted)


def did_close(ls: TutorServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.open_documents.pop(uri, None)
    ls._pulled.pop(uri, None)
    ls.scheduler.closed(uri)
    ls.parsers.pop(uri, None)
    if not ls.pull:
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )


# requests


async def document_diagnostic(
    ls: TutorServer, params: types.DocumentDiagnosticParams
) -> types.DocumentDiagnosticReport:
    """Answered at once from the freshest lint where the client can be asked to pull again.

    vscode-languageclient empties a document's diagnostics when the next keystroke
    cancels a pull that is still waiting, so a pull never waits on the debounce:
    the last finished lint answers (`unchanged` when the client has it), and
    `workspace/diagnostic/refresh` follows when a newer one is done.
    """
    uri = params.text_document.uri
    ls.notebooks.pulled(uri)  # a cell: its notebook is pulled from now on
    if not ls.notebooks.owns(uri) and (ls.pull_refresh or ls.scheduler.is_huge(uri)):
        linted = ls.scheduler.freshest(uri) or await ls.scheduler.current(uri)
        if linted is None:
            return types.RelatedFullDocumentDiagnosticReport(items=[])
        ls._pulled[uri] = linted.key
        return _pull_report(ls, linted, params.previous_result_id)
    linted = await ls.linted(uri)
    if linted is None:
        return types.RelatedFullDocumentDiagnosticReport(items=[])
    if not ls.is_current(linted):
        raise JsonRpcException(
            message="the document changed while it was checked",
            code=types.LSPErrorCodes.ServerCancelled.value,
            data={"retriggerRequest": True},
        )
    return _pull_report(ls, linted, params.previous_result_id)


def _pull_report(
    ls: TutorServer, linted: Linted, previous_result_id: str | None
) -> types.DocumentDiagnosticReport:
    ls.report(linted)
    result_id = f"{linted.version}.{linted.generation}"
    if previous_result_id == result_id:
        return types.RelatedUnchangedDocumentDiagnosticReport(result_id=result_id)
    return types.RelatedFullDocumentDiagnosticReport(
        items=list(linted.diagnostics), result_id=result_id
    )


async def text_document_hover(ls: TutorServer, params: types.HoverParams) -> types.Hover | None:
    linted = await ls.linted(params.text_document.uri)
    if linted is None:
        return None
    from .hover import hover  # rule pages: not needed until the first hover

    offset = linted.positions.client_offset(params.position)
    return hover(linted, offset, ls.hover_markdown, ls.history.hover_line)


async def code_action(
    ls: TutorServer, params: types.CodeActionParams
) -> list[types.CodeAction] | None:
    uri = params.text_document.uri
    linted = await ls.linted(uri)
    if linted is None:
        return None
    start, end = linted.positions.offsets(params.range)
    enabled = ls.settings_for(uri).actions
    found = actions.code_actions(linted, start, end, params.context.only, enabled, ls.support)
    if ls.support.resolve_edits:
        return found
    ready = []
    for action in found:  # this client cannot resolve later: fill the edits in now
        if actions.deferred(action):
            action = await ls.scheduler.run(actions.resolve, linted, action, ls.support)
            if not _has_edits(action.edit):
                continue
        ready.append(action)
    return ready


async def code_action_resolve(ls: TutorServer, action: types.CodeAction) -> types.CodeAction:
    data = action.data
    if not actions.deferred(action) or not isinstance(data, dict):
        return action
    linted = await ls.linted(str(data.get("uri")), settle=False)
    if (
        linted is None
        or linted.version != data.get("version")
        or linted.generation != data.get("generation")
    ):
        raise JsonRpcContentModified("the document changed; ask for code actions again")
    return await ls.scheduler.run(actions.resolve, linted, action, ls.support)


async def open_question(ls: TutorServer, url: str) -> bool:
    """Show a question's page: in the editor for the bundled pages, a browser for a site."""
    window = ls.client_capabilities.window
    if window and window.show_document and window.show_document.support:
        external = url.startswith(("http://", "https://"))
        try:
            shown = await asyncio.wait_for(
                ls.window_show_document_async(
                    types.ShowDocumentParams(uri=url, external=external, take_focus=True)
                ),
                CLIENT_TIMEOUT,
            )
        except Exception as exc:  # no answer, or an error: say where the page is instead
            log.info("window/showDocument failed: %s", exc)
            shown = None
        if shown is not None and shown.success:
            return True
    ls.window_show_message(
        types.ShowMessageParams(type=types.MessageType.Info, message=f"Question page: {url}")
    )
    return False


# settings


async def did_change_configuration(
    ls: TutorServer, params: types.DidChangeConfigurationParams
) -> None:
    workspace = ls.client_capabilities.workspace
    if workspace and workspace.configuration:
        changed = await ls.update_settings(ls.pull_configuration())
    else:
        pushed = params.settings
        if isinstance(pushed, Mapping) and isinstance(pushed.get(SECTION), Mapping):
            pushed = pushed[SECTION]
        old = ls.global_settings
        ls.global_settings = ls.read(pushed)
        changed = old != ls.global_settings
    if changed:
        ls.refresh()


def did_change_watched_files(ls: TutorServer, params: types.DidChangeWatchedFilesParams) -> None:
    if any(change.uri.endswith("pyproject.toml") for change in params.changes):
        ls.projects.forget()
        ls.refresh()


async def did_change_workspace_folders(
    ls: TutorServer, params: types.DidChangeWorkspaceFoldersParams
) -> None:
    if await ls.update_settings(ls.pull_configuration()):
        ls.refresh()


def _has_edits(edit: types.WorkspaceEdit | None) -> bool:
    if edit is None:
        return False
    if edit.changes:
        return any(edit.changes.values())
    return any(
        isinstance(change, types.TextDocumentEdit) and change.edits
        for change in edit.document_changes or ()
    )


def _file_path(uri: str) -> Path | None:
    if not uri.startswith("file:"):
        return None
    path = to_fs_path(uri)
    return Path(path) if path else None


def _as_folder(uri: str) -> str:
    return uri if uri.endswith("/") else f"{uri}/"
