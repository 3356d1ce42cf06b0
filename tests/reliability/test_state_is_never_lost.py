"""Progress and cards survive overlapping commands and hand edits."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from pitfall_tutor.katas.cards import KNEW, Schedule, load_deck
from pitfall_tutor.katas.progress import Progress
from tests.katas.conftest import Learner, solution

# -- overlapping commands ----------------------------------------------------------------


def test_two_overlapping_sessions_both_keep_their_passes(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    first, second = Progress(path), Progress(path)  # both loaded before either saves
    first.record_check("scope", "pass", "a")
    second.record_check("lambdas", "pass", "b")
    first.save()
    second.save()
    again = Progress(path)
    assert again.get("scope").passed and again.get("lambdas").passed


def test_a_long_running_watch_does_not_overwrite_passes_saved_elsewhere(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    watch = Progress(path)
    watch.start("scope")
    watch.save()
    other = Progress(path)
    other.record_check("lambdas", "pass", "x")
    other.reveal_hint("generators", 3)
    other.save()
    watch.record_check("scope", "fail", "y")
    watch.save()
    again = Progress(path)
    assert again.get("lambdas").passed and again.get("generators").hints == 1
    assert again.get("scope").last_result == "fail"
    assert watch.get("lambdas").passed  # the watch now knows, too


def test_attempts_counted_in_two_sessions_add_up(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    first, second = Progress(path), Progress(path)
    first.record_check("scope", "fail", "a")
    second.record_check("scope", "fail", "b")
    first.save()
    second.save()
    assert Progress(path).get("scope").attempts == 2


def test_card_reviews_in_two_sessions_are_both_kept(tmp_path: Path) -> None:
    path = tmp_path / "cards.json"
    deck = load_deck()
    today = date(2026, 1, 5)
    first, second = Schedule(path), Schedule(path)
    first.grade(deck[0], KNEW, today)
    second.grade(deck[1], KNEW, today)
    second.grade(deck[0], KNEW, today)
    first.save()
    second.save()
    again = Schedule(path)
    assert again.state(deck[1]).box == 2
    assert again.state(deck[0]).reviews == 2


WORKER = """
import sys
from pitfall_tutor.katas.progress import Progress
path, slug = sys.argv[1], sys.argv[2]
for _ in range(15):
    progress = Progress(__import__("pathlib").Path(path))
    progress.reveal_hint(slug, 100)
    progress.record_check(slug, "fail", str(_))
    progress.save()
"""


def test_many_processes_saving_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    slugs = [f"kata{number}" for number in range(6)]
    workers = [subprocess.Popen([sys.executable, "-c", WORKER, str(path), slug]) for slug in slugs]
    assert all(worker.wait(timeout=120) == 0 for worker in workers)
    progress = Progress(path)
    assert {slug: progress.get(slug).attempts for slug in slugs} == {slug: 15 for slug in slugs}
    assert {slug: progress.get(slug).hints for slug in slugs} == {slug: 15 for slug in slugs}


def test_two_kata_checks_at_once_both_record_their_pass(learner: Learner) -> None:
    for slug in ("scope", "lambdas"):
        learner.tutor("kata", "open", slug)
        learner.write(slug, solution(slug))
    tutor = Path(sys.executable).parent / "tutor"
    runs = [
        subprocess.Popen(
            [str(tutor), "kata", "check", slug],
            cwd=learner.home,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**__import__("os").environ, "TUTOR_KATA_DIR": "", "NO_COLOR": "1"},
        )
        for slug in ("scope", "lambdas")
    ]
    assert [run.wait(timeout=120) for run in runs] == [0, 0]
    data = json.loads((learner.workspace / "progress.json").read_text(encoding="utf-8"))
    assert data["katas"]["scope"]["passed"] and data["katas"]["lambdas"]["passed"]


# -- hand-edited state ------------------------------------------------------------------


def _entry(**fields: object) -> str:
    return json.dumps({"version": 1, "current": "scope", "katas": {"scope": fields}})


@pytest.mark.parametrize(
    "text",
    [
        _entry(started="yesterday"),
        _entry(started="2026-01-01T10:00:00"),  # no time zone: cannot be compared with now
        '{"version": 1, "katas": {"scope": {"best_seconds": NaN}}}',
        '{"version": 1, "katas": {"scope": {"first_pass_seconds": Infinity}}}',
        '{"version": 1, "katas": {"scope": {"attempts": -3}}}',
        "[" * 100_000 + "]" * 100_000,
        '{"version": 1, "katas": ' + "[" * 100_000 + "]" * 100_000 + "}",
    ],
    ids=["bad-date", "naive-date", "nan", "infinity", "negative", "deep", "deep-inside"],
)
def test_hand_edited_progress_is_moved_aside_and_the_pass_is_recorded(
    tmp_path: Path, text: str
) -> None:
    path = tmp_path / "progress.json"
    path.write_text(text, encoding="utf-8")
    progress = Progress(path)
    assert progress.notes and "moved it to" in progress.notes[0]
    assert progress.record_check("scope", "pass", "a").first_pass
    progress.save()
    assert Progress(path).get("scope").passed
    [aside] = tmp_path.glob("progress.json.corrupt-*")
    assert aside.read_text(encoding="utf-8") == text


def test_a_fifo_in_place_of_the_progress_file_does_not_block(tmp_path: Path) -> None:
    import os

    path = tmp_path / "progress.json"
    os.mkfifo(path)
    code = (
        "import sys, pathlib; from pitfall_tutor.katas.progress import Progress; "
        "print(Progress(pathlib.Path(sys.argv[1])).notes)"
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=30
        )
    except subprocess.TimeoutExpired:
        pytest.fail("reading a FIFO progress file blocked")
    assert done.returncode == 0 and "moved it to" in done.stdout


def test_bad_card_numbers_are_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "cards.json"
    path.write_text('{"version": 1, "cards": {"q01": {"reviews": NaN}}}', encoding="utf-8")
    assert Schedule(path).notes


@pytest.mark.parametrize("value", ["nan", "inf", "1e300", "-1", "0"])
def test_bad_timeouts_are_refused_with_exit_2(learner: Learner, value: str) -> None:
    result = learner.tutor("kata", "check", "scope", "--timeout", value)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "--timeout" in result.stderr


def test_a_workspace_that_is_a_file_is_refused_with_exit_2(learner: Learner) -> None:
    (learner.home / "afile").write_text("not a folder", encoding="utf-8")
    for command in (["kata", "open", "scope"], ["kata", "list"], ["kata", "check", "scope"]):
        result = learner.tutor(*command, "--dir", "afile")
        assert result.returncode == 2, (command, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr and "not a folder" in result.stderr
