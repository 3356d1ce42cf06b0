"""`[tool.tutor]` in pyproject.toml: which rules run, how loud, where links go.

Found like ruff finds its settings: the closest pyproject.toml above a file
that has a `[tool.tutor]` table. Command-line flags override it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import pathspec

from .findings import Severity
from .rule import Rule

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

KEYS = ("select", "ignore", "per-file-ignores", "severity", "exclude", "docs-url", "notebooks")


class ConfigError(Exception):
    """A setting we cannot honour; the CLI exits with code 2."""


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    docs_url: str | None = None
    root: Path | None = None  # the folder whose pyproject.toml gave these
    source: str = "defaults"
    notebooks: bool = True  # whether folder walks pick up .ipynb files

    def rules(self, all_rules: Sequence[type[Rule]], path: Path | None = None) -> list[type[Rule]]:
        """The rules enabled for `path` (by name), in registry order."""
        chosen = set(expand(self.select, all_rules, self.source)) - set(
            expand(self.ignore, all_rules, self.source)
        )
        if path is not None and self.per_file_ignores:
            relative = self.relative(path)
            for pattern, names in self.per_file_ignores:
                if _spec((pattern,)).match_file(relative):
                    chosen -= set(expand(names, all_rules, self.source))
        return [rule for rule in all_rules if rule.name in chosen]

    def relative(self, path: Path) -> str:
        base = self.root or Path.cwd()
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def excludes(self, path: Path) -> bool:
        return bool(self.exclude) and _spec(self.exclude).match_file(self.relative(path))

    def overridden(
        self,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] | None = None,
        docs_url: str | None = None,
    ) -> Settings:
        changes: dict[str, Any] = {}
        if select:
            changes["select"] = tuple(select)
        if ignore:
            changes["ignore"] = (*self.ignore, *ignore)
        if docs_url:
            changes["docs_url"] = docs_url
        return replace(self, **changes) if changes else self


def expand(keys: Iterable[str], all_rules: Sequence[type[Rule]], where: str) -> list[str]:
    """Rule names for a list of names, codes, code prefixes or ALL."""
    names: list[str] = []
    for key in keys:
        key = key.strip()
        if not key:
            continue
        if key.upper() == "ALL":
            names.extend(rule.name for rule in all_rules)
            continue
        matched = [
            rule.name
            for rule in all_rules
            if key == rule.name
            or (key.upper().startswith("TUT") and rule.code.startswith(key.upper()))
        ]
        if not matched:
            raise ConfigError(f"{where}: unknown rule {key!r} (see `tutor rules`)")
        names.extend(matched)
    return names


@lru_cache(maxsize=256)
def _spec(patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    return pathspec.GitIgnoreSpec.from_lines(patterns)


def parse_settings(table: dict[str, Any], root: Path | None, source: str) -> Settings:
    """Validate a `[tool.tutor]` table."""
    from .. import ALL_RULES

    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise ConfigError(
            f"{source}: unknown key(s) {', '.join(unknown)}; known: {', '.join(KEYS)}"
        )

    def strings(key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ConfigError(f"{source}: `{key}` must be a list of strings")
        return tuple(value)

    select = strings("select") or ("ALL",)
    ignore = strings("ignore")
    expand(select, ALL_RULES, source)
    expand(ignore, ALL_RULES, source)

    per_file: list[tuple[str, tuple[str, ...]]] = []
    raw = table.get("per-file-ignores", {})
    if not isinstance(raw, dict):
        raise ConfigError(f"{source}: `per-file-ignores` must be a table of pattern = [rules]")
    for pattern, names in raw.items():
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise ConfigError(f"{source}: per-file-ignores[{pattern!r}] must be a list of rules")
        expand(names, ALL_RULES, source)
        per_file.append((pattern, tuple(names)))

    severity: dict[str, Severity] = {}
    raw = table.get("severity", {})
    if not isinstance(raw, dict):
        raise ConfigError(f"{source}: `severity` must be a table of rule = level")
    for key, level in raw.items():
        try:
            value = Severity(level)
        except ValueError:
            levels = ", ".join(item.value for item in Severity)
            raise ConfigError(f"{source}: severity {level!r} for {key!r}; use {levels}") from None
        for name in expand([key], ALL_RULES, source):
            severity[name] = value

    docs_url = table.get("docs-url")
    if docs_url is not None:
        if not isinstance(docs_url, str):
            raise ConfigError(f"{source}: `docs-url` must be a string")
        try:
            docs_url.format(question=7, slug="q07-arguments", rule="mutable-default-argument")
        except (KeyError, IndexError, ValueError) as exc:
            raise ConfigError(
                f"{source}: `docs-url` may only use {{question}}, {{slug}} and {{rule}} ({exc})"
            ) from None
    notebooks = table.get("notebooks", True)
    if not isinstance(notebooks, bool):
        raise ConfigError(f"{source}: `notebooks` must be true or false")
    return Settings(
        select,
        ignore,
        tuple(per_file),
        severity,
        strings("exclude"),
        docs_url,
        root,
        source,
        notebooks,
    )


def load_pyproject(path: Path) -> Settings | None:
    """Settings from one pyproject.toml, or None when it has no [tool.tutor]."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    table = data.get("tool", {}).get("tutor")
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.tutor] must be a table")
    return parse_settings(table, path.parent, f"{path} [tool.tutor]")


class ConfigFinder:
    """Finds (and remembers) the settings that apply to each folder."""

    def __init__(self, fixed: Path | None = None) -> None:
        self.fixed = load_pyproject(fixed) if fixed is not None else None
        self._by_dir: dict[Path, Settings] = {}

    def for_path(self, path: Path) -> Settings:
        if self.fixed is not None:
            return self.fixed
        folder = path.resolve()
        if not folder.is_dir():
            folder = folder.parent
        return self._for_dir(folder)

    def _for_dir(self, folder: Path) -> Settings:
        cached = self._by_dir.get(folder)
        if cached is not None:
            return cached
        candidate = folder / "pyproject.toml"
        settings = load_pyproject(candidate) if candidate.is_file() else None
        if settings is None:
            parent = folder.parent
            settings = Settings() if parent == folder else self._for_dir(parent)
        self._by_dir[folder] = settings
        return settings
