"""`tutor serve` over stdio, driven by pytest-lsp with real editors' capabilities.

The `editor` fixture runs every test twice: with VS Code's capabilities (push
diagnostics, UTF-16) and Neovim's latest (pull diagnostics, UTF-8). Helpers
here apply edits and count columns on their own, without the server's code.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, Union

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from tests.conftest import TUTOR

HERE = Path(__file__).parent
WAIT = 30.0  # seconds before a missing answer fails the test (never a timing assertion)
PRESETS = ["visual-studio-code", "neovim"]


@functools.cache
def _converter() -> Any:
    return default_converter()


def _code_action_or_command(value: Any, _: type) -> types.Command | types.CodeAction:
    """lsprotocol 2025.0.0 reads every code action that carries a command as a bare
    Command; VS Code and Neovim look at the type of `command`, and so does this."""
    converter = _converter()
    if isinstance(value.get("command"), str):
        return converter.structure(value, types.Command)  # type: ignore[no-any-return]
    return converter.structure(value, types.CodeAction)  # type: ignore[no-any-return]


def recording_client() -> LanguageClient:
    """pytest-lsp's client, also keeping every publishDiagnostics and registration."""
    client = LanguageClient(converter_factory=default_converter)
    client.protocol._converter.register_structure_hook(
        Union[types.Command, types.CodeAction],  # noqa: UP007 (the key lsprotocol uses)
        _code_action_or_command,
    )
    client.published = []  # type: ignore[attr-defined]
    client.registrations = []  # type: ignore[attr-defined]

    def publish(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        client.published.append(params)  # type: ignore[attr-defined]
        client.diagnostics[params.uri] = params.diagnostics

    def register(client: LanguageClient, params: types.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)  # type: ignore[attr-defined]

    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish
    features[types.CLIENT_REGISTER_CAPABILITY] = register
    register_lsp_features(client, features)
    return client


def server_config(*command: str) -> ClientServerConfig:
    return ClientServerConfig(
        server_command=list(command or (str(TUTOR), "serve")), client_factory=recording_client
    )


class Editor:
    """A test editor: one workspace folder on disk, documents, diagnostics, edits."""

    def __init__(self, client: LanguageClient, root: Path, preset: str) -> None:
        self.client = client
        self.root = root
        self.preset = preset
        self.encoding = "utf-16"
        self.texts: dict[str, str] = {}
        self.versions: dict[str, int] = {}

    async def start(self, capabilities: types.ClientCapabilities, **options: Any) -> None:
        settings = {"debounce": 0, **options}
        result = await self.client.initialize_session(
            types.InitializeParams(
                capabilities=capabilities,
                root_uri=self.root.as_uri(),
                workspace_folders=[types.WorkspaceFolder(uri=self.root.as_uri(), name="project")],
                initialization_options={"settings": settings},
            )
        )
        encoding = result.capabilities.position_encoding
        self.encoding = str(getattr(encoding, "value", encoding or "utf-16"))

    @property
    def pull(self) -> bool:
        capabilities = self.client.capabilities
        document = capabilities.text_document if capabilities else None
        return document is not None and document.diagnostic is not None

    # documents

    def open(self, name: str, text: str) -> str:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        uri = path.as_uri()
        self.texts[uri] = text
        self.versions[uri] = 1
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=uri, language_id="python", version=1, text=text
                )
            )
        )
        return uri

    def replace(self, uri: str, start: tuple[int, int], end: tuple[int, int], new: str) -> int:
        """An incremental change, as editors send while typing; returns the new version."""
        old = self.texts[uri]
        edit = types.TextEdit(
            range=types.Range(
                start=types.Position(line=start[0], character=start[1]),
                end=types.Position(line=end[0], character=end[1]),
            ),
            new_text=new,
        )
        self.texts[uri] = apply_edits(old, [edit], self.encoding)
        self.versions[uri] += 1
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(
                    uri=uri, version=self.versions[uri]
                ),
                content_changes=[
                    types.TextDocumentContentChangePartial(range=edit.range, text=new)
                ],
            )
        )
        return self.versions[uri]

    def set_text(self, uri: str, text: str) -> int:
        """Replace the whole text through an incremental change."""
        lines = self.texts[uri].split("\n")
        end = (len(lines) - 1, units(lines[-1], self.encoding))
        return self.replace(uri, (0, 0), end, text)

    def apply(self, uri: str, edit: types.WorkspaceEdit | None) -> int:
        """Apply a workspace edit from the server as the editor would, and tell the server."""
        return self.set_text(uri, apply_edits(self.texts[uri], edits_for(uri, edit), self.encoding))

    def close(self, uri: str) -> None:
        self.client.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )

    # diagnostics

    async def diagnostics(self, uri: str) -> list[types.Diagnostic]:
        """The diagnostics for the document's current version, pulled or pushed."""
        if self.pull:
            # The server answers a pull at once from its newest lint, which may be of an
            # older version while a newer one runs: pull again until it is this version's
            # (the result id starts with the version it was linted at).
            deadline = asyncio.get_running_loop().time() + WAIT
            while True:
                report = await pull(self.client, uri)
                linted_at = (report.result_id or "").split(".")[0]
                if linted_at in ("", str(self.versions.get(uri))):
                    return list(report.items)
                assert asyncio.get_running_loop().time() < deadline, "no pull of this version"
                await asyncio.sleep(0.02)
        version = self.versions[uri]
        published = await wait_for(lambda: self.published(uri, version))
        return list(published.diagnostics)

    def published(self, uri: str, version: int | None) -> types.PublishDiagnosticsParams | None:
        for params in reversed(self.client.published):  # type: ignore[attr-defined]
            if params.uri == uri and params.version == version:
                return params  # type: ignore[no-any-return]
        return None

    # code actions

    async def code_actions(
        self, uri: str, diagnostic: types.Diagnostic | None = None, only: list[str] | None = None
    ) -> list[types.CodeAction]:
        whole = types.Range(
            start=types.Position(line=0, character=0),
            end=types.Position(line=len(self.texts[uri].split("\n")), character=0),
        )
        result = await asyncio.wait_for(
            self.client.text_document_code_action_async(
                types.CodeActionParams(
                    text_document=types.TextDocumentIdentifier(uri=uri),
                    range=diagnostic.range if diagnostic else whole,
                    context=types.CodeActionContext(
                        diagnostics=[diagnostic] if diagnostic else [], only=only
                    ),
                )
            ),
            WAIT,
        )
        return [action for action in result or [] if isinstance(action, types.CodeAction)]

    async def resolved(self, action: types.CodeAction) -> types.CodeAction:
        """The action with its edit, asking codeAction/resolve when the server deferred it."""
        if action.edit is not None or action.command is not None:
            return action
        return await asyncio.wait_for(self.client.code_action_resolve_async(action), WAIT)


async def wait_for(check: Any, timeout: float = WAIT) -> Any:
    """Poll until `check()` is truthy; fail (not a timing assertion) if it never is."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while loop.time() < end:
        value = check()
        if value:
            return value
        await asyncio.sleep(0.01)
    raise AssertionError("the server never sent what the test waited for")


def units(text: str, encoding: str) -> int:
    """Length of `text` in the client's position units, counted independently."""
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-32":
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def offset(text: str, position: types.Position, encoding: str) -> int:
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[: position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    seen = 0
    for index, char in enumerate(line):
        if seen >= position.character:
            return start + index
        seen += units(char, encoding)
    return start + len(line)


def apply_edits(text: str, edits: list[types.TextEdit], encoding: str) -> str:
    spans = sorted(
        (
            (offset(text, edit.range.start, encoding), offset(text, edit.range.end, encoding), edit)
            for edit in edits
        ),
        key=lambda span: span[0],
        reverse=True,
    )
    for start, end, edit in spans:
        text = text[:start] + edit.new_text + text[end:]
    return text


def edits_for(uri: str, edit: types.WorkspaceEdit | None) -> list[types.TextEdit]:
    assert edit is not None, "the action has no edit"
    if edit.changes:
        return list(edit.changes[uri])
    found: list[types.TextEdit] = []
    for change in edit.document_changes or []:
        assert isinstance(change, types.TextDocumentEdit)
        assert change.text_document.uri == uri
        found.extend(e for e in change.edits if isinstance(e, types.TextEdit))
    return found


async def pull(client: LanguageClient, uri: str) -> types.RelatedFullDocumentDiagnosticReport:
    """One `textDocument/diagnostic` request, answered within WAIT seconds with a full report."""
    report = await asyncio.wait_for(
        client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
        ),
        WAIT,
    )
    assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
    return report


def codes(diagnostics: list[types.Diagnostic]) -> list[str]:
    return [str(diagnostic.code) for diagnostic in diagnostics]


def only(diagnostics: list[types.Diagnostic], code: str) -> types.Diagnostic:
    found = [diagnostic for diagnostic in diagnostics if diagnostic.code == code]
    assert len(found) == 1, f"expected one {code} in {codes(diagnostics)}"
    return found[0]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "settings(**keys): editor settings sent at initialize")


async def start_editor(
    client: LanguageClient, request: pytest.FixtureRequest, root: Path, preset: str
) -> Editor:
    marker = request.node.get_closest_marker("settings")
    session = Editor(client, root, preset)
    await session.start(client_capabilities(preset), **(marker.kwargs if marker else {}))
    client.editor = session  # type: ignore[attr-defined]
    return session


def editor_session(config: ClientServerConfig, preset: str | None = None, **options: Any) -> Any:
    """A pytest-lsp fixture: the server of `config`, initialised as the editor `preset` would
    (or each of the fixture's `params`); the Editor rides along on the client it yields."""

    @pytest_lsp.fixture(config=config, **options)
    async def session(
        lsp_client: LanguageClient, request: pytest.FixtureRequest, tmp_path: Path
    ) -> AsyncIterator[None]:
        await start_editor(lsp_client, request, tmp_path, preset or request.param)
        yield
        await lsp_client.shutdown_session()

    return session


lsp = editor_session(server_config(), params=PRESETS)
lsp_vscode = editor_session(server_config(), "visual-studio-code")
lsp_emacs = editor_session(server_config(), "emacs")


@pytest.fixture
def editor(lsp: LanguageClient) -> Editor:
    """Every test with this runs twice: VS Code (push, UTF-16) and Neovim (pull, UTF-8)."""
    return lsp.editor  # type: ignore[attr-defined, no-any-return]


@pytest.fixture
def vscode(lsp_vscode: LanguageClient) -> Editor:
    """VS Code only, for what only a push client shows (publishing, clearing, versions)."""
    return lsp_vscode.editor  # type: ignore[attr-defined, no-any-return]


@pytest.fixture
def emacs(lsp_emacs: LanguageClient) -> Editor:
    """Emacs (eglot) prefers UTF-32 and cannot resolve code actions later."""
    return lsp_emacs.editor  # type: ignore[attr-defined, no-any-return]
