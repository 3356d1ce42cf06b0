"""Shared helpers: run the real `tutor` entry point in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# Tests never touch the user's real cache folder.
CACHE = tempfile.mkdtemp(prefix="tutor-test-cache-")
os.environ["TUTOR_CACHE_DIR"] = CACHE  # servers and katas started by tests inherit it
# ... nor the learner's real history (katas/history.py).
os.environ["TUTOR_DATA_DIR"] = tempfile.mkdtemp(prefix="tutor-test-data-")
TUTOR = Path(sys.executable).parent / "tutor"


def run_tutor(
    *args: str,
    cwd: Path | None = None,
    input: str | bytes | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the installed console script, as a user would."""
    full_env = {**os.environ, "NO_COLOR": "1", "TUTOR_CACHE_DIR": CACHE, **(env or {})}
    data = input.decode() if isinstance(input, bytes) else input
    return subprocess.run(
        [str(TUTOR), *args],
        cwd=cwd,
        input=data,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
    )


@pytest.fixture
def tutor():
    return run_tutor
