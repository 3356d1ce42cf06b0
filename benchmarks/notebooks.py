"""Notebooks against the same code as one .py file, and one cell's edit in the editor.

Usage: python benchmarks/notebooks.py [--cells 200] [--repeat 7]

- Lint: a notebook of N code cells (with a markdown cell between every few, and
  one output per code cell) against the same code cells joined into one .py
  file, through the engine as `tutor lint` calls it (no cache). Goal (issue 15):
  the notebook within 1.5x the .py file.
- Edit: the server's path for a notebook: the logical module is parsed by the
  incremental parser; after a one-character edit in one cell, only the top-level
  statements that edit touched are parsed again, and the statement-local rules
  walk only those and the module-level code (the other defs' and classes'
  findings are kept, see rules/engine/reuse.py). Shown: statements reused by the
  parser, statements the rules walked, and the time of the re-lint against a
  lint from scratch.

Times are CPU time of this process (the work is single-threaded), the best of
--repeat runs, the two sides taking turns: wall time on a shared machine swings
by 2x or more with other load, CPU time much less.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable

from pitfall_tutor.rules import ALL_RULES
from pitfall_tutor.rules.engine.engine import lint_bytes
from pitfall_tutor.rules.engine.incremental import IncrementalParser
from pitfall_tutor.rules.engine.notebook import lint_cells, lint_notebook

CELL = '''import pandas as pd


def load_{i}(path, columns=None):
    """Read one table and keep the columns asked for."""
    frame = pd.read_csv(path, encoding="utf-8")
    if columns is not None:
        frame = frame[list(columns)]
    return frame


totals_{i} = {{}}
for key, amount in [("a", 1), ("b", 2), ("a", 3)]:
    totals_{i}[key] = totals_{i}.get(key, 0) + amount
merged_{i} = load_{i}("orders.csv").merge(load_{i}("customers.csv"), on="id", how="left")
print(len(merged_{i}), sorted(totals_{i}))


def remember_{i}(item, seen=[]):
    seen.append(item)
    return seen'''


def make_cells(count: int) -> list[str]:
    return [CELL.format(i=i) for i in range(count)]


def notebook_bytes(cells: list[str]) -> bytes:
    made = []
    for number, source in enumerate(cells):
        if number % 5 == 0:
            made.append(
                {"cell_type": "markdown", "metadata": {}, "source": [f"## Step {number}\n"]}
            )
        made.append(
            {
                "cell_type": "code",
                "execution_count": number + 1,
                "metadata": {},
                "outputs": [
                    {"name": "stdout", "output_type": "stream", "text": ["3 ['a', 'b']\n"]}
                ],
                "source": source.splitlines(keepends=True),
            }
        )
    document = {
        "cells": made,
        "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return (json.dumps(document, indent=1, sort_keys=True) + "\n").encode()


def best(repeat: int, *works: Callable[[], object]) -> list[float]:
    """The best time of each, run in turns so that other load on the machine hits both alike."""
    times: list[list[float]] = [[] for _ in works]
    for _ in range(repeat):
        for index, work in enumerate(works):
            start = time.process_time()
            work()
            times[index].append(time.process_time() - start)
    return [min(each) for each in times]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cells", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    cells = make_cells(args.cells)
    script = "\n\n\n".join(cells) + "\n"
    data = notebook_bytes(cells)
    rules = list(ALL_RULES)

    python_findings = lint_bytes(script.encode(), "same.py", rules).findings
    _, notebook_findings = lint_notebook(data, "same.ipynb", rules)
    python_time, notebook_time = best(
        args.repeat,
        lambda: lint_bytes(script.encode(), "same.py", rules),
        lambda: lint_notebook(data, "same.ipynb", rules),
    )
    ratio = notebook_time / python_time
    print(
        f"lint: {args.cells} cells, {script.count(chr(10))} lines, "
        f"{len(data) / 1024:.0f} KiB of JSON; "
        f"{len(python_findings)} findings in the .py, {len(notebook_findings)} in the notebook"
    )
    print(f"  one .py file  {python_time * 1000:8.1f} ms")
    print(
        f"  the notebook  {notebook_time * 1000:8.1f} ms  = {ratio:.2f}x "
        f"(goal 1.5x: {'met' if ratio <= 1.5 else 'NOT met'})"
    )

    code = list(enumerate(cells))
    middle = len(code) // 2
    edited = list(code)
    target = edited[middle][1]
    at = target.index("columns=None")
    versions = [target, target[:at] + "columns=()" + target[at + len("columns=None") :]]

    def full() -> None:
        lint_cells(code, "same.ipynb", rules, None)

    parser_for_edits = IncrementalParser()
    lint_cells(code, "same.ipynb", rules, None, parser_for_edits.parse)
    turn = [0]

    def one_edit() -> None:
        turn[0] += 1
        edited[middle] = (middle, versions[turn[0] % 2])
        lint_cells(edited, "same.ipynb", rules, None, parser_for_edits.parse)

    full_time, edit_time = best(args.repeat, full, one_edit)
    statements = len(parser_for_edits.module.body) if parser_for_edits.module else 0
    print(f"edit: one character in cell {middle + 1} of {args.cells}")
    print(
        f"  statements reused by the parser: {parser_for_edits.reused} of {statements} "
        f"(re-parsed: {statements - parser_for_edits.reused})"
    )
    kept = getattr(parser_for_edits, "findings", None)
    if kept is not None:
        print(
            f"  statements walked by the statement-local rules: {kept.walked} of {statements} "
            f"(findings kept for {kept.kept})"
        )
    print(f"  lint from scratch  {full_time * 1000:8.1f} ms")
    print(f"  lint after an edit {edit_time * 1000:8.1f} ms  ({edit_time / full_time:.2f}x)")


if __name__ == "__main__":
    main()
