"""The content-hash cache and --jobs: same answers, less work, nothing trusted blindly."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_tutor

BAD = "def add(item, bucket=[]):\n    bucket.append(item)\n    print(bucket)\n"


def lint(folder: Path, cache: Path, *args: str) -> dict:
    result = run_tutor(
        "lint", "--format", "json", *args, ".", cwd=folder, env={"TUTOR_CACHE_DIR": str(cache)}
    )
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)
    document.pop("timestamp")  # when the run started: differs between runs by design
    return document


def entries(cache: Path) -> list[Path]:
    return sorted(cache.rglob("*.json"))


def test_second_run_uses_the_cache_and_agrees(tmp_path: Path) -> None:
    project, cache = tmp_path / "p", tmp_path / "cache"
    project.mkdir()
    (project / "a.py").write_text(BAD)
    (project / "b.py").write_text("x = 1\n")
    first = lint(project, cache)
    assert len(entries(cache)) == 2
    stamps = [entry.stat().st_mtime_ns for entry in entries(cache)]
    assert lint(project, cache) == first
    assert [entry.stat().st_mtime_ns for entry in entries(cache)] == stamps  # read, not rewritten


def test_corrupt_entries_are_discarded_and_rebuilt(tmp_path: Path) -> None:
    project, cache = tmp_path / "p", tmp_path / "cache"
    project.mkdir()
    (project / "a.py").write_text(BAD)
    first = lint(project, cache)
    for entry in entries(cache):
        entry.write_text('[{"start": "garbage"')
    for index in cache.rglob("*.index"):
        index.unlink()  # else the stat index answers without reading the entries
    assert lint(project, cache) == first
    for entry in entries(cache):
        json.loads(entry.read_text())  # rewritten whole


def test_no_cache_writes_nothing_and_a_changed_rule_set_misses(tmp_path: Path) -> None:
    project, cache = tmp_path / "p", tmp_path / "cache"
    project.mkdir()
    (project / "a.py").write_text(BAD + "f = open('x')\n")
    lint(project, cache, "--no-cache")
    assert entries(cache) == []
    everything = lint(project, cache)
    only = lint(project, cache, "--select", "TUT201")
    assert {d["rule"] for d in only["diagnostics"]} == {"open-without-with"}
    assert len(everything["diagnostics"]) > len(only["diagnostics"])


def test_jobs_give_the_same_stable_output(tmp_path: Path) -> None:
    project = tmp_path / "p"
    for index in range(48):
        folder = project / f"pkg{index % 5}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"m{index}.py").write_text(BAD if index % 3 else "x = 1\n")
    one = lint(project, tmp_path / "c1", "--jobs", "1", "--no-cache")
    two = lint(project, tmp_path / "c2", "--jobs", "2", "--no-cache")
    assert one == two
    assert one["files"] == 48
    paths = [d["path"] for d in one["diagnostics"]]
    assert paths == sorted(paths, key=lambda p: (p.split("/")[0], p))
