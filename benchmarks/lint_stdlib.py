"""Time `tutor lint` on the Python standard library against LibCST's parse floor.

Usage: python benchmarks/lint_stdlib.py [TREE]   (default: this Python's stdlib,
without test/, tests/, idle_test/, lib2to3/ and site-packages/, copied to a
temporary folder so that discovery sees exactly those files).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

import libcst as cst

SKIP = {"test", "tests", "idle_test", "lib2to3", "site-packages", "__pycache__"}


def stdlib_copy(target: Path) -> Path:
    source = Path(sysconfig.get_paths()["stdlib"])
    for folder, dirs, files in os.walk(source):
        dirs[:] = [d for d in dirs if d not in SKIP]
        for name in files:
            if name.endswith(".py"):
                path = Path(folder) / name
                destination = target / path.relative_to(source)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, destination)
    return target


def parse_floor(files: list[Path]) -> float:
    start = time.perf_counter()
    for path in files:
        with contextlib.suppress(Exception):  # the floor only counts time
            cst.parse_module(path.read_bytes())
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        tree = Path(sys.argv[1]) if len(sys.argv) > 1 else stdlib_copy(Path(scratch))
        files = sorted(tree.rglob("*.py"))
        lines = sum(path.read_bytes().count(b"\n") for path in files)
        print(f"tree: {tree} ({len(files)} files, {lines:,} lines)")
        floor = parse_floor(files)
        tutor = Path(sys.executable).parent / "tutor"
        start = time.perf_counter()
        result = subprocess.run(
            [str(tutor), "lint", "--no-cache", "--quiet", str(tree)],
            capture_output=True,
            text=True,
        )
        wall = time.perf_counter() - start
        crashed = "Traceback" in result.stderr
        print(f"{'what':<34}{'wall s':>8}{'x floor':>9}")
        print(f"{'libcst.parse_module, 1 process':<34}{floor:>8.2f}{1:>9.2f}")
        print(f"{'tutor lint (all rules)':<34}{wall:>8.2f}{wall / floor:>9.2f}")
        print(
            f"tutor exit code {result.returncode}, findings {result.stdout.count(chr(10))}, "
            f"traceback: {'YES' if crashed else 'no'}"
        )


if __name__ == "__main__":
    main()
