"""`tutor cards`: flashcards for the twenty questions, with spaced repetition.

In a terminal it quizzes you: the question, our answer on a key press, then
you grade yourself (1 forgot, 2 hard, 3 knew it) and the card's next review is
scheduled (katas/cards.py). Without a terminal on stdin (a pipe, CI) it prints
the due cards with their answers and exits 0, changing nothing.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import sys
import textwrap
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from pitfall_tutor.katas.cards import Card, Schedule

QUIT = "q"


def cards(
    topic: Annotated[
        str | None,
        typer.Option(help="Only these cards: a question (q7), a kata (scope) or a level (basics)."),
    ] = None,
    directory: Annotated[
        Path | None,
        typer.Option("--dir", help="Where the schedule lives (the kata workspace)."),
    ] = None,
    review_all: Annotated[
        bool, typer.Option("--all", help="Every card of the topic, due or not.")
    ] = False,
) -> None:
    """Quiz yourself on the twenty questions (spaced repetition)."""
    from pitfall_tutor.katas.cards import Schedule, cards_for_topic, load_deck
    from pitfall_tutor.katas.workspace import Workspace, workspace_root

    deck = load_deck()
    chosen = cards_for_topic(deck, topic)
    if chosen is None:
        typer.echo(
            f"tutor: error: no cards for {topic!r}; try q1 to q20, a kata name or "
            "basics, intermediate, advanced, coding",
            err=True,
        )
        raise typer.Exit(2)
    workspace = Workspace(workspace_root(directory))
    schedule = Schedule(workspace.cards_file)
    for note in schedule.notes:
        typer.echo(f"tutor: warning: {note}", err=True)
    today = date.today()
    due = chosen if review_all else schedule.due(chosen, today)
    if not sys.stdin.isatty():
        _print_due(due, chosen, schedule, today)
        return
    _quiz(due, chosen, schedule, today)


def _title(card: Card) -> str:
    from pitfall_tutor.rules.questions import question

    item = question(card.question)
    return f"Q{item.number}. {item.title} ({item.level})"


def _label(card: Card) -> str:
    """`Q7 (basics)`: the card's front says the question, so its title is not repeated."""
    from pitfall_tutor.rules.questions import question

    item = question(card.question)
    return f"Q{item.number} ({item.level})"


def _console() -> Any:
    """rich, for colour and the rendered answer; it honours NO_COLOR and plain pipes."""
    from rich.console import Console

    plain = bool(os.environ.get("NO_COLOR"))  # no colour, and no bold either: plain text
    return Console(
        highlight=False,
        width=min(Console().width, 100),
        color_system=None if plain else "auto",
    )


def _answer(text: str) -> Any:
    """The answer as Markdown: inline code and code blocks highlighted (Pygments)."""
    from rich.markdown import Markdown

    return Markdown(text, code_theme="monokai", inline_code_lexer="python")


def _wrapped(text: str, indent: str = "  ") -> str:
    paragraph = " ".join(text.split())
    return textwrap.fill(paragraph, 88, initial_indent=indent, subsequent_indent=indent)


def _print_due(due: list[Card], chosen: list[Card], schedule: Schedule, today: date) -> None:
    if not due:
        typer.echo(_nothing_due(chosen, schedule, today))
        return
    typer.echo(
        f"{len(due)} of {len(chosen)} cards due. Review them in a terminal: `tutor cards`.\n"
    )
    for card in due:
        typer.echo(f"{_title(card)}, box {schedule.state(card).box}")
        typer.echo(_wrapped("Q: " + card.front))
        typer.echo(_wrapped("A: " + card.back) + "\n")


def _nothing_due(chosen: list[Card], schedule: Schedule, today: date) -> str:
    upcoming = schedule.next_due(chosen, today)
    when = f" The next one is due on {upcoming.isoformat()}." if upcoming else ""
    return f"No cards due today.{when} (`tutor cards --all` reviews them anyway.)"


@contextlib.contextmanager
def single_keys() -> Iterator[Callable[[], str]]:
    """Read one key press at a time, without Enter, for the whole quiz.

    The terminal stays in cbreak mode throughout (and is restored at the end),
    so keys typed ahead of a prompt are not lost in a mode switch.
    """
    if sys.platform == "win32":  # pragma: no cover - Windows console
        import msvcrt

        yield msvcrt.getwch
        return
    import termios
    import tty

    descriptor = sys.stdin.fileno()
    saved = termios.tcgetattr(descriptor)
    tty.setcbreak(descriptor, termios.TCSANOW)
    decoder = codecs.getincrementaldecoder("utf-8")(errors="ignore")
    pending: list[str] = []

    def read_key() -> str:
        # Keys typed ahead arrive together; hand them out one at a time.
        while not pending:
            pending.extend(decoder.decode(os.read(descriptor, 16)))
        return pending.pop(0)

    try:
        yield read_key
    finally:
        termios.tcsetattr(descriptor, termios.TCSADRAIN, saved)


def _ask(read_key: Callable[[], str], prompt: str, allowed: str) -> str:
    typer.echo(prompt, nl=False)
    sys.stdout.flush()
    while True:
        key = read_key().lower()
        if key == "\r" or key == "\n":
            key = " "
        if key in allowed:
            typer.echo("")
            return key


def _quiz(due: list[Card], chosen: list[Card], schedule: Schedule, today: date) -> None:
    if not due:
        typer.echo(_nothing_due(chosen, schedule, today))
        return
    console = _console()
    count = f"{len(due)} card{'s' * (len(due) != 1)}"
    console.print(
        f"[bold]{count} to review.[/] Keys: [bold]space[/] shows the answer, "
        "[bold]1-3[/] grade it, [bold]q[/] quits."
    )
    with single_keys() as read_key:
        grades = _review(due, schedule, today, read_key, console)
    console.print(_summary(grades, chosen, schedule, today))


def _summary(grades: list[int], chosen: list[Card], schedule: Schedule, today: date) -> str:
    """How the session went and what comes next: left today, due tomorrow."""
    from datetime import timedelta

    from pitfall_tutor.katas.cards import GRADES

    reviewed = len(grades)
    lines = [f"\n[bold]Reviewed {reviewed} card{'s' * (reviewed != 1)}[/]; the schedule is saved."]
    if grades:
        counts = [f"{grades.count(key)} {name}" for key, name in GRADES.items()]
        lines.append("  " + ", ".join(counts) + ".")
    left = schedule.due(chosen, today)
    tomorrow = [
        card for card in schedule.due(chosen, today + timedelta(days=1)) if card not in left
    ]
    if left:
        lines.append(f"  Still due today: {len(left)}.")
    else:
        lines.append("  " + _nothing_due(chosen, schedule, today))
    questions = ", ".join(dict.fromkeys(f"Q{card.question}" for card in tomorrow))
    lines.append(
        f"  Due tomorrow: {len(tomorrow)} card{'s' * (len(tomorrow) != 1)}"
        + (f" ({questions})." if tomorrow else ".")
    )
    return "\n".join(lines)


class _Quit(Exception):
    """The learner pressed q."""


def _review(
    due: list[Card],
    schedule: Schedule,
    today: date,
    read_key: Callable[[], str],
    console: Any,
) -> list[int]:
    """Quiz each card; returns the grades given. The schedule is saved after each."""
    grades: list[int] = []
    try:
        for number, card in enumerate(due, start=1):
            grades.append(
                _review_one(card, f"{number} of {len(due)}", schedule, today, read_key, console)
            )
    except (KeyboardInterrupt, _Quit):
        typer.echo("")
    return grades


def _review_one(
    card: Card,
    place: str,
    schedule: Schedule,
    today: date,
    read_key: Callable[[], str],
    console: Any,
) -> int:
    from rich.rule import Rule

    from pitfall_tutor.katas.cards import GRADES, WAIT_DAYS

    console.print()
    console.print(
        Rule(f"Card {place}: {_label(card)}, box {schedule.state(card).box}", style="cyan")
    )
    console.print(_answer(" ".join(card.front.split())), style="bold yellow")
    if _ask(read_key, "\n[space] show our answer  [q] quit ", " " + QUIT) == QUIT:
        raise _Quit
    console.print(_answer(card.back))
    choices = "  ".join(f"[{key}] {name}" for key, name in GRADES.items())
    key = _ask(read_key, f"\nHow well did you know it? {choices}  [q] quit ", "123" + QUIT)
    if key == QUIT:
        raise _Quit
    state = schedule.grade(card, int(key), today)
    schedule.save()
    wait = WAIT_DAYS[state.box]
    when = "later today" if wait == 0 else "tomorrow" if wait == 1 else f"in {wait} days"
    style = {1: "red", 2: "yellow", 3: "green"}[int(key)]
    console.print(f"[{style}]Box {state.box}: you will see it again {when}.[/]")
    return int(key)
