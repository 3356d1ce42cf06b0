"""Peak memory of a command summed over its whole process tree (Linux /proc).

    python benchmarks/memory.py tutor lint -q --jobs 2 TREE

`compare.py` reports the largest single process; this adds up the parent and
every worker, sampled every 50 ms.

    python benchmarks/memory.py --edits 2000 [--lines 450] [--trace]

The editor's case, in this process: one document edited N times (a character
typed, then deleted, so the text keeps coming back to where it started), each
version linted through the document's incremental parser as `tutor serve`
does. Prints RSS growth per edit after a warm-up (issue 17: it should be flat),
and with --trace the allocations tracemalloc sees grow most.
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


def rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def edit_loop(edits: int, lines: int, trace: bool) -> None:
    import gc
    import tracemalloc

    sys.path.insert(0, str(Path(__file__).parent))
    from server_latency import module

    from pitfall_tutor.rules import ALL_RULES
    from pitfall_tutor.rules.engine.engine import lint_text
    from pitfall_tutor.rules.engine.incremental import IncrementalParser

    text = module(lines)
    at = text.index("def remove", len(text) // 2) + 4
    parser = IncrementalParser()

    def lint(step: int) -> None:
        # Odd steps type a new name (`removex17`), even ones delete it again.
        typed = text[:at] + (f"x{step}" if step % 2 else "") + text[at:]
        lint_text(typed, "bench.py", ALL_RULES, parse=parser.parse)

    warm = min(200, edits)
    for step in range(warm):
        lint(step)
    gc.collect()
    if trace:
        tracemalloc.start(10)
        before_trace = tracemalloc.take_snapshot()
    before = rss_kb()
    for step in range(edits):
        lint(step)
    gc.collect()
    after = rss_kb()
    print(
        f"{edits} edits of a {lines}-line file after {warm} to warm up: RSS {before} -> {after} KB, "
        f"{(after - before) * 1024 / edits:.0f} bytes per edit"
    )
    if trace:
        stats = tracemalloc.take_snapshot().compare_to(before_trace, "traceback")
        for stat in stats[:5]:
            print(f"{stat.size_diff / edits:+.0f} B/edit, {stat.count_diff:+d} blocks")
            for frame in stat.traceback.format()[-6:]:
                print("   ", frame)


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] in ("-h", "--help"):
        print(__doc__)
        return
    if sys.argv[1:2] == ["--edits"]:
        lines = int(sys.argv[sys.argv.index("--lines") + 1]) if "--lines" in sys.argv else 450
        edit_loop(int(sys.argv[2]), lines, "--trace" in sys.argv)
        return
    process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, env=os.environ)
    peak = 0.0
    while process.poll() is None:
        peak = max(peak, tree_rss_mb(process.pid))
        time.sleep(0.05)
    print(f"peak summed RSS: {peak:.0f} MB (exit {process.returncode})")


if __name__ == "__main__":
    main()
