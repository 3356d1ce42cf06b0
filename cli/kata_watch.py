"""`tutor kata check --watch`: check on every save and answer single keys, as rustlings does.

Every save checks the file again. On a terminal, keys work at any time:
`h` one more hint, `l` the list, `q` quit; after a pass, `n` opens the next
kata. Nothing advances by itself. Ctrl-C quits as quietly as `q`.
"""

from __future__ import annotations

import os
import select
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

KEYS_BEFORE_PASS = "h: hint  l: list  q: quit"
KEYS_AFTER_PASS = "n: next kata  h: hint  l: list  q: quit"


@contextmanager
def single_keys() -> Iterator[Callable[[], str | None]]:
    """Reads one key at a time without Enter; yields a poll that never blocks.

    Only when stdin is a terminal; otherwise the poll always says None. Ctrl-C
    still raises KeyboardInterrupt (the terminal keeps its signal keys).
    """
    if not sys.stdin.isatty():
        yield lambda: None
        return
    import termios
    import tty

    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    tty.setcbreak(fd)

    def poll() -> str | None:
        ready, _, _ = select.select([fd], [], [], 0)
        if not ready:
            return None
        data = os.read(fd, 32)
        return data.decode("utf-8", "replace")[:1].lower() or None

    try:
        yield poll
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def changes(folder: Path, name: str) -> Iterator[bool]:
    """True when the file called `name` in `folder` changed; False every ~0.15 s otherwise."""
    from watchfiles import watch

    def is_the_file(_change: object, path: str) -> bool:
        return Path(path).name == name

    for batch in watch(
        folder,
        watch_filter=is_the_file,
        debounce=300,
        rust_timeout=150,
        yield_on_timeout=True,
        raise_interrupt=True,  # quietly: no "KeyboardInterrupt caught" log line
    ):
        yield bool(batch)


def footer(shown_file: str, passed: bool, bar: str, keys: bool) -> str:
    watching = f"Watching {shown_file}: every save checks it again."
    if not keys:
        return f"{bar}\n{watching} Ctrl-C stops."
    return f"{bar}\n{watching}\n{KEYS_AFTER_PASS if passed else KEYS_BEFORE_PASS}"


def echo(text: str = "") -> None:
    typer.echo(text)
    sys.stdout.flush()
