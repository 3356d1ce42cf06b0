"""The editor's part of the learner's history (katas/history.py), when they keep one.

A file the editor opens or saves is recorded once, from the lint of that
version: counting every keystroke's version would count a pitfall each time
the learner types near it. The hover then tells how often this month the
learner hit the rule under the cursor, and which kata practises it.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

from pitfall_tutor.katas import history

if TYPE_CHECKING:
    from pitfall_tutor.rules.engine.config import Settings
    from pitfall_tutor.rules.engine.rule import Rule

    from .linting import Linted

COUNTS_TTL = 60.0  # seconds the month's counts are reused by hovers


class EditorHistory:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._marked: set[str] = set()
        self._notes: list[str] = []
        self._counts: tuple[float, dict[str, int]] | None = None

    def mark(self, uri: str) -> None:
        """Record the next lint of this document (after open or save)."""
        with self._lock:
            self._marked.add(uri)

    def after_lint(self, linted: Linted) -> None:
        """On the lint thread: record it if it was marked and the learner keeps a history."""
        snapshot = linted.snapshot
        with self._lock:
            if snapshot.uri not in self._marked:
                return
            self._marked.discard(snapshot.uri)
        if snapshot.path is None or not snapshot.is_python or linted.crashes:
            return
        if not history.is_on(linted.settings.history):
            return
        counts = history.count_findings(
            (finding.rule, finding.question) for finding in linted.findings if not finding.tool
        )
        notes = history.record("editor", [history.FileHits(snapshot.path, snapshot.text, counts)])
        with self._lock:
            self._notes.extend(notes)
            self._counts = None

    def take_notes(self) -> list[str]:
        with self._lock:
            notes, self._notes = self._notes, []
        return notes

    def hover_line(self, rule: type[Rule], settings: Settings) -> str | None:
        """ "You have hit this 7 times this month: `tutor kata arguments`", or None."""
        if not history.is_on(settings.history):
            return None
        from pitfall_tutor.katas.advice import hover_line
        from pitfall_tutor.katas.catalogue import katas_for_question

        katas = katas_for_question(rule.question)
        return hover_line(rule.name, katas[0].slug if katas else None, self._month())

    def _month(self) -> dict[str, int]:
        with self._lock:
            cached = self._counts
        if cached is not None and time.monotonic() - cached[0] < COUNTS_TTL:
            return cached[1]
        counts = history.rule_counts(history.month_ago())
        with self._lock:
            self._counts = (time.monotonic(), counts)
        return counts
