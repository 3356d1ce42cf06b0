"""Helpers for the kata tests: a fresh workspace, and the kata files as shipped."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from pitfall_tutor.katas.catalogue import SOLUTION, STARTER, find_kata
from tests.conftest import run_tutor


def kata_file(slug: str, name: str) -> str:
    kata = find_kata(slug)
    assert kata is not None
    return kata.text(name)


def solution(slug: str) -> str:
    return kata_file(slug, SOLUTION)


def starter(slug: str) -> str:
    return kata_file(slug, STARTER)


class Learner:
    """A learner in a fresh folder, running `tutor kata ...` as they would."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.workspace = home / "tutor-katas"

    def tutor(
        self, *args: str, env: dict[str, str] | None = None, input: str = ""
    ) -> subprocess.CompletedProcess[str]:
        """`tutor ...` in the learner's folder; stdin is not a terminal."""
        return run_tutor(
            *args, cwd=self.home, env={"TUTOR_KATA_DIR": "", **(env or {})}, input=input
        )

    def file(self, slug: str) -> Path:
        return self.workspace / slug / f"{slug.replace('-', '_')}.py"

    def write(self, slug: str, text: str) -> None:
        self.file(slug).write_text(text, encoding="utf-8")


@pytest.fixture
def learner(tmp_path: Path) -> Learner:
    return Learner(tmp_path)
