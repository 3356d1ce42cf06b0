"""Progress and schedule files: atomic, and a corrupt one never crashes a session."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from pitfall_tutor.katas import store
from pitfall_tutor.katas.cards import FORGOT, HARD, KNEW, Schedule, load_deck
from pitfall_tutor.katas.progress import Progress
from tests.katas.conftest import Learner


@pytest.mark.parametrize(
    "garbage",
    [
        '{"version": 1, "katas": {"scope": {"attempts": "many"}}}',
        "{not json",
        '["a list"]',
        "\xff\xfe",
    ],
)
def test_corrupt_progress_is_moved_aside_and_rebuilt(learner: Learner, garbage: str) -> None:
    learner.workspace.mkdir()
    (learner.workspace / "progress.json").write_text(garbage, encoding="latin-1")
    result = learner.tutor("kata", "list")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert "could not be read; moved it to progress.json.corrupt-" in result.stderr
    [aside] = learner.workspace.glob("progress.json.corrupt-*")
    assert aside.read_text(encoding="latin-1") == garbage
    learner.tutor("kata", "hint", "scope")
    rebuilt = json.loads((learner.workspace / "progress.json").read_text(encoding="utf-8"))
    assert rebuilt["katas"]["scope"]["hints"] == 1


def test_save_is_atomic_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    store.save(path, {"version": 1, "katas": {}})
    store.save(path, {"version": 1, "katas": {"scope": {}}})
    assert [item.name for item in tmp_path.iterdir()] == ["progress.json"]
    assert json.loads(path.read_text(encoding="utf-8"))["katas"] == {"scope": {}}


def test_best_time_is_the_quickest_start_to_pass(tmp_path: Path) -> None:
    progress = Progress(tmp_path / "progress.json")
    progress.start("scope")
    first = progress.record_check("scope", "pass", "a")
    assert first.first_pass and first.seconds is not None
    again = progress.record_check("scope", "pass", "b")
    assert not again.first_pass and again.seconds is None  # the clock stopped at the pass
    progress.save()
    reloaded = Progress(tmp_path / "progress.json")
    assert reloaded.get("scope").attempts == 2 and reloaded.get("scope").passed


def test_leitner_boxes_move_up_and_back(tmp_path: Path) -> None:
    deck = load_deck()
    card = deck[2]
    today = date(2030, 1, 1)
    schedule = Schedule(tmp_path / "cards.json")
    assert schedule.due(list(deck), today)[0] is deck[0]  # new cards are due
    state = schedule.grade(card, KNEW, today)
    assert (state.box, state.due) == (2, "2030-01-02")
    assert card not in schedule.due(list(deck), today)
    assert card in schedule.due(list(deck), today + timedelta(days=1))
    state = schedule.grade(card, KNEW, today)
    assert (state.box, state.due) == (3, "2030-01-04")
    state = schedule.grade(card, HARD, today)
    assert state.box == 3
    state = schedule.grade(card, FORGOT, today)
    assert (state.box, state.due, state.lapses) == (1, "2030-01-01", 1)
    schedule.save()
    assert Schedule(tmp_path / "cards.json").state(card).reviews == 4


def test_corrupt_schedule_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "cards.json"
    path.write_text('{"version": 1, "cards": {"q01": {"box": 9}}}', encoding="utf-8")
    schedule = Schedule(path)
    assert schedule.moved_aside is not None and schedule.moved_aside.exists()
    assert schedule.states == {}


def test_checks_within_one_second_still_count_by_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Timestamps keep whole seconds; a fast learner (or CI) checks twice in one of them."""
    import pitfall_tutor.katas.progress as progress_module

    moment = datetime(2026, 12, 2, 2, 15, 0, tzinfo=timezone.utc)
    monkeypatch.setattr(progress_module, "now", lambda: moment)
    path = tmp_path / "progress.json"
    for digest, counts in (("starter", False), ("edited", True), ("edited", True)):
        session = Progress(path)  # each `tutor kata check` is its own process
        session.record_check("scope", "fail", digest, counts=counts)
        session.save()
    entry = Progress(path).get("scope")
    assert (entry.attempts, entry.last_digest) == (1, "edited")
