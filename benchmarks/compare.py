"""Time tutor against LibCST's parse floor and the peer linters, in one run.

    python benchmarks/compare.py [TREE] [--jobs N]

TREE defaults to a copy of this Python's standard library without test/,
tests/, idle_test/, lib2to3/ and site-packages/. Every tool sees the files
`tutor lint` discovers. Prints wall time, peak memory (largest process) and
the ratio to the floor: plain `libcst.parse_module` of the same files with the
same number of processes. Peers run only when installed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

SKIP = {"test", "tests", "idle_test", "lib2to3", "site-packages", "__pycache__"}
BIN = Path(sys.executable).parent
# Measures one command: wall seconds and the peak RSS of its largest process.
MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
wall = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(wall, peak, code)
"""
FLOOR = """
import sys, libcst
from concurrent.futures import ProcessPoolExecutor
def parse(path):
    try:
        libcst.parse_module(open(path, "rb").read())
    except Exception:
        pass
paths = open(sys.argv[1]).read().split("\\n")
with ProcessPoolExecutor(int(sys.argv[2])) as pool:
    list(pool.map(parse, paths, chunksize=8))
"""


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


def installed(tool: str) -> str | None:
    """A peer linter from this environment, else from PATH."""
    return shutil.which(tool, path=str(BIN)) or shutil.which(tool)


def measure(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int]:
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *command],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=True,
    ).stdout.split()
    return float(out[0]), float(out[1]), int(out[2])


def tutor_files(tree: Path, scratch: Path) -> list[str]:
    """The files tutor lints (JSON output lists none, so ask discovery)."""
    code = (
        "import sys\nfrom pathlib import Path\n"
        "from pitfall_tutor.cli.discovery import discover\n"
        "from pitfall_tutor.rules.engine.config import ConfigFinder\n"
        "print('\\n'.join(str(p) for p in discover([Path(sys.argv[1])], ConfigFinder()).files))\n"
    )
    listing = subprocess.run(
        [sys.executable, "-c", code, str(tree)], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    return [line for line in listing if line]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("tree", nargs="?")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="tutor-bench-"))
    try:
        tree = Path(args.tree) if args.tree else stdlib_copy(scratch / "stdlib")
        files = tutor_files(tree, scratch)
        lines = sum(Path(f).read_bytes().count(b"\n") for f in files)
        listing = scratch / "files.txt"
        listing.write_text("\n".join(files))
        jobs = str(args.jobs)
        print(f"tree: {tree}: {len(files)} files, {lines:,} lines; {jobs} processes\n")
        rows: list[tuple[str, tuple[float, float, int]]] = []
        floor = measure([sys.executable, "-c", FLOOR, str(listing), jobs])
        rows.append((f"libcst.parse_module floor (-j {jobs})", floor))
        cache = {"TUTOR_CACHE_DIR": str(scratch / "cache")}
        lint = [str(BIN / "tutor"), "lint", "--quiet"]
        tutor = [*lint, "--jobs", jobs, str(tree)]
        rows.append(("tutor lint, cold cache", measure(tutor, cache)))
        rows.append(("tutor lint, warm cache", measure(tutor, cache)))
        rows.append(
            (
                "tutor lint --no-cache -j 1",
                measure([*lint, "--jobs", "1", "--no-cache", str(tree)]),
            )
        )
        ruff = installed("ruff")
        if ruff:
            rules = "B006,SIM115,PLW1641,PLW0603,PLR6201"
            command = [
                ruff,
                "check",
                "--isolated",
                "--no-cache",
                "--preview",
                "--select",
                rules,
                str(tree),
            ]
            rows.append((f"ruff ({rules})", measure(command)))
        pylint = installed("pylint")
        if pylint:
            checks = "dangerous-default-value,consider-using-with,global-statement,eq-without-hash"
            command = [
                pylint,
                "-j",
                jobs,
                "--disable=all",
                f"--enable={checks}",
                "--load-plugins=pylint.extensions.eq_without_hash",
                *files,
            ]
            rows.append(("pylint (4 equivalent checks)", measure(command)))
        fixit = installed("fixit")
        if fixit:
            rows.append(("fixit lint (default rules)", measure([fixit, "lint", str(tree)])))
        base = floor[0]
        print(f"{'tool':<44}{'wall s':>8}{'peak MB':>9}{'x floor':>9}{'exit':>6}")
        for name, (wall, peak, code) in rows:
            print(f"{name:<44}{wall:>8.2f}{peak:>9.0f}{wall / base:>9.2f}{code:>6}")
        print(json.dumps({name: {"wall": w, "peak_mb": p, "exit": c} for name, (w, p, c) in rows}))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
