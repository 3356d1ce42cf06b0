"""Applying fixes: non-overlapping edits, then lint again, until nothing is left.

Like ruff's fix loop: each round applies every fix whose edits do not overlap
an earlier one, and the next round sees the new text.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable

from .findings import Edit, Finding
from .positions import LineIndex

MAX_ROUNDS = 10


def changed_span(old: str, new: str) -> tuple[int, int]:
    """Lengths of the common prefix and suffix: the rest is what an edit changes."""
    limit = min(len(old), len(new))
    # Binary searches over slice comparisons (done in C): a fix replaces a whole
    # function, so a loop over its characters cost more than the fix itself.
    low, high = 0, limit  # old[:low] == new[:low]; the answer is in [low, high]
    while low < high:
        middle = (low + high + 1) // 2
        if old[:middle] == new[:middle]:
            low = middle
        else:
            high = middle - 1
    prefix = low
    old_end, new_end = len(old), len(new)
    low, high = 0, limit - prefix
    while low < high:
        middle = (low + high + 1) // 2
        if old[old_end - middle :] == new[new_end - middle :]:
            low = middle
        else:
            high = middle - 1
    return prefix, low


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply edits that must not overlap one another."""
    lines = LineIndex(text)
    spans = sorted(
        ((lines.offset(edit.start), lines.offset(edit.end), edit.content) for edit in edits),
        reverse=True,
    )
    for start, end, content in spans:
        text = text[:start] + content + text[end:]
    return text


def _one_round(text: str, findings: Iterable[Finding], unsafe: bool) -> tuple[str, int]:
    lines = LineIndex(text)
    taken: list[tuple[int, int]] = []
    chosen: list[Edit] = []
    applied = 0
    for finding in sorted(findings, key=lambda item: item.sort_key):
        fix = finding.fix
        if fix is None or (not fix.safe and not unsafe):
            continue
        spans = [(lines.offset(edit.start), lines.offset(edit.end)) for edit in fix.edits]
        if any((a < y and x < b) or a == b == x == y for a, b in spans for x, y in taken):
            continue
        taken.extend(spans)
        chosen.extend(fix.edits)
        applied += 1
    return (apply_edits(text, chosen) if chosen else text), applied


def fix_text(
    text: str, lint: Callable[[str], list[Finding]], unsafe: bool = False
) -> tuple[str, int, list[Finding]]:
    """Fixed text, how many fixes were applied, and the findings that remain."""
    applied_total = 0
    findings = lint(text)
    compiled = _compiles(text)
    for _ in range(MAX_ROUNDS):
        new_text, applied = _one_round(text, findings, unsafe)
        if not applied or (compiled and not _compiles(new_text)):
            break  # a fix that breaks the code is never kept
        text = new_text
        applied_total += applied
        findings = lint(text)
    return text, applied_total, findings


def _compiles(text: str) -> bool:
    with warnings.catch_warnings():
        # The learner's own code may warn ("'int' object is not callable"); that is
        # not ours to print, and it would name a file called <fix>.
        warnings.simplefilter("ignore", SyntaxWarning)
        try:
            compile(text, "<fix>", "exec", dont_inherit=True)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return False
    return True
