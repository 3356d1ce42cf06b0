"""A small JSON file that survives crashes and hand edits.

Writes go to a temporary file in the same folder and are renamed over the old
one, so a crash never leaves half a file. A file that does not parse (or is
not the shape we wrote) is moved aside, not deleted, and we start afresh: a
learner should never lose a session to a traceback about their progress file.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


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
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Loaded(fresh)
    except (OSError, UnicodeDecodeError):
        return _move_aside(path, fresh)
    try:
        data = json.loads(raw)
    except ValueError:
        return _move_aside(path, fresh)
    if not isinstance(data, dict) or data.get("version") != version or not valid(data):
        return _move_aside(path, fresh)
    return Loaded(data)


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
