"""What keeping the history costs `tutor lint` (budget: 20 ms).

    .venv/bin/python benchmarks/history_write.py [--repeat 30]

1. In process: `record_lint` for a run of 20 files with findings, repeated
   (the database warm, sqlite3 already imported).
2. First write of a fresh `tutor lint` process, as a user pays it: importing
   the history module and sqlite3, opening, writing, closing; wall and CPU
   time (on a shared, busy machine the CPU time is the steadier number).
3. End to end: the real `tutor lint` on 20 files, history off versus on,
   interleaved, median of the wall times (start-up noise is larger than the
   difference, so the median of many runs is the number to read).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BAD = "def add(item, basket=[]):\n    basket.append(item)\n    return basket\n"


def in_process(data: Path, repeat: int) -> list[float]:
    os.environ["TUTOR_DATA_DIR"] = str(data)
    from pitfall_tutor.cli.lint import Options, run_lint
    from pitfall_tutor.katas import history

    history.set_consent(True)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for index in range(20):
            (folder / f"f{index:02d}.py").write_text(BAD * (1 + index % 3), encoding="utf-8")
        run = run_lint([str(folder)], Options(no_cache=True, jobs=1))
        from pitfall_tutor.cli.learner import record_lint

        record_lint(run)  # the first creates the database: not what later lints pay
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            notes = record_lint(run)
            times.append(time.perf_counter() - started)
            assert notes == [], notes
    return times


FIRST = """
import time
from pitfall_tutor.cli.lint import Options, run_lint
import pitfall_tutor.cli.formats.as_text
run = run_lint([{folder!r}], Options(jobs=1, no_cache=True))
wall, cpu = time.perf_counter(), time.process_time()
from pitfall_tutor.cli.learner import record_lint
assert record_lint(run) == []
print(time.perf_counter() - wall, time.process_time() - cpu)
"""


def first_write(data: Path, repeat: int) -> tuple[list[float], list[float]]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["TUTOR_DATA_DIR"] = str(data)
    walls, cpus = [], []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for index in range(20):
            (folder / f"f{index:02d}.py").write_text(BAD, encoding="utf-8")
        script = FIRST.format(folder=str(folder))
        for _ in range(repeat + 1):
            out = subprocess.run(
                [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
            ).stdout.split()
            walls.append(float(out[0]))
            cpus.append(float(out[1]))
    return walls[1:], cpus[1:]  # the first run also compiles the modules


def end_to_end(data: Path, repeat: int) -> tuple[list[float], list[float]]:
    tutor = str(Path(sys.executable).parent / "tutor")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for index in range(20):
            (folder / f"f{index:02d}.py").write_text(BAD, encoding="utf-8")
        off_dir, on_dir = data / "off", data / "on"
        on_dir.mkdir()
        (on_dir / "history-consent.txt").write_text("benchmark\n", encoding="utf-8")
        off, on = [], []
        for _ in range(repeat):
            for target, times in ((off_dir, off), (on_dir, on)):
                env = {**os.environ, "TUTOR_DATA_DIR": str(target)}
                started = time.perf_counter()
                subprocess.run([tutor, "lint", "-q", str(folder)], env=env, capture_output=True)
                times.append(time.perf_counter() - started)
    return off, on


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch)
        times = in_process(data / "inproc", args.repeat)
        print(
            f"record_lint, 20 files: median {statistics.median(times) * 1000:.1f} ms, "
            f"max {max(times) * 1000:.1f} ms over {args.repeat}"
        )
        walls, cpus = first_write(data / "inproc", args.repeat)
        print(
            f"first record_lint of a lint process: wall median {statistics.median(walls) * 1000:.1f}"
            f" ms (max {max(walls) * 1000:.1f}), CPU median {statistics.median(cpus) * 1000:.1f} ms"
        )
        off, on = end_to_end(data, args.repeat)
        print(
            f"tutor lint, 20 files: history off median {statistics.median(off) * 1000:.0f} ms, "
            f"on {statistics.median(on) * 1000:.0f} ms "
            f"(difference {(statistics.median(on) - statistics.median(off)) * 1000:+.0f} ms)"
        )


if __name__ == "__main__":
    main()
