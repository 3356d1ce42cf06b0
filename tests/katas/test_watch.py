"""`tutor kata check --watch`: re-checks on save, and says how to get watchfiles without it."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import threading
import time
from pathlib import Path
from typing import IO

import pytest

from tests.conftest import TUTOR
from tests.katas.conftest import Learner, solution, starter

pytest.importorskip("watchfiles")


class Lines:
    """Reads a process's output on a thread, so waiting for a line can time out."""

    def __init__(self, stream: IO[str]) -> None:
        self.queue: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._pump, args=(stream,), daemon=True).start()

    def _pump(self, stream: IO[str]) -> None:
        for line in stream:
            self.queue.put(line)

    def until(self, marker: str, limit: float = 60) -> None:
        """Collect lines until one contains `marker` (fails after `limit` seconds)."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            try:
                line = self.queue.get(timeout=0.5)
            except queue.Empty:
                continue
            self.seen.append(line)
            if marker in line:
                return
        raise AssertionError(f"never saw {marker!r}; output was:\n{''.join(self.seen)}")


def test_watch_checks_again_on_every_save(learner: Learner) -> None:
    learner.file("copying").parent.mkdir(parents=True)
    learner.write("copying", starter("copying"))
    environment = {**os.environ, "NO_COLOR": "1", "TUTOR_KATA_DIR": "", "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [str(TUTOR), "kata", "check", "copying", "--watch"],
        cwd=learner.home,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=environment,
    )
    assert process.stdout is not None
    lines = Lines(process.stdout)
    try:
        lines.until("Watching")
        assert any("Not done yet" in line for line in lines.seen)
        learner.write("copying", solution("copying"))
        lines.until("all 5 tests pass")
        lines.until("Watching")
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert "Traceback" not in "".join(lines.seen)


def test_watch_without_watchfiles_says_how_to_install_it(learner: Learner, tmp_path: Path) -> None:
    # An environment where watchfiles cannot be imported, as on a plain install.
    shim = tmp_path / "shim" / "watchfiles"
    shim.mkdir(parents=True)
    (shim / "__init__.py").write_text("raise ImportError('not installed')\n", encoding="utf-8")
    learner.file("copying").parent.mkdir(parents=True)
    learner.write("copying", starter("copying"))
    result = learner.tutor(
        "kata", "check", "copying", "--watch", env={"PYTHONPATH": str(shim.parent)}
    )
    assert result.returncode == 2
    assert "pip install 'pitfall-tutor[watch]'" in result.stderr
