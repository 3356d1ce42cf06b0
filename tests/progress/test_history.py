"""The learner's history: off until they say yes, counts only, and never in the way."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pitfall_tutor.katas import history
from tests.conftest import TUTOR, run_tutor

BAD = "def add(item, basket=[]):\n    basket.append(item)\n    return basket\n"
TWICE = "SECRET_NAME = 1\n\ndef f(xs=[], ys={}):\n    return xs, ys\n"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


def lint(folder: Path, data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_tutor("lint", *args, cwd=folder, env={history.ENVIRONMENT: str(data)})


def rows(data: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(data / history.DATABASE) as db:
        return db.execute(sql).fetchall()


def project(root: Path, files: dict[str, str], config: str = "") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    if config:
        (root / "pyproject.toml").write_text(config, encoding="utf-8")
    return root


def test_off_by_default_and_says_so(tmp_path: Path, data: Path) -> None:
    code = project(tmp_path / "code", {"cart.py": BAD})
    assert lint(code, data).returncode == 1
    assert list(data.iterdir()) == []  # nothing recorded, not even an empty database
    shown = run_tutor("progress", cwd=code, env={history.ENVIRONMENT: str(data)})
    assert shown.returncode == 0, shown.stderr
    assert "History is off (the default)" in shown.stdout
    assert "tutor progress --enable" in shown.stdout


def test_enabled_history_holds_counts_and_hashes_only(tmp_path: Path, data: Path) -> None:
    code = project(tmp_path / "code", {"secret_module.py": TWICE})
    env = {history.ENVIRONMENT: str(data)}
    enabled = run_tutor("progress", "--enable", cwd=code, env=env)
    assert "History is on" in enabled.stdout
    assert lint(code, data).returncode == 1
    assert lint(code, data).returncode == 1  # the same file, same day: replaced, not added
    hits = rows(data, "SELECT rule, question, count, length(file) FROM hits ORDER BY rule")
    assert hits == [("mutable-default-argument", 7, 2, 20)]
    assert rows(data, "SELECT source, files, findings FROM runs") == [("lint", 1, 2)] * 2
    assert rows(data, "PRAGMA journal_mode") == [("wal",)]
    assert rows(data, "PRAGMA user_version") == [(history.SCHEMA,)]
    stored = b"".join(p.read_bytes() for p in data.iterdir() if p.is_file())
    for private in (b"SECRET_NAME", b"secret_module", str(code).encode()):
        assert private not in stored


def test_project_setting_turns_it_on_and_off(tmp_path: Path, data: Path) -> None:
    on = project(tmp_path / "on", {"a.py": BAD}, "[tool.tutor]\nhistory = true\n")
    assert lint(on, data).returncode == 1
    assert rows(data, "SELECT COUNT(*) FROM runs") == [(1,)]
    history_env = {history.ENVIRONMENT: str(data)}
    run_tutor("progress", "--enable", cwd=on, env=history_env)
    off = project(tmp_path / "off", {"a.py": BAD}, "[tool.tutor]\nhistory = false\n")
    assert lint(off, data).returncode == 1
    assert rows(data, "SELECT COUNT(*) FROM runs") == [(1,)]  # the project's "no" wins
    wrong = project(tmp_path / "wrong", {"a.py": BAD}, "[tool.tutor]\nhistory = 'yes'\n")
    result = lint(wrong, data)
    assert result.returncode == 2
    assert "`history` must be true or false" in result.stderr


def test_two_concurrent_lints_both_land(tmp_path: Path, data: Path) -> None:
    """Two real `tutor lint` processes, started together, writing the same history."""
    config = "[tool.tutor]\nhistory = true\n"
    many = {f"m{index:02d}.py": BAD for index in range(40)}
    first = project(tmp_path / "first", many, config)
    second = project(tmp_path / "second", {**many, "extra.py": TWICE}, config)
    env = {**os.environ, "NO_COLOR": "1", history.ENVIRONMENT: str(data)}
    processes = [
        subprocess.Popen(
            [str(TUTOR), "lint", "--no-cache", "-q", "."],
            cwd=folder,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in (first, second)
    ]
    for process in processes:
        _, errors = process.communicate(timeout=120)
        assert process.returncode == 1, errors
        assert "history" not in errors
    assert sorted(rows(data, "SELECT files, findings FROM runs")) == [(40, 80), (41, 82)]
    assert rows(data, "SELECT COUNT(DISTINCT file), SUM(count) FROM hits") == [(81, 162)]


def test_many_writers_lose_nothing(data: Path) -> None:
    """Four processes record 25 runs each at once; all 100 are there."""
    script = (
        "import sys; from pathlib import Path\n"
        "from pitfall_tutor.katas import history\n"
        "for n in range(25):\n"
        "    hits = history.FileHits(Path(f'/w{sys.argv[1]}/{n}.py'), None, {('r', 7): 1})\n"
        "    assert history.record('lint', [hits]) == []\n"
    )
    env = {**os.environ, history.ENVIRONMENT: str(data)}
    writers = [subprocess.Popen([sys.executable, "-c", script, str(i)], env=env) for i in range(4)]
    assert [writer.wait(timeout=120) for writer in writers] == [0] * 4
    assert rows(data, "SELECT COUNT(*) FROM runs") == [(100,)]
    assert rows(data, "SELECT COUNT(*), SUM(count) FROM hits") == [(100, 100)]


def test_corrupt_history_is_moved_aside_once_and_lint_goes_on(tmp_path: Path, data: Path) -> None:
    code = project(tmp_path / "code", {"a.py": BAD}, "[tool.tutor]\nhistory = true\n")
    (data / history.DATABASE).write_bytes(b"this is not a database, it is a note" * 200)
    first = lint(code, data)
    assert first.returncode == 1
    assert "a.py:1:" in first.stdout  # the lint itself is untouched
    assert first.stderr.count("\n") == 1 and "damaged" in first.stderr
    [aside] = data.glob(history.DATABASE + ".corrupt-*")
    assert aside.read_bytes().startswith(b"this is not a database")
    assert rows(data, "SELECT COUNT(*) FROM runs") == [(1,)]  # this run was kept, afresh
    second = lint(code, data)
    assert second.returncode == 1 and second.stderr == ""


def test_locked_history_skips_the_run_with_one_note(tmp_path: Path, data: Path) -> None:
    code = project(tmp_path / "code", {"a.py": BAD}, "[tool.tutor]\nhistory = true\n")
    assert lint(code, data).returncode == 1  # create it
    holder = sqlite3.connect(data / history.DATABASE, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        locked = lint(code, data)
    finally:
        holder.close()
    assert locked.returncode == 1
    assert "a.py:1:" in locked.stdout
    assert locked.stderr.count("\n") == 1 and "locked" in locked.stderr
    assert rows(data, "SELECT COUNT(*) FROM runs") == [(1,)]


def test_newer_schema_is_left_alone(data: Path) -> None:
    with sqlite3.connect(data / history.DATABASE) as db:
        db.execute("PRAGMA user_version = 99")
    notes = history.record("lint", [], path=data / history.DATABASE)
    assert len(notes) == 1 and "newer tutor" in notes[0]
    assert (data / history.DATABASE).is_file()
    assert not list(data.glob("*.corrupt-*"))


def test_forget_deletes_it(tmp_path: Path, data: Path) -> None:
    code = project(tmp_path / "code", {"a.py": BAD}, "[tool.tutor]\nhistory = true\n")
    lint(code, data)
    assert (data / history.DATABASE).is_file()
    env = {history.ENVIRONMENT: str(data)}
    forgot = run_tutor("progress", "--forget", cwd=code, env=env)
    assert forgot.returncode == 0 and "Deleted your history" in forgot.stdout
    assert not list(data.glob(history.DATABASE + "*"))
    again = run_tutor("progress", "--forget", cwd=code, env=env)
    assert "No history to delete" in again.stdout


def test_progress_reads_a_damaged_history_with_one_warning(tmp_path: Path, data: Path) -> None:
    (data / history.DATABASE).write_bytes(b"garbage" * 500)
    env = {history.ENVIRONMENT: str(data)}
    shown = run_tutor("progress", cwd=tmp_path, env=env)
    assert shown.returncode == 0 and "Traceback" not in shown.stderr
    assert shown.stderr.count("\n") == 1 and "damaged" in shown.stderr
    assert run_tutor("progress", cwd=tmp_path, env=env).stderr == ""
