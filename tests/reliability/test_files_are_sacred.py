"""Nothing we run loses a learner's file: `--fix` writes atomically, katas are contained."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from pitfall_tutor.cli.lint import write_atomically
from tests.conftest import run_tutor
from tests.katas.conftest import Learner, solution

PITFALL = "def add(item, bucket=[]):\n    return len(bucket)\n"  # read only: a safe fix
FIXED = "def add(item, bucket=None):\n    if bucket is None:\n        bucket = []\n    return len(bucket)\n"


def fix(folder: Path, *args: str) -> int:
    result = run_tutor("lint", "--no-cache", "--fix", *args, cwd=folder)
    assert "Traceback" not in result.stderr
    return result.returncode


def test_fix_replaces_the_file_by_rename_and_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "cart.py"
    path.write_text(PITFALL, encoding="utf-8")
    path.chmod(0o751)
    before = path.stat()
    assert fix(tmp_path, "cart.py") == 0
    after = path.stat()
    assert path.read_text(encoding="utf-8") == FIXED
    assert after.st_ino != before.st_ino  # a new file renamed into place, not rewritten
    assert stat.S_IMODE(after.st_mode) == 0o751
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cart.py"]  # no temporary left


def test_fix_writes_through_a_symlink_and_keeps_the_link(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "cart.py"
    target.write_text(PITFALL, encoding="utf-8")
    (tmp_path / "link.py").symlink_to(target)
    assert fix(tmp_path, "link.py") == 0
    assert (tmp_path / "link.py").is_symlink()
    assert target.read_text(encoding="utf-8") == FIXED


def test_fix_keeps_a_latin1_file_latin1(tmp_path: Path) -> None:
    source = "# -*- coding: latin-1 -*-\nname = 'café'\n" + PITFALL
    path = tmp_path / "old.py"
    path.write_bytes(source.encode("latin-1"))
    assert fix(tmp_path, "old.py") == 0
    assert path.read_bytes() == ("# -*- coding: latin-1 -*-\nname = 'café'\n" + FIXED).encode(
        "latin-1"
    )


def test_diff_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "cart.py"
    path.write_text(PITFALL, encoding="utf-8")
    before = path.stat()
    result = run_tutor("lint", "--no-cache", "--diff", "cart.py", cwd=tmp_path)
    assert "+    if bucket is None:" in result.stdout
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert path.read_text(encoding="utf-8") == PITFALL


def test_write_refuses_when_the_file_changed_after_it_was_read(tmp_path: Path) -> None:
    path = tmp_path / "cart.py"
    path.write_text(PITFALL, encoding="utf-8")
    original = path.read_bytes()
    path.write_text(PITFALL + "# typed while tutor was fixing\n", encoding="utf-8")
    why = write_atomically(path, original, FIXED.encode())
    assert why is not None and "changed on disk" in why
    assert path.read_text(encoding="utf-8").endswith("# typed while tutor was fixing\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cart.py"]


def test_write_refuses_when_the_file_was_deleted_after_it_was_read(tmp_path: Path) -> None:
    path = tmp_path / "cart.py"
    path.write_text(PITFALL, encoding="utf-8")
    original = path.read_bytes()
    path.unlink()
    why = write_atomically(path, original, FIXED.encode())
    assert why is not None and "could not write" in why
    assert list(tmp_path.iterdir()) == []  # not resurrected


# Katas: hostile learner code runs in a throwaway folder with limits.

REST = (
    "\n\ndef make_counter(start=0):\n    return start\n\n"
    "def describe(item, verbose=False):\n    return str(item)\n\n"
    "def make_multipliers(n):\n    return []\n"
)
HOSTILE = {
    "loops-forever": ("while True:\n    pass\n", "did not finish within 2 s"),
    "allocates-without-bound": (
        "hoard = []\nwhile True:\n    hoard.append(bytearray(50_000_000))\n",
        "memory",
    ),
    "prints-megabytes": (
        # Straight to the process's stdout: a pipe the checker reads, keeping the tail.
        "import sys\nwhile True:\n    sys.__stdout__.write('spam ' * 100_000)\n",
        "did not finish within 2 s",
    ),
    "prints-megabytes-then-stops": ("print('x' * 30_000_000)\n", None),
    "deletes-its-working-folder": (
        # The tests and the results travel by pipe: deleting files cannot break the check.
        "import os\nfor name in os.listdir('.'):\n    os.remove(name)\n",
        "the multipliers applied to 10",
    ),
}


@pytest.fixture(scope="module")
def passed_learner(tmp_path_factory: pytest.TempPathFactory) -> Learner:
    """A learner who has already passed the scope kata."""
    learner = Learner(tmp_path_factory.mktemp("learner"))
    assert learner.tutor("kata", "scope").returncode in (0, 1)
    learner.write("scope", solution("scope"))
    assert learner.tutor("kata", "check", "scope").returncode == 0
    return learner


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_kata_code_is_contained(passed_learner: Learner, name: str) -> None:
    code, problem = HOSTILE[name]
    learner = passed_learner
    learner.write("scope", code + REST)
    mine = learner.file("scope").read_bytes()
    result = learner.tutor(
        "kata", "check", "scope", "--format", "json", "--timeout", "2", "--memory", "512"
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    report = json.loads(result.stdout)
    if problem is not None:
        assert problem in (report["problem"] or "") + json.dumps(report["tests"])
    assert len(report.get("output") or "") <= 5000
    assert learner.file("scope").read_bytes() == mine  # the learner's file is untouched
    progress = json.loads((learner.workspace / "progress.json").read_text(encoding="utf-8"))
    assert progress["katas"]["scope"]["passed"] is True  # and so is their progress
    assert sorted(os.listdir(learner.file("scope").parent)) == [
        "README.md",
        "scope.py",
        "test_scope.py",
    ]


def test_fix_prints_no_warnings_about_the_learners_code(tmp_path: Path) -> None:
    # Checking that a fix still compiles used to print "<fix>:2: SyntaxWarning".
    (tmp_path / "cart.py").write_text("def g():\n    return 1(2)\n\n" + PITFALL, encoding="utf-8")
    result = run_tutor("lint", "--no-cache", "--fix", "cart.py", cwd=tmp_path)
    assert result.returncode == 0
    assert "Warning" not in result.stderr
