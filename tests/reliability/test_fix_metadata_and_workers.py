"""`--fix` keeps a file's owner and links, counts only what it wrote, and stops with its parent."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import CACHE, TUTOR, run_tutor

PITFALL = "def add(item, bucket=[]):\n    return bucket\n"
FIXED = (
    "def add(item, bucket=None):\n    if bucket is None:\n        bucket = []\n    return bucket\n"
)


def fix(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = run_tutor("lint", "--no-cache", "--fix", *args, cwd=folder)
    assert "Traceback" not in result.stderr
    return result


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another owner")
def test_fix_keeps_the_owner_and_group(tmp_path: Path) -> None:
    path = tmp_path / "cart.py"
    path.write_text(PITFALL, encoding="utf-8")
    os.chown(path, 65534, 65534)
    fix(tmp_path, "cart.py")
    assert path.read_text(encoding="utf-8") == FIXED
    assert (path.stat().st_uid, path.stat().st_gid) == (65534, 65534)


def test_fix_does_not_split_hard_links_silently(tmp_path: Path) -> None:
    path = tmp_path / "cart.py"
    path.write_text(PITFALL, encoding="utf-8")
    other = tmp_path / "linked.py.txt"
    os.link(path, other)
    result = fix(tmp_path, "cart.py")
    assert path.stat().st_ino == other.stat().st_ino  # still one file
    text = result.stdout + result.stderr
    if path.read_text(encoding="utf-8") == PITFALL:  # refused: it must say why
        assert "hard link" in text
        assert "Fixed" not in result.stdout
    else:  # written in place: both names see the fix
        assert other.read_text(encoding="utf-8") == FIXED


def test_fixed_counts_only_files_that_were_written(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(PITFALL, encoding="utf-8")
    (tmp_path / "b.py").write_text(PITFALL, encoding="utf-8")
    os.link(tmp_path / "b.py", tmp_path / "b-link.txt")
    result = fix(tmp_path, "a.py", "b.py")
    assert "Fixed 1 problem." in result.stdout, result.stdout
    assert "Fixed 2" not in result.stdout


def _fixed(folder: Path) -> int:
    return sum("bucket=None" in path.read_text(encoding="utf-8") for path in folder.glob("*.py"))


def _session(sid: int) -> list[int]:
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", "rb") as handle:
                    fields = handle.read().rsplit(b")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == sid and fields[0] != b"Z":
                found.append(int(name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_workers_stop_writing_when_the_parent_dies(tmp_path: Path, how: signal.Signals) -> None:
    body = PITFALL + "".join(
        f"\n\ndef helper_{n}(value):\n    return value * {n}\n" for n in range(150)
    )
    for number in range(1500):
        (tmp_path / f"m{number:04d}.py").write_text(body, encoding="utf-8")
    parent = subprocess.Popen(
        [str(TUTOR), "lint", "--no-cache", "--fix", "--jobs", "2", "."],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "TUTOR_CACHE_DIR": CACHE},
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while _fixed(tmp_path) < 20 and time.monotonic() < deadline and parent.poll() is None:
        time.sleep(0.2)
    assert parent.poll() is None, "the run ended before it could be interrupted"
    parent.send_signal(how)
    parent.wait()
    time.sleep(1.0)
    settled = _fixed(tmp_path)
    time.sleep(3.0)
    assert _fixed(tmp_path) == settled, "workers kept writing after the parent died"
    assert settled < 1500
    assert _session(parent.pid) == [], "worker processes outlived the parent"
