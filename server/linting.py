"""One lint of one document version, as `tutor lint` would do it, ready for the wire.

Runs on the lint thread: it resolves the project's `[tool.tutor]`, applies the
editor's settings on top, runs the engine on the unsaved text and converts the
findings to diagnostics once, so that every later request for the same version
(pull, hover, code actions) only reads the result.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types

from pitfall_tutor.rules.engine.cache import LintCache
from pitfall_tutor.rules.engine.config import ConfigError, Settings
from pitfall_tutor.rules.engine.engine import lint_text
from pitfall_tutor.rules.engine.findings import Finding, Severity
from pitfall_tutor.rules.engine.incremental import IncrementalParser
from pitfall_tutor.rules.engine.parsing import parse_module
from pitfall_tutor.rules.engine.results import INTERNAL_ERROR, SYNTAX_ERROR
from pitfall_tutor.rules.engine.rule import Rule

from .diagnostics import to_diagnostic
from .positions import PositionMap
from .projects import ProjectSettings
from .settings import EditorSettings

PYTHON_SUFFIXES = (".py", ".pyi", ".pyw")


@dataclass(frozen=True)
class Snapshot:
    """A document as it was at one version, with the editor settings that applied.

    Taken on the event loop, so the lint thread reads nothing that changes under it.
    """

    uri: str
    version: int
    text: str
    path: Path | None  # None for documents that are not files (untitled:...)
    language_id: str | None = None
    fallback_folder: Path | None = None  # where to look for pyproject.toml when path is None
    editor: EditorSettings = field(default_factory=EditorSettings)

    @property
    def is_python(self) -> bool:
        if self.language_id == "python":
            return True
        name = self.path.name if self.path else self.uri
        return name.endswith(PYTHON_SUFFIXES)

    @property
    def shown_path(self) -> str:
        return str(self.path) if self.path else self.uri


@dataclass(frozen=True, eq=False)
class Linted:
    """The result for one (document, version, settings generation)."""

    snapshot: Snapshot
    generation: int
    positions: PositionMap
    findings: tuple[Finding, ...] = ()  # what the editor shows, in order
    diagnostics: tuple[types.Diagnostic, ...] = ()  # findings[i] -> diagnostics[i]
    settings: Settings = field(default_factory=Settings)
    rules: tuple[type[Rule], ...] = ()
    crashes: tuple[str, ...] = ()  # rules that crashed: logged, not shown
    problems: tuple[str, ...] = ()  # configuration the user should fix
    extras: dict[str, Any] = field(default_factory=dict)  # lazily computed, e.g. fix-all

    @property
    def uri(self) -> str:
        return self.snapshot.uri

    @property
    def version(self) -> int:
        return self.snapshot.version

    @property
    def key(self) -> tuple[int, int]:
        return (self.snapshot.version, self.generation)

    def relint(self, text: str) -> list[Finding]:
        """Lint another text of this document with the same rules (for the fix loop)."""
        return lint_text(text, self.snapshot.shown_path, self.rules, self.settings.severity)


def lint_snapshot(
    snapshot: Snapshot,
    projects: ProjectSettings,
    all_rules: Sequence[type[Rule]],
    encoding: str,
    generation: int,
    parser: IncrementalParser | None = None,
) -> Linted:
    editor = snapshot.editor
    positions = PositionMap(snapshot.text, encoding)
    if not editor.enable or not snapshot.is_python:
        return Linted(snapshot, generation, positions)
    problems: list[str] = []
    where = snapshot.path or (snapshot.fallback_folder or Path.cwd()) / "untitled.py"
    try:
        project = projects.for_path(where)
    except ConfigError as exc:
        problems.append(f"{exc}; using the default settings until it is fixed")
        project = Settings()
    if snapshot.path is not None and project.excludes(snapshot.path):
        return Linted(snapshot, generation, positions, problems=tuple(problems))
    settings = editor.applied_to(project)
    rules = tuple(settings.rules(all_rules, snapshot.path))
    findings = _cached_lint(snapshot, rules, settings.severity, parser)
    if parser is not None:
        findings = _with_last_good(parser, snapshot.text, rules, findings)
    shown = tuple(finding for finding in findings if finding.code != INTERNAL_ERROR[0])
    crashes = tuple(finding.message for finding in findings if finding.code == INTERNAL_ERROR[0])
    diagnostics = tuple(
        to_diagnostic(finding, positions, settings.docs_url, snapshot.uri) for finding in shown
    )
    return Linted(
        snapshot,
        generation,
        positions,
        shown,
        diagnostics,
        settings,
        rules,
        crashes,
        tuple(problems),
    )


def parser_for(parsers: dict[str, IncrementalParser], uri: str) -> IncrementalParser:
    """The document's parser, made on its first lint.

    Not `parsers.setdefault(uri, IncrementalParser())`: that builds a parser on
    every lint, and a parser is a reference cycle (its findings hold one of its
    methods), so each unused one waited for the server's relaxed cyclic
    collector: about 1 KB per edit (issue 17).
    """
    parser = parsers.get(uri)
    if parser is None:
        parser = parsers[uri] = IncrementalParser()
    return parser


_disk_cache: LintCache | None = None


def _cached_lint(
    snapshot: Snapshot,
    rules: Sequence[type[Rule]],
    severity: dict[str, Severity],
    parser: IncrementalParser | None,
) -> list[Finding]:
    """Lint through the same content-hash cache `tutor lint` fills.

    Only until the document has been parsed once: a file opened unchanged
    since the last `tutor lint` costs no parse at all, while the versions
    typed after that are neither hashed nor written to disk; the
    incremental parser serves them.
    """
    if parser is not None and parser.module is not None:
        return lint_text(snapshot.text, snapshot.shown_path, rules, severity, parser.parse)
    parse = parser.parse if parser is not None else parse_module
    global _disk_cache  # one per server process, created on first use
    if _disk_cache is None:
        _disk_cache = LintCache()
    key = _disk_cache.key(snapshot.text.encode("utf-8"), rules, severity, snapshot.shown_path)
    found = _disk_cache.load(key, snapshot.shown_path)
    if found is None:
        found = lint_text(snapshot.text, snapshot.shown_path, rules, severity, parse)
        if not any(finding.code == INTERNAL_ERROR[0] for finding in found):
            _disk_cache.store(key, found)
    return found


# Per document (its parser): the last text that parsed, the rules it ran and its findings.
_last_good: weakref.WeakKeyDictionary[
    IncrementalParser, tuple[str, tuple[type[Rule], ...], list[Finding]]
] = weakref.WeakKeyDictionary()


def _with_last_good(
    parser: IncrementalParser,
    text: str,
    rules: tuple[type[Rule], ...],
    findings: list[Finding],
) -> list[Finding]:
    """A syntax error mid-typing should not wipe every hint: beside it, keep the last good
    findings on the lines the edit did not touch (without their fixes, which may be stale)."""
    if not any(finding.code == SYNTAX_ERROR[0] for finding in findings):
        _last_good[parser] = (text, rules, findings)
        return findings
    last = _last_good.get(parser)
    if last is None or last[1] != rules:
        return findings
    kept = carried_over(last[0], last[2], text)
    return sorted([*findings, *kept], key=lambda finding: finding.sort_key)


def carried_over(old_text: str, old_findings: Sequence[Finding], new_text: str) -> list[Finding]:
    """The findings of `old_text` that lie wholly in lines `new_text` left alone, moved to
    where those lines are now."""
    old_lines = old_text.splitlines(keepends=True)
    new_lines = new_text.splitlines(keepends=True)
    head = 0
    while head < min(len(old_lines), len(new_lines)) and old_lines[head] == new_lines[head]:
        head += 1
    tail = 0
    while (
        tail < min(len(old_lines), len(new_lines)) - head
        and old_lines[-1 - tail] == new_lines[-1 - tail]
    ):
        tail += 1
    old_tail_start = len(old_lines) - tail + 1  # 1-based: the first untouched line at the end
    shift = len(new_lines) - len(old_lines)
    kept: list[Finding] = []
    for finding in old_findings:
        if finding.tool:
            continue
        if finding.end.line <= head:
            kept.append(finding.moved_down(0, keep_fix=False))
        elif finding.start.line >= old_tail_start:
            kept.append(finding.moved_down(shift, keep_fix=False))
    return kept
