"""What to practise next, drawn from the learner's history (katas/history.py).

The pitfall to work on is the one hit most in the last four weeks among those
that keep coming back: seen on two days or more, and lately (the last two
weeks). Its kata comes first; once that kata is passed, the question's due
flashcards. Kata progress and card schedules are read through their own
loaders (katas/progress.py, katas/cards.py), so this module owns no state.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from . import history

WINDOW = timedelta(days=28)
LATELY = timedelta(days=14)


@dataclass(frozen=True)
class Pattern:
    """How one question's pitfalls showed up in the window."""

    question: int
    hits: int
    days: int
    last: date


def patterns(today: date, path: Path | None = None) -> list[Pattern]:
    """Questions hit in the window, the most hit first (ties: learning order)."""
    read = history.read(today - WINDOW, path)
    by_question: dict[int, tuple[int, set[date]]] = {}
    for item in read.hits:
        hits, days = by_question.get(item.question, (0, set()))
        days.add(item.day)
        by_question[item.question] = (hits + item.count, days)
    found = [
        Pattern(number, hits, len(days), max(days)) for number, (hits, days) in by_question.items()
    ]
    return sorted(found, key=lambda p: (-p.hits, p.question))


def keeps_hitting(pattern: Pattern, today: date) -> bool:
    return pattern.days >= 2 and pattern.last >= today - LATELY


def suggestion(
    today: date | None = None, workspace_root: Path | None = None, path: Path | None = None
) -> str | None:
    """`Practice: tutor kata X (...)` or `Review: tutor cards --topic qN (...)`, or None.

    None when there is no history (it was never turned on, or was forgotten),
    or when nothing keeps coming back: then the caller's usual advice stands.
    """
    if not (path or history.database_path()).is_file():
        return None
    today = today or date.today()
    from .cards import Schedule, cards_for_topic, load_deck
    from .catalogue import katas_for_question
    from .progress import Progress
    from .workspace import Workspace
    from .workspace import workspace_root as default_root

    workspace = Workspace(workspace_root or default_root())
    progress: Progress | None = None
    for pattern in patterns(today, path):
        if not keeps_hitting(pattern, today):
            continue
        why = f"you hit Q{pattern.question} {pattern.hits} times on {pattern.days} days lately"
        katas = katas_for_question(pattern.question)
        if progress is None:
            progress = Progress(workspace.progress_file)
        waiting = [kata for kata in katas if not progress.get(kata.slug).passed]
        if waiting:
            return f"Practice: tutor kata {waiting[0].slug} ({why})"
        chosen = cards_for_topic(load_deck(), f"q{pattern.question}") or []
        due = Schedule(workspace.cards_file).due(chosen, today)
        if due:
            return (
                f"Review: tutor cards --topic q{pattern.question} "
                f"({why}; its kata is passed, {len(due)} card{'s' * (len(due) != 1)} due)"
            )
    return None


def hover_line(rule: str, kata: str | None, counts: dict[str, int]) -> str | None:
    """ "You have hit this 7 times this month: `tutor kata arguments`" for the editor."""
    hits = counts.get(rule, 0)
    if hits <= 0:
        return None
    times = "once" if hits == 1 else f"{hits} times"
    practice = f": `tutor kata {kata}`" if kata else "."
    return f"You have hit this {times} this month{practice}"
