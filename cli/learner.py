"""`tutor progress`: the learner's three signals per question, and `tutor lint`'s record.

Per question: the pitfalls their own code showed (with the history, if they
turned it on), the katas passed and the flashcards known. The terminal view is
a compact table; `--html FILE` writes the same as one offline page.
(cli/progress.py is something else: the progress bar of a long `tutor lint`.)
"""

from __future__ import annotations

import sys
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .lint import LintRun

WEEKS = 8
RECENT = timedelta(days=14)
SPARKS = " \u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"
OFF_TEXT = (
    "History is off (the default): tutor records nothing about your code. "
    "Turn it on with `tutor progress --enable`, or `history = true` under [tool.tutor] "
    "in pyproject.toml."
)


# ---------------------------------------------------------------- recording


def record_lint(run: LintRun, skip_first: bool = False) -> list[str]:
    """Add this lint to the history of every file whose project (or learner) said yes.

    Returns notes to show (a damaged or locked history); the cost when history
    is off is one file check, so `tutor lint` stays as quick as before.
    """
    from pitfall_tutor.katas import history

    checked = run.checked[1:] if skip_first else run.checked
    consent: bool | None = None
    chosen = []
    for item in checked:
        wanted = item.settings.history
        if wanted is None:
            if consent is None:
                consent = history.consented()
            wanted = consent
        if wanted:
            chosen.append(item)
    if not chosen:
        return []
    files = [
        history.FileHits(
            Path(item.result.path).absolute(),
            item.result.text,
            history.count_findings(
                (f.rule, f.question) for f in item.result.findings if not f.tool
            ),
        )
        for item in chosen
    ]
    return history.record("lint", files)


# ---------------------------------------------------------------- the rows


@dataclass
class QuestionRow:
    number: int
    title: str
    level: str
    seen: int = 0  # pitfalls in the last four weeks
    weekly: list[int] = field(default_factory=list)  # the last WEEKS weeks, oldest first
    recent: int = 0  # the last two weeks
    katas: list[tuple[str, bool]] = field(default_factory=list)  # (slug, passed)
    cards_known: int = 0
    cards: int = 0
    rules: int = 0

    @property
    def katas_passed(self) -> int:
        return sum(passed for _, passed in self.katas)

    def mastery(self, with_history: bool) -> float:
        """The mean of the signals this question has, each 0..1: katas passed,
        cards known and, once the history has seen its pitfalls, code free of
        them lately (halved with each hit in the last two weeks)."""
        signals = []
        if self.katas:
            signals.append(self.katas_passed / len(self.katas))
        if self.cards:
            signals.append(self.cards_known / self.cards)
        if with_history and self.rules and any(self.weekly):
            signals.append(0.5 ** min(self.recent, 10))
        return sum(signals) / len(signals) if signals else 0.0


@dataclass
class Overview:
    today: date
    history_on: bool
    history_exists: bool
    first_day: date | None
    runs: int
    rows: list[QuestionRow]
    advice: str | None
    workspace: Path
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "history": {
                "on": self.history_on,
                "recorded": self.history_exists,
                "since": self.first_day.isoformat() if self.first_day else None,
                "runs": self.runs,
            },
            "workspace": str(self.workspace),
            "advice": self.advice,
            "questions": [
                {
                    **asdict(row),
                    "katas": [{"slug": slug, "passed": passed} for slug, passed in row.katas],
                    "mastery": round(row.mastery(self.history_exists), 3),
                }
                for row in self.rows
            ],
        }


def overview(today: date | None = None, workspace_root: Path | None = None) -> Overview:
    from pitfall_tutor.katas import advice, history
    from pitfall_tutor.katas.cards import Schedule, load_deck
    from pitfall_tutor.katas.catalogue import KATAS
    from pitfall_tutor.katas.progress import Progress
    from pitfall_tutor.katas.workspace import Workspace
    from pitfall_tutor.katas.workspace import workspace_root as default_root
    from pitfall_tutor.rules import ALL_RULES
    from pitfall_tutor.rules.questions import QUESTIONS

    today = today or date.today()
    workspace = Workspace(workspace_root or default_root())
    rows = {item.number: QuestionRow(item.number, item.title, item.level) for item in QUESTIONS}
    for rule in ALL_RULES:
        if rule.question in rows:
            rows[rule.question].rules += 1
    progress = Progress(workspace.progress_file)
    notes = list(progress.notes)
    for kata in KATAS:
        rows[kata.question].katas.append((kata.slug, progress.get(kata.slug).passed))
    schedule = Schedule(workspace.cards_file)
    notes += schedule.notes
    for card in load_deck():
        if card.question in rows:
            rows[card.question].cards += 1
            rows[card.question].cards_known += schedule.state(card).box >= 2

    exists = history.database_path().is_file()
    read = history.read(today - timedelta(weeks=WEEKS) + timedelta(days=1))
    notes += read.notes
    for row in rows.values():
        row.weekly = [0] * WEEKS
    for item in read.hits:
        hit_row = rows.get(item.question)
        if hit_row is None:
            continue
        row = hit_row
        age = (today - item.day).days
        if 0 <= age < WEEKS * 7:
            row.weekly[WEEKS - 1 - age // 7] += item.count
        if age < 28:
            row.seen += item.count
        if age < RECENT.days:
            row.recent += item.count
    return Overview(
        today,
        history.is_on(_project_setting()),
        exists,
        read.first_day,
        read.runs,
        list(rows.values()),
        advice.suggestion(today, workspace.root),
        workspace.root,
        notes,
    )


def _project_setting() -> bool | None:
    """`history` in the pyproject.toml that applies here, if any."""
    from pitfall_tutor.rules.engine.config import ConfigError, ConfigFinder

    try:
        return ConfigFinder().for_path(Path.cwd()).history
    except ConfigError:
        return None


# ---------------------------------------------------------------- the terminal view


def sparkline(values: list[int]) -> str:
    top = max(values, default=0)
    if not top:
        return "\u00b7" * len(values)
    return "".join(
        "\u00b7" if not value else SPARKS[max(1, round(8 * value / top))] for value in values
    )


def bar(fraction: float, width: int = 10) -> str:
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return "\u2588" * filled + "\u2591" * (width - filled)


def table(view: Overview, width: int = 80) -> Any:
    from rich.table import Table
    from rich.text import Text

    with_history = view.history_exists
    grid = Table(
        title=f"Your progress, {view.today.isoformat()}",
        title_justify="left",
        header_style="bold",
        pad_edge=False,
        box=None,
        show_edge=False,
        padding=(0, 1),
    )
    grid.add_column("Q", justify="right", style="bold")
    # The other columns take about 50 characters (30 without the history's two).
    room = width - (50 if with_history else 32)
    grid.add_column("question", overflow="ellipsis", no_wrap=True, max_width=max(20, room))
    if with_history:
        grid.add_column("4 wk", justify="right")
        grid.add_column(f"{WEEKS} weeks", no_wrap=True)
    grid.add_column("kata", justify="center")
    grid.add_column("cards", justify="center")
    grid.add_column("mastery", no_wrap=True)
    for row in view.rows:
        cells: list[Any] = [str(row.number), row.title]
        if with_history:
            seen = Text(str(row.seen) if row.seen else "-", style="red" if row.recent else "")
            cells += [seen, Text(sparkline(row.weekly), style="yellow")]
        kata = (
            Text(f"{row.katas_passed}/{len(row.katas)}", style="green" if row.katas_passed else "")
            if row.katas
            else Text("-", style="dim")
        )
        known = Text(f"{row.cards_known}/{row.cards}", style="green" if row.cards_known else "")
        score = row.mastery(with_history)
        colour = "green" if score >= 0.75 else "yellow" if score >= 0.4 else "red"
        cells += [kata, known, Text(f"{bar(score, 8)} {round(score * 100):3d}%", style=colour)]
        grid.add_row(*cells)
    return grid


def print_view(view: Overview, console: Any) -> None:
    console.print(table(view, console.width))
    console.print()
    if not view.history_on:
        console.print(OFF_TEXT, style="dim", highlight=False, markup=False)
        if view.history_exists:
            console.print(
                "What was recorded before is kept and shown; `tutor progress --forget` deletes it.",
                style="dim",
                highlight=False,
            )
    elif view.first_day is None:
        console.print(
            "History is on: nothing recorded yet. Run `tutor lint` on your code.", highlight=False
        )
    else:
        console.print(
            f"History is on since {view.first_day.isoformat()} ({view.runs} runs recorded; "
            "counts only, no code). `tutor progress --forget` deletes it.",
            style="dim",
            highlight=False,
        )
    if view.advice:
        console.print(view.advice, style="bold", highlight=False, markup=False)


# ---------------------------------------------------------------- the command


def run_progress(
    enable: bool,
    disable: bool,
    forget: bool,
    html: Path | None,
    output_format: str,
    directory: Path | None,
) -> int:
    import typer

    from pitfall_tutor.katas import history

    if enable and disable:
        typer.echo("tutor: error: --enable and --disable contradict each other", err=True)
        return 2
    if forget:
        deleted = history.forget()
        where = history.database_path()
        if deleted:
            typer.echo(
                f"Deleted your history ({', '.join(p.name for p in deleted)} in {where.parent})."
            )
        else:
            typer.echo(f"No history to delete (looked for {where}).")
    if enable:
        consent = history.set_consent(True)
        typer.echo(
            "History is on. Each `tutor lint` and each file your editor opens or saves will add,\n"
            "per day and file, how many times each rule fired: counts only, never your code.\n"
            f"Stored in {history.database_path()} (consent: {consent.name}).\n"
            "`tutor progress --disable` stops it; `tutor progress --forget` deletes it."
        )
    if disable:
        history.set_consent(False)
        typer.echo(
            "History is off: nothing more is recorded (a project's `history = true` still asks "
            "for it).\nWhat was recorded is kept; `tutor progress --forget` deletes it."
        )
    if (enable or disable or forget) and html is None and output_format == "text":
        return 0
    view = overview(workspace_root=directory)
    for note in view.notes:
        typer.echo(f"tutor: warning: {note}", err=True)
    if html is not None:
        from .learner_html import write_page

        try:
            write_page(view, html)
        except OSError as exc:
            typer.echo(f"tutor: error: cannot write {html}: {exc.strerror or exc}", err=True)
            return 2
        typer.echo(f"Wrote {html}.")
        return 0
    if output_format == "json":
        import json

        typer.echo(json.dumps(view.as_json(), indent=2))
        return 0
    from rich.console import Console

    print_view(view, Console(highlight=False, soft_wrap=False, file=sys.stdout))
    return 0
