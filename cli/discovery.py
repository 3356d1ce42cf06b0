"""Which files `tutor lint` checks: walk folders like ruff and git would.

Skips version-control and tool folders, virtual environments (any folder with
a `pyvenv.cfg`), what `.gitignore` files ignore, and what `exclude` names.
Paths given explicitly are always checked, if they are regular files: a FIFO
or a device (`/dev/zero`) would block or never end, so it is refused (exit 2).
Odd things met on the walk never stop it: a symlink loop or a broken link
becomes an io-error finding when read, an unreadable folder an io-error
finding of its own, and non-regular files are skipped. Jupyter notebooks
(`.ipynb`) are found like `.py` files unless `[tool.tutor]` says `notebooks = false`.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pitfall_tutor.rules.engine.config import ConfigFinder

NOTEBOOK = ".ipynb"  # Jupyter notebooks, unless `notebooks = false` in [tool.tutor]

if TYPE_CHECKING:
    import pathspec

SKIPPED_DIRS = frozenset(
    {".git", ".hg", ".svn", ".bzr", "__pycache__", ".mypy_cache", ".ruff_cache"}
    | {".pytest_cache", ".tox", ".nox", ".eggs", ".venv", "venv", "node_modules"}
    | {"__pypackages__", ".direnv", "_build", "buck-out"}
)


@dataclass
class Discovery:
    files: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # paths that do not exist
    unreadable: list[tuple[Path, str]] = field(default_factory=list)  # folders, and why


def _kind(path: Path) -> int | None:
    """The file type bits (links followed), or None when stat fails."""
    try:
        return stat.S_IFMT(os.stat(path).st_mode)
    except (OSError, ValueError):
        return None


MAX_FILE_BYTES = 32 * 1024 * 1024


def read_regular(path: Path) -> bytes:
    """A file's bytes: without blocking, only a regular file, at most MAX_FILE_BYTES.

    The file may have been swapped for a FIFO since it was found; OSError says why.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise OSError(errno.EFBIG, f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    return data


def _is_dir(path: Path) -> bool:
    return _kind(path) == stat.S_IFDIR


def absolute(path: Path) -> Path:
    """`path.resolve()`, or its plain absolute form where links loop."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def discover(paths: list[Path], configs: ConfigFinder) -> Discovery:
    found = Discovery()
    seen: set[Path] = set()
    for path in paths:
        kind = _kind(path)
        if kind == stat.S_IFDIR:
            for file in _walk(path, configs, found):
                if file not in seen:
                    seen.add(file)
                    found.files.append(file)
        elif kind == stat.S_IFREG:
            if path not in seen:
                seen.add(path)
                found.files.append(path)
        elif kind is not None:
            what = {stat.S_IFIFO: "a FIFO", stat.S_IFCHR: "a device", stat.S_IFBLK: "a device"}
            found.errors.append(
                f"{path}: not a regular file ({what.get(kind, 'a socket')}); "
                "tutor lint reads only regular files"
            )
        elif path.is_symlink():
            found.errors.append(f"{path}: a broken or looping symbolic link")
        else:
            found.errors.append(f"{path}: no such file or directory")
    return found


def _walk(top: Path, configs: ConfigFinder, found: Discovery) -> Iterator[Path]:
    ignores = _parent_gitignores(absolute(top))

    def unreadable(error: OSError) -> None:
        where = Path(error.filename) if error.filename else top
        found.unreadable.append((where, f"cannot read folder: {error.strerror or error}"))

    for folder, dirs, files in os.walk(top, onerror=unreadable):
        here = Path(folder)
        own = here / ".gitignore"
        if _kind(own) == stat.S_IFREG:
            ignores = [*ignores, (absolute(here), _read_gitignore(own))]
        settings = configs.for_path(here)
        kept = []
        for name in sorted(dirs):
            child = here / name
            if (
                name in SKIPPED_DIRS
                or not _is_dir(child)  # a link that loops or points nowhere
                or _kind(child / "pyvenv.cfg") is not None
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
            kind = _kind(file)
            if kind is not None and kind != stat.S_IFREG:
                continue  # a FIFO or device would block or never end
            if kind is None and not _broken(file):
                continue
            if _ignored(file, ignores, is_dir=False) or configs.for_path(file).excludes(file):
                continue
            yield file  # a looping or broken link is read, and reported as an io-error


def _broken(path: Path) -> bool:
    """A link that points nowhere or loops (worth reporting), not a file that vanished."""
    try:
        os.stat(path)
    except OSError as error:
        return error.errno in {errno.ELOOP, errno.ENOENT} and path.is_symlink()
    return False


def _read_gitignore(path: Path) -> pathspec.GitIgnoreSpec:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = []
    import pathspec  # only where a .gitignore exists

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _parent_gitignores(start: Path) -> list[tuple[Path, pathspec.GitIgnoreSpec]]:
    """`.gitignore` files above `start`, up to the repository's root.

    A file that ignores `start` itself (or a folder on the way to it) is left
    out: the user named this folder, so it is checked, as if it were its own
    project.
    """
    if _kind(start / ".git") is not None:
        return []  # the walk reads the root's own .gitignore
    found = []
    for folder in start.parents:
        own = folder / ".gitignore"
        if _kind(own) == stat.S_IFREG:
            spec = _read_gitignore(own)
            steps = start.relative_to(folder).parts
            on_the_way = ("/".join(steps[: i + 1]) + "/" for i in range(len(steps)))
            if not any(spec.match_file(step) for step in on_the_way):
                found.append((folder, spec))
        if _kind(folder / ".git") is not None:
            break
    else:
        return []  # not inside a repository: outer .gitignore files do not apply
    return list(reversed(found))


def _ignored(path: Path, ignores: list[tuple[Path, pathspec.GitIgnoreSpec]], is_dir: bool) -> bool:
    if not ignores:
        return False
    full = absolute(path)
    for base, spec in ignores:
        try:
            relative = full.relative_to(base).as_posix()
        except ValueError:
            continue
        if spec.match_file(relative + ("/" if is_dir else "")):
            return True
    return False
