"""Time tutor against LibCST's parse floor and the peer linters, in one run.

    python benchmarks/compare.py [TREE] [--jobs N] [--rounds N] [--skip-tree | --skip-single]

TREE defaults to a copy of this Python's standard library without test/,
tests/, idle_test/, lib2to3/ and site-packages/. Every tool sees the files
`tutor lint` discovers. Prints wall time, peak memory (largest process) and
the ratio to the floor (wall, and CPU: user + system of every process,
steadier on a shared machine): plain `libcst.parse_module` of the same files with the
same number of processes. A second floor row parses as tutor does, without LibCST's
per-node checks (rules/engine/parsing.py): the ratio to it is the engine's own cost.
Peers run only when installed.

Then two single files, where the tree's figures hide the cost: one with
30,000 findings (`def f(a=[]): pass` on every line) and a generated 5 MB
module. Their rows show CPU seconds (user + system) too, which a shared
machine disturbs far less than wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
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
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(wall, usage.ru_maxrss / 1024, code, usage.ru_utime + usage.ru_stime)
"""
FLOOR = """
import sys, libcst
from concurrent.futures import ProcessPoolExecutor
parse_module = libcst.parse_module
if sys.argv[3:] == ["unchecked"]:  # tutor's own parse: see rules/engine/parsing.py
    from pitfall_tutor.rules.engine.parsing import parse_module
def parse(path):
    try:
        parse_module(open(path, "rb").read())
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


Measured = tuple[float, float, int, float]  # wall seconds, peak MB, exit code, CPU seconds


def measure(command: list[str], env: dict[str, str] | None = None) -> Measured:
    return measure_cpu(command, env)


def measure_cpu(
    command: list[str], env: dict[str, str] | None = None
) -> tuple[float, float, int, float]:
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *command],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=True,
    ).stdout.split()
    return float(out[0]), float(out[1]), int(out[2]), float(out[3])


def single_files(scratch: Path, ruff: str | None) -> None:
    """The many-findings file and the 5 MB file: tutor (text and JSON) beside ruff."""
    sys.path.insert(0, str(Path(__file__).parent))
    from server_latency import module

    many = scratch / "many_findings.py"
    many.write_text("def f(a=[]): pass\n" * 30_000)
    huge = scratch / "five_mb.py"
    text = module(4000)
    huge.write_text(text * (5_000_000 // len(text) + 1))
    cache = {"TUTOR_CACHE_DIR": str(scratch / "single-cache")}
    print(f"\n{'single file':<52}{'wall s':>8}{'CPU s':>8}{'peak MB':>9}{'exit':>6}")
    for path in (many, huge):
        size = f"{path.stat().st_size / 1e6:.1f} MB"
        commands = [
            ("tutor lint --no-cache", [str(BIN / "tutor"), "lint", "-q", "--no-cache", str(path)]),
            (
                "tutor lint --no-cache --format json",
                [str(BIN / "tutor"), "lint", "--no-cache", "--format", "json", str(path)],
            ),
        ]
        if ruff:
            commands.append(
                ("ruff B006", [ruff, "check", "--isolated", "--no-cache", "--select", "B006"])
            )
            commands[-1][1].append(str(path))
        for name, command in commands:
            wall, peak, code, cpu = measure_cpu(command, cache)
            label = f"{path.name} ({size}): {name}"
            print(f"{label:<52}{wall:>8.2f}{cpu:>8.2f}{peak:>9.0f}{code:>6}")


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


def floors(listing: Path, jobs: str) -> tuple[Measured, Measured]:
    """The plain LibCST parse of every file, then tutor's parse without node checks."""
    floor = [sys.executable, "-c", FLOOR, str(listing), jobs]
    return measure(floor), measure([*floor, "unchecked"])


def rounds(
    more: int, first: list[Measured], listing: Path, tutor: list[str], scratch: Path
) -> None:
    """More rounds of floor, unchecked floor and cold lint, each round in that order:
    each round's ratios, then their medians."""
    jobs = tutor[tutor.index("--jobs") + 1]
    found = [first]
    for number in range(more):
        cache = {"TUTOR_CACHE_DIR": str(scratch / f"cache-round-{number}")}
        found.append([*floors(listing, jobs), measure(tutor, cache)])
    print(f"\n{'round':<8}{'floor CPU s':>12}{'cold CPU s':>12}{'x floor':>9}{'x own parse':>12}")
    ratios = []
    for number, (floor, unchecked, cold) in enumerate(found, start=1):
        ratios.append((cold[3] / floor[3], cold[3] / unchecked[3]))
        print(
            f"{number:<8}{floor[3]:>12.2f}{cold[3]:>12.2f}{ratios[-1][0]:>9.2f}{ratios[-1][1]:>12.2f}"
        )
    to_floor = statistics.median(ratio for ratio, _ in ratios)
    to_own = statistics.median(own for _, own in ratios)
    print(f"{'median':<32}{to_floor:>9.2f}{to_own:>12.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("tree", nargs="?")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--skip-tree", action="store_true", help="only the single files")
    parser.add_argument("--skip-single", action="store_true", help="only the tree")
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="measure the floors and the cold lint this many times, in turn, and report "
        "the median of each round's ratios (the CPU speed of a shared machine drifts "
        "from one minute to the next)",
    )
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="tutor-bench-"))
    try:
        if args.skip_tree:
            single_files(scratch, installed("ruff"))
            return
        tree = Path(args.tree) if args.tree else stdlib_copy(scratch / "stdlib")
        files = tutor_files(tree, scratch)
        lines = sum(Path(f).read_bytes().count(b"\n") for f in files)
        listing = scratch / "files.txt"
        listing.write_text("\n".join(files))
        jobs = str(args.jobs)
        print(f"tree: {tree}: {len(files)} files, {lines:,} lines; {jobs} processes\n")
        rows: list[tuple[str, Measured]] = []
        floor, unchecked = floors(listing, jobs)
        rows.append((f"libcst.parse_module floor (-j {jobs})", floor))
        rows.append(("floor without node checks (tutor's parse)", unchecked))
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
        base, base_cpu, own_cpu = floor[0], floor[3], unchecked[3]
        header = f"{'tool':<44}{'wall s':>8}{'peak MB':>9}{'x floor':>9}{'exit':>6}"
        print(f"{header}{'CPU s':>8}{'CPU x floor':>12}{'x own parse':>12}")
        for name, (wall, peak, code, cpu) in rows:
            print(
                f"{name:<44}{wall:>8.2f}{peak:>9.0f}{wall / base:>9.2f}{code:>6}"
                f"{cpu:>8.2f}{cpu / base_cpu:>12.2f}{cpu / own_cpu:>12.2f}"
            )
        print(
            json.dumps(
                {
                    name: {"wall": w, "peak_mb": p, "exit": c, "cpu": u}
                    for name, (w, p, c, u) in rows
                }
            )
        )
        if args.rounds > 1:
            rounds(args.rounds - 1, [floor, unchecked, rows[2][1]], listing, tutor, scratch)
        if not args.skip_single:
            single_files(scratch, ruff)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
