"""Instructions, not seconds: the lint against LibCST's parse, under callgrind.

    python benchmarks/instructions.py [--every N]

CPU time on a shared machine drifts from one minute to the next; instruction
counts do not (the same total twice, whatever else runs). This lints one file
in N of a copy of the standard library (as compare.py makes it) in one process,
under `valgrind --tool=callgrind`, and counts the same files' plain LibCST
parse and tutor's own parse (rules/engine/parsing.py) the same way. Each figure
is net of a run that only imports and reads the files. Slow (valgrind runs
Python about 50 times slower): about two minutes at N = 20 on two cores.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from compare import stdlib_copy

RUN = """
import sys
from pathlib import Path
import libcst
from pitfall_tutor.cli.lint import relax_collector
from pitfall_tutor.rules import ALL_RULES
from pitfall_tutor.rules.engine.engine import lint_bytes
relax_collector()  # as `tutor lint` runs
mode, listing = sys.argv[1], sys.argv[2]
parse_module = libcst.parse_module
if mode == "unchecked":
    from pitfall_tutor.rules.engine.parsing import parse_module
files = [(path, Path(path).read_bytes()) for path in Path(listing).read_text().split("\\n")]
for path, data in files:
    if mode == "lint":
        lint_bytes(data, path, ALL_RULES, {}, fixes=False)
    elif mode != "imports":
        try:
            parse_module(data)
        except Exception:
            pass
"""
MODES = ("imports", "floor", "unchecked", "lint")
CALLGRIND = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]


def instructions(mode: str, listing: Path) -> int:
    out = subprocess.run(
        [*CALLGRIND, sys.executable, "-c", RUN, mode, str(listing)],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    found = re.search(r"Collected : (\d+)", out)
    if found is None:
        raise SystemExit(f"callgrind printed no total for {mode}:\n{out[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--every", type=int, default=20, help="one file in N (default 20)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    scratch = Path(tempfile.mkdtemp(prefix="tutor-instructions-"))
    try:
        files = sorted(stdlib_copy(scratch / "stdlib").rglob("*.py"))[:: args.every]
        listing = scratch / "files.txt"
        listing.write_text("\n".join(str(path) for path in files))
        with ThreadPoolExecutor(2) as pool:
            counts = dict(
                zip(MODES, pool.map(lambda mode: instructions(mode, listing), MODES), strict=True)
            )
        net = {mode: counts[mode] - counts["imports"] for mode in MODES[1:]}
        print(f"{len(files)} files (one in {args.every} of the standard library)")
        for mode, label in (
            ("floor", "libcst.parse_module"),
            ("unchecked", "parse without node checks"),
            ("lint", "lint (fixes unbuilt)"),
        ):
            print(f"{label:<28}{net[mode] / 1e9:>8.3f} G")
        print(f"lint / plain parse  {net['lint'] / net['floor']:.3f}")
        print(f"lint / own parse    {net['lint'] / net['unchecked']:.3f}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
