"""`[tool.tutor]` for each open file, re-read when a pyproject.toml changes.

`ConfigFinder` remembers the settings of every folder it has seen, which is what
a one-shot `tutor lint` wants. A server lives for hours while the learner edits
pyproject.toml, so before each lint the pyproject.toml files above the document
are checked (a few `stat` calls) and the finder starts afresh when one of them
appeared, changed or went away. Editors that watch files tell us sooner.
"""

from __future__ import annotations

import os
from pathlib import Path

from pitfall_tutor.rules.engine.config import ConfigFinder, Settings

Stamp = tuple[int, int] | None  # (mtime_ns, size), or None when absent


class ProjectSettings:
    def __init__(self) -> None:
        self._finder = ConfigFinder()
        self._stamps: dict[Path, Stamp] = {}  # every pyproject.toml the finder may have read

    def for_path(self, path: Path) -> Settings:
        """Settings for a file (which need not exist); raises ConfigError."""
        path = path.resolve()
        candidates = [folder / "pyproject.toml" for folder in path.parents]
        current = {candidate: _stamp(candidate) for candidate in candidates}
        if any(self._stamps.get(file, stamp) != stamp for file, stamp in current.items()):
            self.forget()
        self._stamps.update(current)
        return self._finder.for_path(path)

    def forget(self) -> None:
        """Read every pyproject.toml again on next use."""
        self._finder = ConfigFinder()
        self._stamps = {}


def _stamp(file: Path) -> Stamp:
    try:
        info = os.stat(file)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)
