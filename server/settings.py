"""Settings from the editor: the `[tool.tutor]` keys, plus a few only the server has.

Editors send them as `initializationOptions`, answer `workspace/configuration`
with them, or push them with `workspace/didChangeConfiguration`. Keys may be
kebab-case as in pyproject.toml (`docs-url`) or camelCase as VS Code settings
are (`docsUrl`). The project's `[tool.tutor]` is the base, and the editor's
settings act like `tutor lint` flags on top of it: `select` replaces, `ignore`
adds, `severity` and `docs-url` override.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from pitfall_tutor.rules.engine.config import ConfigError, Settings, parse_settings
from pitfall_tutor.rules.engine.findings import Severity

LINT_KEYS = ("select", "ignore", "severity", "docs-url")
SERVER_KEYS = ("enable", "debounce", "code-actions", "size-limit")
ACTION_KINDS = ("fix", "suppress", "fix-all", "open-question")
# Keys an editor keeps for itself (the VS Code extension's interpreter, import strategy, trace level).
EDITOR_KEYS = frozenset({"interpreter", "import-strategy", "trace"})
DEFAULT_DEBOUNCE_MS = 250
MAX_DEBOUNCE_MS = 5000
# Characters; a longer document is linted on open and save only, on a thread of its own.
DEFAULT_SIZE_LIMIT = 1_000_000

_CAMEL = re.compile(r"(?<=[a-z0-9])([A-Z])")


def kebab(key: str) -> str:
    """`docsUrl` -> `docs-url`; kebab-case keys stay as they are."""
    return _CAMEL.sub(r"-\1", key).lower()


def normalized(raw: object) -> dict[str, Any]:
    """A settings object with kebab-case keys (nested tables too); non-objects give {}."""
    if not isinstance(raw, Mapping):
        return {}
    return {
        kebab(str(key)): normalized(value)
        if isinstance(value, Mapping) and key != "severity"
        else value
        for key, value in raw.items()
    }


@dataclass(frozen=True)
class EditorSettings:
    enable: bool = True
    debounce: float = DEFAULT_DEBOUNCE_MS / 1000  # seconds
    actions: frozenset[str] = frozenset(ACTION_KINDS)
    size_limit: int = DEFAULT_SIZE_LIMIT
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    docs_url: str | None = None

    def applied_to(self, project: Settings) -> Settings:
        """The project's settings with the editor's on top."""
        merged = project.overridden(self.select, self.ignore, self.docs_url)
        if self.severity:
            merged = replace(merged, severity={**merged.severity, **self.severity})
        return merged


@dataclass(frozen=True)
class ReadSettings:
    settings: EditorSettings
    problems: tuple[str, ...] = ()  # one sentence each, for the user


def read_settings(raw: Mapping[str, Any], source: str = "editor settings") -> ReadSettings:
    """Validate editor settings; a bad value is reported and its default used."""
    table = normalized(raw)
    problems: list[str] = []
    unknown = sorted(set(table) - set(LINT_KEYS) - set(SERVER_KEYS) - EDITOR_KEYS)
    if unknown:
        known = ", ".join((*LINT_KEYS, *SERVER_KEYS))
        problems.append(f"{source}: unknown setting(s) {', '.join(unknown)}; known: {known}")

    changes: dict[str, Any] = {}
    enable = table.get("enable")
    if enable is not None:
        if isinstance(enable, bool):
            changes["enable"] = enable
        else:
            problems.append(f"{source}: `enable` must be true or false")
    debounce = table.get("debounce")
    if debounce is not None:
        if isinstance(debounce, (int, float)) and not isinstance(debounce, bool) and debounce >= 0:
            changes["debounce"] = min(float(debounce), MAX_DEBOUNCE_MS) / 1000
        else:
            problems.append(f"{source}: `debounce` must be a number of milliseconds (0 or more)")
    size_limit = table.get("size-limit")
    if size_limit is not None:
        if isinstance(size_limit, int) and not isinstance(size_limit, bool) and size_limit > 0:
            changes["size_limit"] = size_limit
        else:
            problems.append(f"{source}: `size-limit` must be a number of characters (1 or more)")
    actions = _read_actions(table.get("code-actions"), source, problems)
    if actions is not None:
        changes["actions"] = actions
    changes.update(_read_lint(table, source, problems))
    return ReadSettings(EditorSettings(**changes), tuple(problems))


def _read_actions(value: object, source: str, problems: list[str]) -> frozenset[str] | None:
    """`{"fix": true, "suppress": false, ...}` or a list of the kinds to offer."""
    if value is None:
        return None
    if isinstance(value, Mapping):
        wanted = dict.fromkeys(ACTION_KINDS, True)
        for kind, enabled in value.items():
            if kind not in wanted or not isinstance(enabled, bool):
                problems.append(
                    f"{source}: `code-actions.{kind}` is not one of {', '.join(ACTION_KINDS)} "
                    "set to true or false"
                )
                continue
            wanted[kind] = enabled
        return frozenset(kind for kind, enabled in wanted.items() if enabled)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        kinds = {kebab(item) for item in value}
        if kinds <= set(ACTION_KINDS):
            return frozenset(kinds)
    problems.append(
        f"{source}: `code-actions` must be a table of {', '.join(ACTION_KINDS)} = true/false"
    )
    return None


def _read_lint(table: Mapping[str, Any], source: str, problems: list[str]) -> dict[str, Any]:
    """The `[tool.tutor]` keys, checked by the same code that reads pyproject.toml."""
    lint: dict[str, Any] = {}
    for key in LINT_KEYS:
        value = table.get(key)
        if value in (None, "", [], {}):
            continue  # editors send empty defaults for settings nobody set
        try:
            parsed = parse_settings({key: value}, None, source)
        except ConfigError as exc:
            problems.append(str(exc))
            continue
        if key == "select":
            lint["select"] = parsed.select
        elif key == "ignore":
            lint["ignore"] = parsed.ignore
        elif key == "severity":
            lint["severity"] = parsed.severity
        else:
            lint["docs_url"] = parsed.docs_url
    return lint
