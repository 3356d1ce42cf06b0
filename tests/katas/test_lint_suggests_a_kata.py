"""After `tutor lint` finds pitfalls, it points to the kata that practises them."""

from __future__ import annotations

from pathlib import Path

from pitfall_tutor.katas.suggest import practice_line
from tests.conftest import run_tutor


def test_lint_suggests_the_kata_for_the_question_hit_most(tmp_path: Path) -> None:
    (tmp_path / "code.py").write_text(
        "def f(x=[]):\n    return x\n\n\ndef g(y={}):\n    return y\n\n\n"
        "def h():\n    global z\n    z = 1\n",
        encoding="utf-8",
    )
    result = run_tutor("lint", "code.py", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.rstrip().splitlines()[-1] == "Practice: tutor kata arguments"
    quiet = run_tutor("lint", "--quiet", "code.py", cwd=tmp_path)
    assert "Practice:" not in quiet.stdout
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "ok.py").write_text("x = 1\n", encoding="utf-8")
    assert "Practice:" not in run_tutor("lint", "ok.py", cwd=clean).stdout


def test_practice_line_prefers_the_most_hit_then_the_earliest_question() -> None:
    assert practice_line([7, 3, 7]) == "Practice: tutor kata arguments"
    assert practice_line([20, 3]) == "Practice: tutor kata scope"
    assert practice_line([1, 1, 20]) == "Practice: tutor kata files"  # Q1 has no kata
    assert practice_line([0, 0]) is None and practice_line([]) is None
