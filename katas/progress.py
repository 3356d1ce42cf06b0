"""What the learner has done: per kata attempts, hints, results and times.

Stored as `progress.json` in the workspace (see katas/store.py for how it is
written). A save merges into what is on disk now, under a lock, so two
commands at once (a `--watch` and a `check` or `hint` in another terminal)
both keep what they did: counters add up, a pass stays a pass, the best time
is the lowest. An attempt is a check of a version of the file not checked before,
so re-running `check` or saving without changes does not inflate the count.
The clock for a kata starts when it is placed (or reset); "best time" is the
quickest start-to-pass.
"""

from __future__ import annotations

import math
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


def _moment(value: str | None) -> bool:
    """An ISO time with a time zone, as we write it."""
    if value is None:
        return True
    try:
        return datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


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
            if expected == (int,) and (isinstance(value, bool) or value < 0):
                return False
            if isinstance(value, float) and not (math.isfinite(value) and value >= 0):
                return False
        if not (_moment(entry.get("started")) and _moment(entry.get("last_checked"))):
            return False
    return True


def _merged(base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
    """One kata's entry: what this session changed since `base`, applied to `theirs`."""
    if mine == base:
        return theirs
    out = dict(theirs)
    out["attempts"] = theirs["attempts"] + max(mine["attempts"] - base["attempts"], 0)
    out["hints"] = max(theirs["hints"], mine["hints"])  # hints shown, not hint requests
    out["passed"] = theirs["passed"] or mine["passed"]
    out["solution_viewed"] = theirs["solution_viewed"] or mine["solution_viewed"]
    if mine["started"] != base["started"] and (
        base["started"] is not None or not theirs["started"]
    ):
        out["started"], out["timed"] = mine["started"], mine["timed"]  # placed or reset here
    else:
        out["timed"] = theirs["timed"] or mine["timed"]
    # This session checked (timestamps have whole seconds: two checks in one second
    # differ only in what they saw), and no later check was saved meanwhile.
    last = ("last_result", "last_checked", "last_digest")
    if any(mine[key] != base[key] for key in last) and (mine["last_checked"] or "") >= (
        theirs["last_checked"] or ""
    ):
        for key in last:
            out[key] = mine[key]
    if out["first_pass_seconds"] is None:
        out["first_pass_seconds"] = mine["first_pass_seconds"]
    times = [value for value in (theirs["best_seconds"], mine["best_seconds"]) if value is not None]
    out["best_seconds"] = min(times, default=None)
    return out


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
        self._take(loaded.data)

    def _take(self, data: dict[str, Any]) -> None:
        """Use `data` as what is stored now: our changes are counted from it."""
        known = {item.name for item in fields(KataProgress)}
        self.katas: dict[str, KataProgress] = {
            slug: KataProgress(**{k: v for k, v in entry.items() if k in known})
            for slug, entry in data.get("katas", {}).items()
        }
        self.current: str | None = data.get("current")
        self._base = {slug: asdict(entry) for slug, entry in self.katas.items()}
        self._base_current = self.current

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
        """Merge what this session did into the file as it is now, under its lock."""
        blank = asdict(KataProgress())

        def merge(now: dict[str, Any]) -> dict[str, Any]:
            known = {item.name for item in fields(KataProgress)}
            theirs = {
                slug: {**blank, **{k: v for k, v in entry.items() if k in known}}
                for slug, entry in now.get("katas", {}).items()
            }
            for slug, entry in self.katas.items():
                mine = asdict(entry)
                theirs[slug] = _merged(
                    self._base.get(slug, blank), mine, theirs.get(slug, dict(blank))
                )
            current = now.get("current")
            if self.current != self._base_current or current is None:
                current = self.current
            return {
                "version": VERSION,
                "current": current,
                "katas": dict(sorted(theirs.items())),
            }

        saved = store.update(self.path, VERSION, _valid, merge)
        self.notes.extend(saved.notes)
        self._take(saved.data)


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
