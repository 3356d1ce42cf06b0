"""What a learner sees in a 120x40 terminal: first screens, watch-mode keys, cards, colour."""

from __future__ import annotations

from pathlib import Path

import pytest

from pitfall_tutor.katas.catalogue import KATAS, SOLUTION, find_kata
from tests.terminal.conftest import COLUMNS, ROWS, Session, screen_text

# A row is kept for the shell's prompt after the command ends.
FIRST_SCREEN_ROWS = ROWS - 1
NEEDS_PANDAS = {"pandas-numpy", "pandas-merge"}


def solution(slug: str) -> str:
    kata = find_kata(slug)
    assert kata is not None
    return kata.text(SOLUTION)


@pytest.mark.parametrize("slug", [kata.slug for kata in KATAS])
def test_first_screen_of_every_kata_fits_with_the_task_and_failures_on_top(
    home: Path, slug: str
) -> None:
    if slug in NEEDS_PANDAS:
        pytest.importorskip("pandas")
    text = screen_text(Session(home, "kata", slug).rest())
    rows = text.rstrip("\n").split("\n")
    assert len(rows) <= FIRST_SCREEN_ROWS, f"{len(rows)} rows:\n{text}"
    assert max(len(row) for row in rows) <= COLUMNS, "a row wraps"
    assert rows[0].startswith(f"Kata {[k.slug for k in KATAS].index(slug) + 1} of {len(KATAS)}")
    assert rows[1].startswith("Your file: ")
    assert "Not done yet" in text or "could not run" in text
    if "✗" in text and "Rules that must be quiet" in text:
        assert text.index("✗") < text.index("Rules that must be quiet")
    explained = [row for row in rows if row.lstrip().startswith("why: ")]
    assert len(explained) == len({row for row in explained}), "a rule is explained twice"
    assert all("tutor explain TUT" in row for row in explained)
    assert "## Why interviewers ask" not in text


def test_watch_mode_waits_for_keys_and_only_moves_on_with_n(home: Path) -> None:
    assert Session(home, "kata", "copying").rest()
    learner_file = home / "tutor-katas" / "copying" / "copying.py"
    watch = Session(home, "kata", "check", "copying", "--watch")
    try:
        watch.expect("h: hint  l: list  q: quit")
        watch.press("h")
        watch.expect("Hint 1 of")
        learner_file.write_text(solution("copying"), encoding="utf-8")
        passed = screen_text(watch.expect("n: next kata  h: hint  l: list  q: quit"))
        assert "all 5 tests pass" in passed and "1 of 19 katas done." in passed
        assert "Progress: [##>" in passed and "1/19" in passed
        assert "--watch" not in passed, "no --watch advice to someone already watching"
        # It never advances by itself: nothing comes for a while.
        with pytest.raises(Exception, match="Timeout"):
            watch.expect("Kata 1 of 19", timeout=3)
        watch.press("l")
        listing = screen_text(watch.expect("Next: `tutor kata mutability`"))
        assert "copying" in listing and "passed" in listing
        watch.press("n")
        watch.expect("Kata 1 of 19: mutability")
        nxt = screen_text(watch.expect("\nh: hint  l: list  q: quit"))
        assert "Your file: tutor-katas/mutability/" in nxt and "Not done yet" in nxt
        assert "Watching tutor-katas/mutability/mutability.py" in nxt
        watch.press("\x03")  # Ctrl-C
        end = screen_text(watch.rest())
        assert "Stopped watching." in end
        assert "KeyboardInterrupt" not in watch.seen and "Traceback" not in watch.seen
        assert watch.child.exitstatus == 0
    finally:
        watch.stop()


def test_q_quits_watch_mode(home: Path) -> None:
    watch = Session(home, "kata", "check", "lambdas", "--watch")
    try:
        watch.expect("q: quit")
        watch.press("q")
        assert "Stopped watching." in watch.rest()
        assert watch.child.exitstatus == 0
    finally:
        watch.stop()


def test_kata_list_has_a_progress_bar_and_colour_unless_no_color(home: Path) -> None:
    coloured = Session(home, "kata", "list", colour=True).rest()
    assert "\x1b[" in coloured
    assert "Progress: [>-----------------------------] 0/19" in screen_text(coloured)
    plain = Session(home, "kata", "list").rest()
    assert "\x1b[" not in plain and "Progress: [>" in plain
    summary = Session(home, "kata", "progress", colour=True).rest()
    assert "\x1b[" in summary and "Progress: [>" in screen_text(summary)
    assert "\x1b[" not in Session(home, "kata", "progress").rest()


def test_cards_keys_colour_and_summary(home: Path) -> None:
    cards = Session(home, "cards", "--topic", "q7", "--all", colour=True)
    try:
        cards.expect("[space] show our answer")
        cards.press(" ")
        cards.expect("How well did you know it?")
        assert "\x1b[" in cards.seen  # colour on a terminal
        cards.press("3")
        cards.expect("you will see it again tomorrow")
        cards.press("q")  # the topic may hold more cards: stop after one
        end = screen_text(cards.rest())
        assert "Reviewed 1 card" in end and "0 forgot, 0 hard, 1 knew it." in end
        assert "Due tomorrow: 1 card (Q7)." in end
    finally:
        cards.stop()
    plain = Session(home, "cards", "--topic", "q7", "--all")
    try:
        plain.expect("[space] show our answer")
        plain.press("q")
        assert "\x1b[" not in plain.rest()
    finally:
        plain.stop()
