"""Keep a check's whole process tree in view, and end all of it.

A check's child leads its own session, but learner code can fork, call
setsid() and double-fork, which takes a process out of any group we could
kill. On Linux the checking process therefore becomes a "child subreaper"
(prctl PR_SET_CHILD_SUBREAPER): orphans of the tree are re-parented to us
instead of to init, so we can still find them in /proc. Every process that
descends from the child, or that was re-parented to us, or that still carries
the check's marker in its environment, belongs to the check. While the check
runs we count the tree and add up its resident memory, so a limit holds for
the check as a whole, not per process; afterwards we kill the whole tree.

What this does not do: it is not a sandbox. Learner code runs as the same
user, with the same files and the same network. Polling every few tens of
milliseconds can overshoot a limit briefly. Elsewhere than Linux only the
child's process group is killed.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
from dataclasses import dataclass
from pathlib import Path

LINUX = sys.platform.startswith("linux")
PR_SET_CHILD_SUBREAPER = 36
MARKER = "TUTOR_KATA_CHECK"
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def become_subreaper() -> bool:
    """Orphans of our children come back to us (Linux); False where it cannot."""
    if not LINUX:
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


@dataclass(frozen=True)
class Usage:
    processes: int
    memory_bytes: int


def _table() -> dict[int, tuple[int, str, int, int]]:
    """pid -> (parent pid, state, session id, resident bytes), from /proc."""
    table: dict[int, tuple[int, str, int, int]] = {}
    try:
        names = os.listdir("/proc")
    except OSError:
        return table
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                raw = handle.read(4096)
        except OSError:
            continue
        fields = raw[raw.rfind(b")") + 2 :].split()
        if len(fields) < 22:
            continue
        state, ppid, session, rss = (
            fields[0].decode(),
            int(fields[1]),
            int(fields[3]),
            int(fields[21]),
        )
        table[int(name)] = (ppid, state, session, rss * PAGE)
    return table


def _marked(pid: int, token: str) -> bool:
    try:
        with open(f"/proc/{pid}/environ", "rb") as handle:
            return f"{MARKER}={token}".encode() in handle.read(1 << 20).split(b"\0")
    except OSError:
        return False


ACTIVE: set[int] = set()  # the children of checks running now, in any thread


class Tree:
    """The processes of one check: its child and everything that came from it."""

    def __init__(self, root: int, token: str, known_children: set[int]) -> None:
        ACTIVE.add(root)
        self.root = root
        self.token = token
        self.known_children = known_children  # our children from before the check
        self.me = os.getpid()

    def members(self, thorough: bool = False) -> dict[int, tuple[int, str, int, int]]:
        table = _table()
        found: dict[int, tuple[int, str, int, int]] = {}
        others = ACTIVE - {self.root}
        for pid, row in table.items():
            ppid, _, session, _ = row
            # An orphan re-parented to us is ours only if it carries our marker
            # (other checks may run at the same time, in other threads).
            orphan = ppid == self.me and pid not in self.known_children and pid not in others
            if pid == self.root or session == self.root or (orphan and _marked(pid, self.token)):
                found[pid] = row
        growing = True
        while growing:
            growing = False
            for pid, row in table.items():
                if pid not in found and row[0] in found:
                    found[pid] = row
                    growing = True
        if thorough:
            for pid, row in table.items():
                if pid not in found and pid != self.me and _marked(pid, self.token):
                    found[pid] = row
        return found

    def usage(self) -> Usage:
        members = self.members()
        alive = [row for row in members.values() if row[1] != "Z"]
        return Usage(len(alive), sum(row[3] for row in alive))

    def kill(self) -> None:
        """SIGKILL the whole tree until nothing of it is left, and reap what is ours."""
        with contextlib.suppress(OSError):
            os.killpg(self.root, signal.SIGKILL)
        if not LINUX:
            ACTIVE.discard(self.root)
            return
        quiet = 0
        for _ in range(200):
            members = self.members(thorough=quiet > 0)
            alive = [pid for pid, row in members.items() if row[1] != "Z"]
            for pid in alive:
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
            self.reap(members)
            quiet = 0 if alive else quiet + 1
            if quiet >= 2:
                break
        ACTIVE.discard(self.root)

    def reap(self, members: dict[int, tuple[int, str, int, int]]) -> None:
        for pid, row in members.items():
            if row[0] == self.me and pid != self.root:
                with contextlib.suppress(ChildProcessError, OSError):
                    os.waitpid(pid, os.WNOHANG)


def our_children() -> set[int]:
    me = os.getpid()
    return {pid for pid, row in _table().items() if row[0] == me}


def proc_available() -> bool:
    return LINUX and Path("/proc/self/stat").exists()
