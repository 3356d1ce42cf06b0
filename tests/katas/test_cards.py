"""`tutor cards`: the due cards without a terminal, and a real quiz through a pseudo-terminal."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import time
from datetime import date, timedelta
from pathlib import Path

from pitfall_tutor.katas.cards import load_deck
from pitfall_tutor.rules import ALL_RULES
from tests.conftest import TUTOR
from tests.katas.conftest import Learner

DECK = load_deck()


def count(*questions: int) -> int:
    return sum(card.question in questions for card in DECK)


def test_deck_has_a_card_per_pitfall_drawn_from_rules_and_pages() -> None:
    assert len(DECK) >= 60
    assert {card.question for card in DECK} == set(range(1, 21))
    assert [card.question for card in DECK] == sorted(card.question for card in DECK)
    assert len({card.key for card in DECK}) == len(DECK), "every card has its own schedule key"
    keys = {card.key for card in DECK}
    assert {rule.name for rule in ALL_RULES} <= keys, "every rule's card is in the deck"
    for card in DECK:
        assert card.front.endswith("?") and 100 < len(card.back) < 600, card.key


def test_without_a_terminal_prints_the_due_cards(learner: Learner) -> None:
    result = learner.tutor("cards")
    assert result.returncode == 0
    assert result.stdout.startswith(f"{len(DECK)} of {len(DECK)} cards due.")
    assert "Q3. Local, enclosing" in result.stdout and "late binding" in result.stdout
    assert not (learner.workspace / "cards.json").exists(), "printing must not change the schedule"


def test_topic_narrows_the_cards(learner: Learner) -> None:
    by_kata = learner.tutor("cards", "--topic", "scope").stdout
    assert by_kata.startswith(f"{count(3)} of {count(3)} cards due.") and "Q3." in by_kata
    assert learner.tutor("cards", "--topic", "q7").stdout.count("Q7.") == count(7)
    assert learner.tutor("cards", "--topic", "arguments").stdout.startswith(f"{count(7)} of ")
    advanced = count(13, 14, 15, 16)
    assert learner.tutor("cards", "--topic", "advanced").stdout.startswith(
        f"{advanced} of {advanced} cards due."
    )
    unknown = learner.tutor("cards", "--topic", "cobol")
    assert unknown.returncode == 2 and "no cards for 'cobol'" in unknown.stderr


class Terminal:
    """`tutor cards` on a pseudo-terminal: type keys, read the screen."""

    def __init__(self, home: Path, *args: str) -> None:
        self.controller, follower = pty.openpty()
        environment = {**os.environ, "NO_COLOR": "1", "TUTOR_KATA_DIR": ""}
        self.process = subprocess.Popen(
            [str(TUTOR), "cards", *args],
            cwd=home,
            stdin=follower,
            stdout=follower,
            stderr=follower,
            env=environment,
            start_new_session=True,
        )
        os.close(follower)
        self.screen = ""
        self.cursor = 0

    def wait_for(self, text: str, limit: float = 30) -> None:
        """Wait until `text` appears after whatever the last wait found."""
        deadline = time.monotonic() + limit
        while text not in self.screen[self.cursor :]:
            assert time.monotonic() < deadline, f"never saw {text!r}; screen:\n{self.screen}"
            ready, _, _ = select.select([self.controller], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(self.controller, 4096)
            except OSError:  # the program ended and closed the terminal
                break
            self.screen += chunk.decode("utf-8", errors="replace")
        found = self.screen.find(text, self.cursor)
        assert found >= 0, f"never saw {text!r}; screen:\n{self.screen}"
        self.cursor = found + len(text)

    def press(self, key: str) -> None:
        os.write(self.controller, key.encode())

    def finish(self) -> int:
        try:
            self.wait_for("the schedule is saved")
            return self.process.wait(timeout=30)
        finally:
            if self.process.poll() is None:
                self.process.kill()
            os.close(self.controller)


def test_interactive_quiz_reveals_grades_and_saves(learner: Learner) -> None:
    terminal = Terminal(learner.home, "--topic", "basics")
    basics = count(*range(1, 9))
    terminal.wait_for(f"{basics} cards to review")
    terminal.wait_for("[space] show our answer")
    assert (
        "bytecode" not in terminal.screen and f"Card 1 of {basics}: Q1 (basics)" in terminal.screen
    )
    terminal.press(" ")
    terminal.wait_for("How well did you know it?")
    terminal.press("3")  # knew it: box 2
    terminal.wait_for("you will see it again tomorrow")
    terminal.wait_for(f"Card 2 of {basics}: Q1 (basics)")
    terminal.press(" ")
    terminal.wait_for("How well did you know it?")
    terminal.press("1")  # forgot: stays due
    terminal.wait_for(f"Card 3 of {basics}")
    terminal.press("q")
    assert terminal.finish() == 0
    assert "Reviewed 2 cards" in terminal.screen
    assert "1 forgot, 0 hard, 1 knew it." in terminal.screen
    assert "Due tomorrow: 1 card (Q1)." in terminal.screen
    # The front is the question; the question's title is not printed again above it.
    assert "How are arguments passed" not in terminal.screen

    schedule = json.loads((learner.workspace / "cards.json").read_text(encoding="utf-8"))
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    first, second = (card.key for card in DECK[:2])
    assert schedule["cards"][first] == {"box": 2, "due": tomorrow, "reviews": 1, "lapses": 0}
    assert schedule["cards"][second]["box"] == 1 and schedule["cards"][second]["lapses"] == 1

    later = learner.tutor("cards", "--topic", "q1")
    assert later.stdout.startswith(f"{count(1) - 1} of {count(1)} cards due.")
    assert learner.tutor("cards", "--topic", "q2").stdout.startswith(f"{count(2)} of ")
