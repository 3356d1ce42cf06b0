"""The real `tutor` in a pseudo-terminal of a fixed size (120x40), driven by keys.

What a person sees is what the pty receives: rows are counted after the
terminal's own line discipline, with no line allowed to wrap.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.conftest import CACHE, TUTOR

pexpect = pytest.importorskip("pexpect")

ROWS, COLUMNS = 40, 120
ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def screen_text(raw: str) -> str:
    """The characters a person reads: no colour codes, no carriage returns."""
    return ESCAPE.sub("", raw).replace("\r", "")


class Session:
    """One `tutor ...` in a 120x40 pseudo-terminal, in a learner's own folder."""

    def __init__(self, home: Path, *args: str, colour: bool = False) -> None:
        env = {**os.environ, "TUTOR_CACHE_DIR": CACHE, "TUTOR_KATA_DIR": "", "TERM": "xterm"}
        env.pop("FORCE_COLOR", None)
        env.pop("COLUMNS", None)
        env.pop("LINES", None)
        if colour:
            env.pop("NO_COLOR", None)
        else:
            env["NO_COLOR"] = "1"
        self.child = pexpect.spawn(
            str(TUTOR),
            list(args),
            cwd=str(home),
            env=env,
            dimensions=(ROWS, COLUMNS),
            encoding="utf-8",
            codec_errors="replace",
            timeout=90,
        )
        self.seen = ""

    def expect(self, text: str, timeout: float = 90) -> str:
        """Wait for `text`; returns what came before it (and keeps all of it in `seen`)."""
        self.child.expect_exact(text, timeout=timeout)
        before = str(self.child.before) + str(self.child.after)
        self.seen += before
        return before

    def rest(self) -> str:
        """Everything until the program ends."""
        self.child.expect(pexpect.EOF, timeout=90)
        self.seen += str(self.child.before)
        self.child.close()
        return self.seen

    def press(self, key: str) -> None:
        self.child.send(key)

    def stop(self) -> None:
        if self.child.isalive():
            self.child.terminate(force=True)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path
