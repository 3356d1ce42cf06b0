"""What the learner has done: per kata attempts, hints, results and times.

Stored as `progress.json` in the workspace (see katas/store.py for how it is
written). An attempt is a check of a version of the file not checked before,
so re-running `check` or saving without changes does not inflate the count.
The clock for a kata starts when it is placed (or reset); "best time" is the
quickest start-to-pass.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from . import store

VERSION = 1
RESULTS = ("pass", "fail", "error")


def now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class KataProgress:
    started: str | None = None  # ISO time the clock started (placed or reset)
    timed: bool = False  # the clock stopped: a pass was timed since `started`
    attempts: int = 0
    hints: int = 0
    last_result: str | None = None
    last_checked: str | None = None
    last_digest: str | None = None
    passed: bool = False
    first_pass_seconds: float | None = None
    best_seconds: float | None = None
    solution_viewed: bool = False

    @property
    def status(self) -> str:
        if self.passed:
            return "passed"
        if self.started or self.attempts:
            return "in progress"
        return "not started"


_TYPES: dict[str, tuple[type, ...]] = {
    "started": (str, type(None)),
    "timed": (bool,),
    "attempts": (int,),
    "hints": (int,),
    "last_result": (str, type(None)),
    "last_checked": (str, type(None)),
    "last_digest": (str, type(None)),
    "passed": (bool,),
    "first_pass_seconds": (int, float, type(None)),
    "best_seconds": (int, float, type(None)),
    "solution_viewed": (bool,),
}


def _valid(data: dict[str, Any]) -> bool:
    katas = data.get("katas", {})
    current = data.get("current")
    if not isinstance(katas, dict) or not isinstance(current, (str, type(None))):
        return False
    for entry in katas.values():
        if not isinstance(entry, dict):
            return False
        for key, value in entry.items():
            expected = _TYPES.get(key)
            if expected is not None and not isinstance(value, expected):
                return False
            if expected == (int,) and isinstance(value, bool):
                return False
    return True


@dataclass(frozen=True)
class Recorded:
    """What one check changed: worth telling the learner."""

    new_attempt: bool
    first_pass: bool
    seconds: float | None  # start-to-pass time, when this check passed


class Progress:
    def __init__(self, path: Path) -> None:
        self.path = path
        loaded = store.load(path, VERSION, _valid)
        self.moved_aside = loaded.moved_aside
        self.notes = loaded.notes
        data = loaded.data
        known = {item.name for item in fields(KataProgress)}
        self.katas: dict[str, KataProgress] = {
            slug: KataProgress(**{k: v for k, v in entry.items() if k in known})
            for slug, entry in data.get("katas", {}).items()
        }
        self.current: str | None = data.get("current")

    def get(self, slug: str) -> KataProgress:
        return self.katas.setdefault(slug, KataProgress())

    def start(self, slug: str, restart: bool = False) -> None:
        entry = self.get(slug)
        if entry.started is None or restart:
            entry.started = now().isoformat(timespec="seconds")
            entry.timed = False
        self.current = slug

    def record_check(self, slug: str, result: str, digest: str, counts: bool = True) -> Recorded:
        """Note a check's result. `counts=False` for the untouched starter."""
        entry = self.get(slug)
        self.start(slug)
        moment = now()
        new_attempt = counts and digest != entry.last_digest
        if new_attempt:
            entry.attempts += 1
        entry.last_digest = digest
        entry.last_result = result
        entry.last_checked = moment.isoformat(timespec="seconds")
        if result != "pass":
            return Recorded(new_attempt, False, None)
        first_pass = not entry.passed
        seconds = None
        if entry.started is not None and not entry.timed:
            # The clock stops at the first pass after the kata was placed or reset.
            seconds = max((moment - datetime.fromisoformat(entry.started)).total_seconds(), 0.0)
            entry.timed = True
            if entry.first_pass_seconds is None:
                entry.first_pass_seconds = seconds
            if entry.best_seconds is None or seconds < entry.best_seconds:
                entry.best_seconds = seconds
        entry.passed = True
        return Recorded(new_attempt, first_pass, seconds)

    def reveal_hint(self, slug: str, available: int) -> int:
        """Show one more hint (up to `available`); returns how many are now shown."""
        entry = self.get(slug)
        entry.hints = min(entry.hints + 1, available)
        self.current = slug
        return entry.hints

    def save(self) -> None:
        data: dict[str, Any] = {
            "version": VERSION,
            "current": self.current,
            "katas": {slug: asdict(entry) for slug, entry in sorted(self.katas.items())},
        }
        store.save(self.path, data)


def format_duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h {minutes:02d}m"
    if minutes:
        return f"{minutes}m {secs:02d}s"
    return f"{secs}s"
