"""Flashcards, one per pitfall, scheduled with Leitner boxes.

The deck is drawn from where each pitfall is taught, so it cannot drift: every
rule's `card`, and the cards on each question page (`## Flashcards`).

Every card starts in box 1, which is due every day. Knowing a card moves it up
a box, and each box waits longer before the card comes back (0, 1, 3, 7, 16
days); forgetting it sends it back to box 1; "hard" keeps it in its box. The
schedule is `cards.json` in the kata workspace, written like the progress file.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from . import store

VERSION = 1
WAIT_DAYS = {1: 0, 2: 1, 3: 3, 4: 7, 5: 16}
FORGOT, HARD, KNEW = 1, 2, 3
GRADES = {FORGOT: "forgot", HARD: "hard", KNEW: "knew it"}
LEVEL_WORDS = {
    "basics": "basics",
    "intermediate": "intermediate",
    "advanced": "advanced",
    "coding": "coding challenge",
    "challenge": "coding challenge",
    "challenges": "coding challenge",
    "coding-challenge": "coding challenge",
    "coding-challenges": "coding challenge",
}


@dataclass(frozen=True)
class Card:
    question: int
    front: str
    back: str
    key: str = ""  # where the card comes from: a rule's name, or `<page>#<n>`; its schedule key


def load_deck() -> tuple[Card, ...]:
    """Each question's page cards, then its rules' cards, in learning order."""
    from pitfall_tutor.rules import ALL_RULES
    from pitfall_tutor.rules.questions import QUESTIONS

    deck = []
    for item in QUESTIONS:
        for index, (front, back) in enumerate(item.cards(), start=1):
            deck.append(Card(item.number, front, back, f"{item.slug}#{index}"))
        for rule in ALL_RULES:
            if rule.question == item.number and rule.card is not None:
                deck.append(Card(item.number, rule.card[0], rule.card[1], rule.name))
    return tuple(deck)


def cards_for_topic(deck: tuple[Card, ...], topic: str | None) -> list[Card] | None:
    """Cards for `--topic`: a question (7, q7, q07-arguments), a kata slug, a
    question's short name (`arguments`) or a level (basics, intermediate,
    advanced, coding). None when the topic means nothing to us."""
    from pitfall_tutor.rules.questions import QUESTIONS, find_question

    from .catalogue import find_kata

    if topic is None:
        return list(deck)
    key = topic.strip().lower()
    level = LEVEL_WORDS.get(key.replace(" ", "-"))
    if level is not None:
        numbers = {item.number for item in QUESTIONS if item.level == level}
        return [card for card in deck if card.question in numbers]
    item = find_question(key)
    kata = find_kata(key)
    number = item.number if item else kata.question if kata else None
    if number is None:
        number = next(
            (entry.number for entry in QUESTIONS if entry.slug.split("-", 1)[1] == key), None
        )
    if number is None:
        return None
    return [card for card in deck if card.question == number]


@dataclass
class CardState:
    box: int = 1
    due: str = ""  # ISO date; empty means new, due at once
    reviews: int = 0
    lapses: int = 0

    def is_due(self, today: date) -> bool:
        return not self.due or date.fromisoformat(self.due) <= today


def _valid(data: dict[str, Any]) -> bool:
    cards = data.get("cards", {})
    if not isinstance(cards, dict):
        return False
    for entry in cards.values():
        if not isinstance(entry, dict):
            return False
        box, due = entry.get("box", 1), entry.get("due", "")
        if not isinstance(box, int) or isinstance(box, bool) or box not in WAIT_DAYS:
            return False
        if not isinstance(due, str):
            return False
        try:
            if due:
                date.fromisoformat(due)
        except ValueError:
            return False
        for counter in ("reviews", "lapses"):
            value = entry.get(counter, 0)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                return False
    return True


class Schedule:
    def __init__(self, path: Path) -> None:
        self.path = path
        loaded = store.load(path, VERSION, _valid)
        self.moved_aside = loaded.moved_aside
        self.notes = loaded.notes
        self._take(loaded.data)

    def _take(self, data: dict[str, Any]) -> None:
        self.states: dict[str, CardState] = {
            key: CardState(**{k: v for k, v in entry.items() if k in CardState.__annotations__})
            for key, entry in data.get("cards", {}).items()
        }
        self._base = {key: asdict(state) for key, state in self.states.items()}

    def state(self, card: Card) -> CardState:
        return self.states.setdefault(card.key, CardState())

    def due(self, cards: list[Card], today: date) -> list[Card]:
        """Due cards, lowest box first (the least known), then question order."""
        due = [card for card in cards if self.state(card).is_due(today)]
        return sorted(due, key=lambda card: (self.state(card).box, card.question))

    def grade(self, card: Card, grade: int, today: date) -> CardState:
        state = self.state(card)
        state.reviews += 1
        if grade == FORGOT:
            state.box = 1
            state.lapses += 1
        elif grade == KNEW:
            state.box = min(state.box + 1, max(WAIT_DAYS))
        # HARD keeps the box, but never comes back the same day unless in box 1.
        state.due = (today + timedelta(days=WAIT_DAYS[state.box])).isoformat()
        return state

    def next_due(self, cards: list[Card], today: date) -> date | None:
        upcoming = [
            date.fromisoformat(self.state(card).due)
            for card in cards
            if self.state(card).due and not self.state(card).is_due(today)
        ]
        return min(upcoming, default=None)

    def save(self) -> None:
        """Merge this session's reviews into the file as it is now, under its lock:
        a review in another terminal is kept (counts add up; the last grade sets the box)."""
        blank = asdict(CardState())

        def merge(now: dict[str, Any]) -> dict[str, Any]:
            cards = {key: {**blank, **entry} for key, entry in now.get("cards", {}).items()}
            for key, state in self.states.items():
                mine, base = asdict(state), self._base.get(key, blank)
                if mine == base:
                    continue
                theirs = cards.get(key, dict(blank))
                merged = {**mine}
                for counter in ("reviews", "lapses"):
                    merged[counter] = theirs[counter] + max(mine[counter] - base[counter], 0)
                cards[key] = merged
            return {"version": VERSION, "cards": dict(sorted(cards.items()))}

        saved = store.update(self.path, VERSION, _valid, merge)
        self.notes.extend(saved.notes)
        self._take(saved.data)
