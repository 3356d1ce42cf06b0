"""Which files `tutor lint` checks: walk folders like ruff and git would.

Skips version-control and tool folders, virtual environments (any folder with
a `pyvenv.cfg`), what `.gitignore` files ignore, and what `exclude` names.
Paths given explicitly are always checked. Jupyter notebooks (`.ipynb`) are
found like `.py` files unless `[tool.tutor]` says `notebooks = false`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

from pitfall_tutor.rules.engine.config import ConfigFinder

NOTEBOOK = ".ipynb"  # Jupyter notebooks, unless `notebooks = false` in [tool.tutor]

SKIPPED_DIRS = frozenset(
    {".git", ".hg", ".svn", ".bzr", "__pycache__", ".mypy_cache", ".ruff_cache"}
    | {".pytest_cache", ".tox", ".nox", ".eggs", ".venv", "venv", "node_modules"}
    | {"__pypackages__", ".direnv", "_build", "buck-out"}
)


@dataclass
class Discovery:
    files: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # paths that do not exist


def discover(paths: list[Path], configs: ConfigFinder) -> Discovery:
    found = Discovery()
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            for file in _walk(path, configs):
                if file not in seen:
                    seen.add(file)
                    found.files.append(file)
        elif path.exists():
            if path not in seen:
                seen.add(path)
                found.files.append(path)
        else:
            found.errors.append(f"{path}: no such file or directory")
    return found


def _walk(top: Path, configs: ConfigFinder) -> Iterator[Path]:
    ignores = _parent_gitignores(top.resolve())
    for folder, dirs, files in os.walk(top):
        here = Path(folder)
        own = here / ".gitignore"
        if own.is_file():
            ignores = [*ignores, (here.resolve(), _read_gitignore(own))]
        settings = configs.for_path(here)
        kept = []
        for name in sorted(dirs):
            child = here / name
            if (
                name in SKIPPED_DIRS
                or (child / "pyvenv.cfg").exists()
                or _ignored(child, ignores, is_dir=True)
                or settings.excludes(child)
            ):
                continue
            kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            if not name.endswith(".py") and not (name.endswith(NOTEBOOK) and settings.notebooks):
                continue
            file = here / name
            if file.exists() and not file.is_file():
                continue  # a FIFO or device would block or never end; a broken link is reported
            if _ignored(file, ignores, is_dir=False) or configs.for_path(file).excludes(file):
                continue
            yield file


def _read_gitignore(path: Path) -> pathspec.GitIgnoreSpec:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = []
    return pathspec.GitIgnoreSpec.from_lines(lines)


def _parent_gitignores(start: Path) -> list[tuple[Path, pathspec.GitIgnoreSpec]]:
    """`.gitignore` files above `start`, up to the repository's root.

    A file that ignores `start` itself (or a folder on the way to it) is left
    out: the user named this folder, so it is checked, as if it were its own
    project.
    """
    if (start / ".git").exists():
        return []  # the walk reads the root's own .gitignore
    found = []
    for folder in start.parents:
        own = folder / ".gitignore"
        if own.is_file():
            spec = _read_gitignore(own)
            steps = start.relative_to(folder).parts
            on_the_way = ("/".join(steps[: i + 1]) + "/" for i in range(len(steps)))
            if not any(spec.match_file(step) for step in on_the_way):
                found.append((folder, spec))
        if (folder / ".git").exists():
            break
    else:
        return []  # not inside a repository: outer .gitignore files do not apply
    return list(reversed(found))


def _ignored(path: Path, ignores: list[tuple[Path, pathspec.GitIgnoreSpec]], is_dir: bool) -> bool:
    if not ignores:
        return False
    absolute = path.resolve()
    for base, spec in ignores:
        try:
            relative = absolute.relative_to(base).as_posix()
        except ValueError:
            continue
        if spec.match_file(relative + ("/" if is_dir else "")):
            return True
    return False
