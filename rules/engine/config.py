"""`[tool.tutor]` in pyproject.toml: which rules run, how loud, where links go.

Found like ruff finds its settings: the closest pyproject.toml above a file
that has a `[tool.tutor]` table. Command-line flags override it.
"""

from __future__ import annotations

import os
import re
import stat
import string
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .findings import Severity

if TYPE_CHECKING:
    import pathspec

    from .rule import Rule

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

KEYS = (
    "select",
    "ignore",
    "per-file-ignores",
    "severity",
    "exclude",
    "docs-url",
    "history",
    "notebooks",
)


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
    history: bool | None = None  # keep the learner's pitfall history; None: their own choice
    notebooks: bool = True  # whether folder walks pick up .ipynb files

    def rules(self, all_rules: Sequence[type[Rule]], path: Path | None = None) -> list[type[Rule]]:
        """The rules enabled for `path` (by name), in registry order."""
        chosen = set(expand(self.select, all_rules, self.source)) - set(
            expand(self.ignore, all_rules, self.source)
        )
        if path is not None:
            chosen -= set(expand(self.ignored_for(path), all_rules, self.source))
        return [rule for rule in all_rules if rule.name in chosen]

    def ignored_for(self, path: Path) -> tuple[str, ...]:
        """The rules `per-file-ignores` turns off for `path`, as the config spells them."""
        if not self.per_file_ignores:
            return ()
        relative = self.relative(path)
        return tuple(
            name
            for pattern, names in self.per_file_ignores
            if _spec((pattern,)).match_file(relative)
            for name in names
        )

    def relative(self, path: Path) -> str:
        base = self.root or Path.cwd()
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):  # elsewhere, or a symlink loop
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
    import pathspec  # only projects with excludes pay for it

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
        problem = docs_url_problem(docs_url)
        if problem is not None:
            raise ConfigError(f"{source}: `docs-url` {problem}")
    history = table.get("history")
    if history is not None and not isinstance(history, bool):
        raise ConfigError(f"{source}: `history` must be true or false")
    notebooks = table.get("notebooks", True)
    if not isinstance(notebooks, bool):
        raise ConfigError(f"{source}: `notebooks` must be true or false")
    settings = Settings(
        select,
        ignore,
        tuple(per_file),
        severity,
        strings("exclude"),
        docs_url,
        root,
        source,
        notebooks=notebooks,
    )
    return replace(settings, history=history) if history is not None else settings


DOCS_FIELDS = ("question", "slug", "rule")
# A small width and `d`/`s` at most: `{question:02d}` yes, `{question:>99999999999}` no.
_DOCS_SPEC = re.compile(r"(?:.?[<>=^])?0?\d{0,3}[ds]?")


def docs_url_problem(template: str) -> str | None:
    """Why a `docs-url` template cannot be used; None when it can."""
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as exc:
        return f"is not a valid template ({exc})"
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in DOCS_FIELDS:
            return f"may only use {{question}}, {{slug}} and {{rule}}, not {{{name}}}"
        if conversion is not None:
            return f"may not convert {{{name}!{conversion}}}; write {{{name}}}"
        if spec and not _DOCS_SPEC.fullmatch(spec):
            return f"has a format spec {spec!r} we do not allow (at most a width of 3 digits and d or s)"
    try:
        template.format(question=7, slug="q07-arguments", rule="mutable-default-argument")
    except (KeyError, IndexError, ValueError, TypeError) as exc:
        return f"cannot be filled in ({exc})"
    return None


def load_pyproject(path: Path) -> Settings | None:
    """Settings from one pyproject.toml, or None when it has no [tool.tutor]."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{path}: not valid UTF-8 (byte {exc.start}); TOML must be UTF-8"
        ) from None
    except (OSError, RecursionError) as exc:
        raise ConfigError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: [tool] must be a table, not {type(tool).__name__}")
    table = tool.get("tutor")
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.tutor] must be a table")
    return parse_settings(table, path.parent, f"{path} [tool.tutor]")


def _is_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _plain_file(path: str) -> bool:
    """A regular file that is not a symbolic link (whose target's folder would count)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except (OSError, ValueError):
        return False


def _regular_file(path: Path) -> bool:
    """A regular file we may read (not a FIFO, not in a folder we cannot enter)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


class ConfigFinder:
    """Finds (and remembers) the settings that apply to each folder."""

    def __init__(self, fixed: Path | None = None) -> None:
        self.fixed = load_pyproject(fixed) if fixed is not None else None
        self._by_dir: dict[Path, Settings] = {}
        # A plain file's settings are its folder's: kept by the folder as written,
        # so the files of one folder resolve it once, not once each.
        self._by_parent: dict[str, Settings] = {}

    def for_path(self, path: Path) -> Settings:
        if self.fixed is not None:
            return self.fixed
        text = os.fspath(path)
        parent, name = os.path.split(os.path.join(os.getcwd(), text))
        plain = name not in ("", ".", "..") and _plain_file(text)
        if plain:
            known = self._by_parent.get(parent)
            if known is not None:
                return known
        try:
            folder = path.resolve()
        except (OSError, RuntimeError):  # a symlink loop
            folder = Path(os.path.abspath(path))
        if not _is_folder(folder):
            folder = folder.parent
        settings = self._for_dir(folder)
        if plain:
            self._by_parent[parent] = settings
        return settings

    def _for_dir(self, folder: Path) -> Settings:
        cached = self._by_dir.get(folder)
        if cached is not None:
            return cached
        candidate = folder / "pyproject.toml"
        settings = load_pyproject(candidate) if _regular_file(candidate) else None
        if settings is None:
            parent = folder.parent
            settings = Settings() if parent == folder else self._for_dir(parent)
        self._by_dir[folder] = settings
        return settings
