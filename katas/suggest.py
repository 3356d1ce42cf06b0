"""After `tutor lint` finds pitfalls: which kata practises the one hit most.

Kept light (no rule engine, no kata metadata read) because `tutor lint`
calls it on every run that has findings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable

from .catalogue import katas_for_question


def practice_line(questions: Iterable[int], passed: Collection[str] = ()) -> str | None:
    """`Practice: tutor kata arguments` for the most-hit question that has a kata not passed yet.

    Ties go to the earlier question, which comes first on the learning path.
    Question 0 (findings about the file itself, like syntax errors) is skipped.
    A learner who keeps a history gets the advice drawn from it instead
    (katas/advice.py): the pitfall they keep hitting, not just today's.
    Katas in `passed` are not suggested again.
    """
    from .advice import suggestion

    advice = suggestion()
    if advice is not None:
        return advice
    counts = Counter(number for number in questions if number)
    for number, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        katas = [kata for kata in katas_for_question(number) if kata.slug not in passed]
        if katas:
            return f"Practice: tutor kata {katas[0].slug}"
    return None


def passed_katas() -> set[str]:
    """The katas passed in the default workspace (./tutor-katas or $TUTOR_KATA_DIR)."""
    from .catalogue import KATAS
    from .progress import Progress
    from .workspace import Workspace, workspace_root

    try:
        progress = Progress(Workspace(workspace_root(None)).progress_file)
    except (OSError, ValueError):
        return set()
    return {kata.slug for kata in KATAS if progress.get(kata.slug).passed}
