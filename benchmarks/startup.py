"""How fast `tutor` starts: `--help`, `--version`, and `lint` on one small file.

    python benchmarks/startup.py [--runs N] [--imports N]

Runs each command N times (default 15) through the installed entry point and
prints the best and the median wall time against the targets (0.3 s for
--help, 0.5 s for lint), and the best and median CPU (user + system). The
best run is the one to compare: it is the least disturbed by other work on
the machine. Then `python -X importtime` shows the
modules that dominate a lint start (cumulative, top N), and whether the
language server (pygls, lsprotocol) was imported, which linting must never do.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
TUTOR = BIN / "tutor"
SMALL_FILE = "def add(item, bucket=[]):\n    bucket.append(item)\n    return bucket\n"
SERVER_MODULES = ("pygls", "lsprotocol")


def timed(command: list[str], cwd: Path, env: dict[str, str], runs: int) -> list[float]:
    return [wall for wall, _ in timed_cpu(command, cwd, env, runs)]


def timed_cpu(
    command: list[str], cwd: Path, env: dict[str, str], runs: int
) -> list[tuple[float, float]]:
    """(wall, CPU) per run; CPU is user + system of the command, far steadier on a shared
    machine than wall time."""
    times = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        times.append((wall, cpu))
    return times


def import_times(command: list[str], cwd: Path, env: dict[str, str]) -> list[tuple[int, int, str]]:
    """(cumulative µs, self µs, module) for every import of one run."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *command],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        own, cumulative, name = line.removeprefix("import time:").split("|")
        rows.append((int(cumulative), int(own), name.rstrip()))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--imports", type=int, default=15, help="how many top imports to show")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "small.py").write_text(SMALL_FILE, encoding="utf-8")
        env = {**os.environ, "NO_COLOR": "1", "TUTOR_CACHE_DIR": str(work / "cache")}
        cases = [
            ("tutor --help", [str(TUTOR), "--help"], 0.3),
            ("tutor --version", [str(TUTOR), "--version"], 0.3),
            ("tutor lint small.py (cache warm)", [str(TUTOR), "lint", "small.py"], 0.5),
            ("tutor lint --no-cache small.py", [str(TUTOR), "lint", "--no-cache", "small.py"], 0.5),
        ]
        timed(cases[2][1], work, env, 1)  # fill the cache once
        print(f"{'command':<36}{'best':>8}{'median':>9}{'target':>9}{'CPU best':>10}{'median':>8}")
        for label, command, target in cases:
            runs = timed_cpu(command, work, env, args.runs)
            times = [wall for wall, _ in runs]
            cpus = [cpu for _, cpu in runs]
            best, median = min(times), statistics.median(times)
            verdict = "ok" if best < target else "OVER"
            print(
                f"{label:<36}{best:>7.3f}s{median:>8.3f}s{target:>8.1f}s"
                f"{min(cpus):>9.3f}s{statistics.median(cpus):>7.3f}s  {verdict}"
            )

        lint = [str(TUTOR), "lint", "--no-cache", "small.py"]
        rows = import_times(lint, work, env)
        total = sum(own for _, own, _ in rows)
        print(f"\nimports during `tutor lint --no-cache small.py`: {total / 1e6:.3f}s in total")
        print(f"{'cumulative':>11}{'self':>9}  module")
        shown = 0
        for cumulative, own, name in sorted(rows, reverse=True):
            if name.strip().startswith(("encodings", "site")):
                continue
            print(f"{cumulative / 1e6:>10.3f}s{own / 1e6:>8.3f}s  {name}")
            shown += 1
            if shown == args.imports:
                break
        server = sorted({n.strip() for _, _, n in rows if n.strip().startswith(SERVER_MODULES)})
        print(f"\nlanguage-server modules imported by lint: {', '.join(server) or 'none'}")
        helped = import_times([str(TUTOR), "--help"], work, env)
        heavy = sorted(
            {n.strip().split(".")[0] for _, _, n in helped}
            & {"libcst", "pygls", "lsprotocol", "pydantic", "pathspec"}
        )
        print(f"heavy packages imported by --help: {', '.join(heavy) or 'none'}")


if __name__ == "__main__":
    main()
