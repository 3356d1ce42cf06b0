"""A small JSON file that survives crashes, hand edits and overlapping commands.

Writes go to a temporary file in the same folder and are renamed over the old
one, so a crash never leaves half a file. A file that does not parse (or is
not the shape we wrote: NaN, a date that is not one, nesting too deep to read)
is moved aside, not deleted, and we start afresh: a learner should never lose
a session to a traceback about their progress file. Only a regular file is
read, and only so much of it, so a FIFO or a link to /dev/zero cannot block us.

Two commands may run at once (a `--watch` in one terminal, a `check` or a card
review in another). `update` therefore takes a lock beside the file, re-reads
it, lets the caller merge its changes into what is there now, and writes,
all under the lock: nobody's save overwrites another's.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAX_BYTES = 16 * 1024 * 1024


class Unreadable(ValueError):
    """The file is there but is not a state file we can trust."""


@dataclass
class Loaded:
    data: dict[str, Any]
    moved_aside: Path | None = None  # where a corrupt file went, to tell the learner
    notes: list[str] = field(default_factory=list)


def load(path: Path, version: int, valid: Callable[[dict[str, Any]], bool]) -> Loaded:
    """The stored object, or a fresh `{"version": version}` one.

    `valid` checks the shape, so later code can trust the types it reads.
    """
    fresh: dict[str, Any] = {"version": version}
    try:
        raw = _read_regular(path)
    except FileNotFoundError:
        return Loaded(fresh)
    except (OSError, Unreadable):
        return _move_aside(path, fresh)
    try:
        data = json.loads(raw, parse_constant=_no_constants)
    except (ValueError, RecursionError):
        return _move_aside(path, fresh)
    try:
        shaped = isinstance(data, dict) and data.get("version") == version and valid(data)
    except (ValueError, TypeError, RecursionError):
        shaped = False
    if not shaped:
        return _move_aside(path, fresh)
    return Loaded(data)


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a number we wrote")


def _read_regular(path: Path) -> str:
    """The file's text: only a regular file, without blocking, at most MAX_BYTES."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        if isinstance(error, FileNotFoundError):
            raise
        if path.is_symlink():  # O_NOFOLLOW refused a link: follow it only to a regular file
            if not path.resolve().is_file():
                raise Unreadable("a link to something that is not a file") from None
            fd = os.open(path.resolve(), os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        else:
            raise
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise Unreadable("not a regular file")
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise Unreadable("too big")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise Unreadable("not UTF-8") from None


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the lock beside `path` (`.name.lock`) while the block runs."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = path.with_name(f".{path.name}.lock")
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _lock(fd)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _lock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
                return
            except OSError:
                time.sleep(0.05)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX)


def update(
    path: Path,
    version: int,
    valid: Callable[[dict[str, Any]], bool],
    merge: Callable[[dict[str, Any]], dict[str, Any]],
) -> Loaded:
    """Under the lock: read what is there now, merge our changes into it, write it."""
    with locked(path):
        loaded = load(path, version, valid)
        data = merge(loaded.data)
        save(path, data)
        return Loaded(data, loaded.moved_aside, loaded.notes)


def _move_aside(path: Path, fresh: dict[str, Any]) -> Loaded:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
    try:
        path.replace(target)
    except OSError:
        return Loaded(fresh, notes=[f"could not read {path.name}; starting afresh"])
    note = f"{path} could not be read; moved it to {target.name} and started afresh."
    return Loaded(fresh, moved_aside=target, notes=[note])


def save(path: Path, data: dict[str, Any]) -> None:
    """Write `data` as JSON atomically (temporary file, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=2, sort_keys=True)
            out.write("\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
