"""`tutor progress` and the advice drawn from the history, for a learner with weeks of it."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from pitfall_tutor.katas import history
from pitfall_tutor.katas.cards import KNEW, Schedule, cards_for_topic, load_deck
from pitfall_tutor.katas.progress import Progress
from pitfall_tutor.katas.workspace import Workspace
from tests.conftest import run_tutor

from .browser import screenshot, shots_dir

MUTABLE = "def add(item, basket=[]):\n    basket.append(item)\n    return basket\n"
TODAY = date.today()


class Learner:
    def __init__(self, home: Path) -> None:
        self.home = home
        self.data = home / "data"
        self.workspace = Workspace(home / "tutor-katas")
        self.env = {history.ENVIRONMENT: str(self.data), "TUTOR_KATA_DIR": ""}

    def hit(self, days_ago: int, rule: str, question: int, count: int, file: str = "a.py") -> None:
        when = datetime.combine(TODAY - timedelta(days=days_ago), time(12), timezone.utc)
        hits = history.FileHits(self.home / file, None, {(rule, question): count})
        assert history.record("lint", [hits], when, self.data / history.DATABASE) == []

    def pass_kata(self, slug: str) -> None:
        progress = Progress(self.workspace.progress_file)
        progress.record_check(slug, "pass", f"digest-{slug}")
        progress.save()

    def know_card(self, topic: str) -> None:
        schedule = Schedule(self.workspace.cards_file)
        for card in cards_for_topic(load_deck(), topic) or []:
            schedule.grade(card, KNEW, TODAY)
        schedule.save()

    def tutor(self, *args: str) -> str:
        result = run_tutor(*args, cwd=self.home, env=self.env)
        assert result.returncode in (0, 1), result.stderr
        return result.stdout


@pytest.fixture
def learner(tmp_path: Path) -> Learner:
    """Six weeks of history: Q7 keeps coming back, Q20 faded, Q3 once; scope passed."""
    person = Learner(tmp_path)
    (person.data).mkdir()
    person.tutor("progress", "--enable")
    for days_ago, count in ((40, 3), (26, 2), (12, 2), (5, 1), (1, 2)):
        person.hit(days_ago, "mutable-default-argument", 7, count)
    person.hit(33, "open-without-with", 20, 4, "io.py")
    person.hit(30, "open-without-with", 20, 1, "io.py")
    person.hit(3, "global-statement", 3, 1, "b.py")
    person.pass_kata("scope")
    person.know_card("q3")
    (tmp_path / "cart.py").write_text(MUTABLE, encoding="utf-8")
    return person


def test_json_view_joins_the_three_signals(learner: Learner) -> None:
    view = json.loads(learner.tutor("progress", "--format", "json"))
    assert view["history"]["on"] is True and view["history"]["runs"] == 8
    rows = {row["number"]: row for row in view["questions"]}
    assert rows[7]["seen"] == 2 + 2 + 1 + 2  # the last four weeks
    assert rows[7]["recent"] == 2 + 1 + 2 and sum(rows[7]["weekly"]) == 10
    assert rows[7]["weekly"][-1] == 3 and rows[7]["katas"] == [
        {"slug": "arguments", "passed": False}
    ]
    q3_cards = len(cards_for_topic(load_deck(), "q3") or [])
    assert q3_cards >= 1 and rows[3]["cards"] == q3_cards
    assert rows[3]["katas"] == [{"slug": "scope", "passed": True}]
    assert rows[3]["cards_known"] == q3_cards  # every Q3 card was graded "knew it"
    assert rows[3]["mastery"] > rows[7]["mastery"]
    assert rows[20]["seen"] == 0 and sum(rows[20]["weekly"]) == 5
    assert view["advice"].startswith("Practice: tutor kata arguments (you hit Q7 7 times on 4 days")


def test_lint_suggests_the_kata_of_the_pitfall_that_keeps_coming_back(learner: Learner) -> None:
    (learner.home / "io.py").write_text("print(open('x').read())\n", encoding="utf-8")
    out = learner.tutor("lint", "io.py")
    # Today's run is all Q20, but Q7 is what keeps coming back.
    assert "Practice: tutor kata arguments (you hit Q7" in out
    learner.pass_kata("arguments")
    out = learner.tutor("lint", "io.py")
    due = len(cards_for_topic(load_deck(), "q7") or [])
    plural = "card" if due == 1 else "cards"
    assert "Review: tutor cards --topic q7" in out
    assert f"its kata is passed, {due} {plural} due" in out
    learner.know_card("q7")  # nothing due for Q7 now: the history has nothing more to say
    out = learner.tutor("lint", "io.py")
    assert "Practice: tutor kata files" in out


def test_without_history_the_advice_is_todays(tmp_path: Path) -> None:
    (tmp_path / "io.py").write_text("print(open('x').read())\n", encoding="utf-8")
    env = {history.ENVIRONMENT: str(tmp_path / "data"), "TUTOR_KATA_DIR": ""}
    out = run_tutor("lint", "io.py", cwd=tmp_path, env=env).stdout
    assert "Practice: tutor kata files" in out


def test_terminal_view_and_both_pages(learner: Learner, tmp_path: Path) -> None:
    from rich.console import Console

    from pitfall_tutor.cli import learner as view_module

    out = learner.tutor("progress")
    assert "History is on since" in out and "Practice: tutor kata arguments" in out
    assert "Q" in out.splitlines()[1] and "mastery" in out.splitlines()[1]
    page = tmp_path / "me.html"
    assert "Wrote" in learner.tutor("progress", "--html", str(page))
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html and " src=" not in html
    assert "Findings over time" in html and "Q7. How are arguments passed" in html
    shots = shots_dir(tmp_path)
    screenshot(page, shots / "progress.png", tmp_path / "profile", height=1700)
    # The terminal view, as rich draws it at 100 columns, rendered by the browser too.
    import os

    os.environ[history.ENVIRONMENT] = str(learner.data)
    try:
        console = Console(record=True, width=100, force_terminal=True, color_system="truecolor")
        view_module.print_view(view_module.overview(workspace_root=learner.workspace.root), console)
    finally:
        del os.environ[history.ENVIRONMENT]
    svg = tmp_path / "terminal.svg"
    svg.write_text(console.export_svg(title="tutor progress"), encoding="utf-8")
    screenshot(svg, shots / "progress-terminal.png", tmp_path / "profile2", height=760)


def test_off_history_shows_katas_and_cards_but_no_history_columns(tmp_path: Path) -> None:
    env = {history.ENVIRONMENT: str(tmp_path / "data"), "TUTOR_KATA_DIR": ""}
    out = run_tutor("progress", cwd=tmp_path, env=env).stdout
    assert "8 weeks" not in out and "kata" in out.splitlines()[1]
    assert "History is off (the default)" in out
    assert not (tmp_path / "data").exists()


def test_kata_check_after_a_pass_names_what_the_history_says_next(learner: Learner) -> None:
    from pitfall_tutor.katas.catalogue import SOLUTION, find_kata

    kata = find_kata("mutability")
    assert kata is not None
    learner.tutor("kata", "mutability")  # places the file
    target = learner.workspace.root / "mutability" / kata.file_name
    target.write_text(kata.text(SOLUTION), encoding="utf-8")
    out = learner.tutor("kata", "check", "mutability")
    assert "Kata passed" in out
    assert "From your history: Practice: tutor kata arguments (you hit Q7" in out


def test_a_bare_kata_names_what_the_history_says_before_the_first_kata(learner: Learner) -> None:
    out = learner.tutor("kata")  # the first kata not passed is mutability; the history says Q7
    assert out.startswith("From your history: Practice: tutor kata arguments (you hit Q7"), out[
        :300
    ]
    assert "mutability" in out
