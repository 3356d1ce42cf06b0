"""Peak memory of a command summed over its whole process tree (Linux /proc).

    python benchmarks/memory.py tutor lint -q --jobs 2 TREE

`compare.py` reports the largest single process; this adds up the parent and
every worker, sampled every 50 ms.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path


def tree_rss_mb(root: int) -> float:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().split()[3])
            except (OSError, IndexError, ValueError):
                continue
    family, grew = {root}, True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in family and pid not in family:
                family.add(pid)
                grew = True
    total_kb = 0
    for pid in family:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
        except OSError:
            continue
    return total_kb / 1024


def main() -> None:
    process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, env=os.environ)
    peak = 0.0
    while process.poll() is None:
        peak = max(peak, tree_rss_mb(process.pid))
        time.sleep(0.05)
    print(f"peak summed RSS: {peak:.0f} MB (exit {process.returncode})")


if __name__ == "__main__":
    main()
