"""How long `tutor report` takes for a big class: 500 learners x 20 files of findings.

    .venv/bin/python benchmarks/report.py [--learners 500] [--files 20] [--days 1]

Writes one `tutor lint --format json` file per learner per day (findings drawn
from the real rules' names, codes, questions and messages, 0 to 6 per file),
then times the real `tutor` console script building the HTML page and the CSV,
end to end (start-up included). The issue's budget is 5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from pitfall_tutor.rules import ALL_RULES


def write_class(folder: Path, learners: int, files: int, days: int, seed: int = 16) -> int:
    """The JSON files; returns how many findings they hold."""
    chance = random.Random(seed)
    start = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)
    total = 0
    for index in range(learners):
        learner = f"learner-{index:03d}"
        # Each learner has a few favourite pitfalls, as real classes do.
        favourites = chance.sample(ALL_RULES, 4)
        for day in range(days):
            diagnostics = []
            for number in range(files):
                path = f"exercises/ex{number:02d}.py"
                for _ in range(chance.randint(0, 6 - min(day, 3))):
                    rule = chance.choice(favourites if chance.random() < 0.7 else ALL_RULES)
                    line = chance.randint(1, 200)
                    diagnostics.append(
                        {
                            "path": path,
                            "line": line,
                            "column": 5,
                            "end_line": line,
                            "end_column": 20,
                            "code": rule.code,
                            "rule": rule.name,
                            "question": rule.question,
                            "severity": "warning",
                            "message": rule.message,
                            "url": f"https://example.org/questions/q{rule.question:02d}/",
                            "fix": None,
                        }
                    )
            total += len(diagnostics)
            document = {
                "version": 1,
                "name": learner,
                "timestamp": (start + timedelta(days=7 * day)).isoformat(),
                "files": files,
                "diagnostics": diagnostics,
            }
            target = folder / f"day{day}" / f"{learner}.json"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return total


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    before = os.times()
    subprocess.run(command, check=True, capture_output=True)
    after = os.times()
    CPU.append(
        after.children_user - before.children_user + after.children_system - before.children_system
    )
    return time.perf_counter() - started


CPU: list[float] = []  # the child's CPU seconds, steadier than wall time on a busy machine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--learners", type=int, default=500)
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--days", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    tutor = str(Path(sys.executable).parent / "tutor")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        findings = write_class(folder / "results", args.learners, args.files, args.days)
        print(
            f"{args.learners} learners x {args.files} files x {args.days} day(s): "
            f"{findings} findings in {args.learners * args.days} JSON files"
        )
        page = folder / "report.html"
        html = [
            timed([tutor, "report", str(folder / "results"), "-o", str(page)])
            for _ in range(args.repeat)
        ]
        html_cpu = min(CPU)
        CPU.clear()
        csv = [
            timed(
                [
                    tutor,
                    "report",
                    str(folder / "results"),
                    "--format",
                    "csv",
                    "-o",
                    str(folder / "c.csv"),
                ]
            )
            for _ in range(args.repeat)
        ]
        print(
            f"tutor report (html): best {min(html):.2f} s wall, {html_cpu:.2f} s CPU, "
            f"of {args.repeat}; page {page.stat().st_size / 1e6:.1f} MB"
        )
        print(
            f"tutor report --format csv: best {min(csv):.2f} s wall, {min(CPU):.2f} s CPU, "
            f"of {args.repeat}"
        )


if __name__ == "__main__":
    main()
