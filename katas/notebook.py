"""A kata done in a Jupyter notebook: a starter .ipynb, and the script a check runs.

The starter splits the kata's starter.py into cells (the imports, then one
cell per function). A check runs the code cells top to bottom, as "Run All"
would, by turning them into one script that the usual runner imports under the
usual limits; `%%` cell magics are left out and line magics (`%timeit`,
`!pip`) become `pass`, as `tutor lint` reads them. The rules' findings are
then moved back to their cells (`pandas_merge.ipynb:cell 3:2:14`).
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path

from pitfall_tutor.rules.engine.findings import Finding, Position
from pitfall_tutor.rules.engine.notebook import is_cell_magic, mask_magics
from pitfall_tutor.rules.engine.notebook_file import Problem, read_notebook

from .catalogue import STARTER, TESTS, Kata
from .workspace import TESTS_HEADER, Workspace, readme

SUFFIX = ".ipynb"


def notebook_name(kata: Kata) -> str:
    return f"{kata.module}{SUFFIX}"


def starter_notebook(kata: Kata) -> str:
    """The kata's starter as nbformat 4 JSON, written as Jupyter writes it."""
    intro = (
        f"# {kata.slug}: {kata.title}\n\n"
        "Edit the code cells below; the instructions are in `README.md` next to this notebook.\n"
        f"Check your work with `tutor kata check {kata.slug}`: it runs the code cells "
        "in order, then the kata's tests and rules."
    )
    cells = [_cell("markdown", intro)]
    cells += [_cell("code", chunk) for chunk in _chunks(kata.text(STARTER))]
    for number, cell in enumerate(cells, start=1):
        cell["id"] = f"{kata.slug}-{number}"  # nbformat 4.5 gives every cell an id
    document = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _cell(kind: str, text: str) -> dict[str, object]:
    cell: dict[str, object] = {
        "cell_type": kind,
        "metadata": {},
        "source": text.splitlines(keepends=True),
    }
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def _chunks(source: str) -> list[str]:
    """The imports and other opening lines, then each top-level function or class."""
    lines = source.splitlines(keepends=True)
    starts = [
        _first_line(node)
        for node in ast.parse(source).body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
    ]
    bounds = [0, *(start - 1 for start in starts), len(lines)]
    chunks = ["".join(lines[a:b]).strip("\n") for a, b in pairwise(bounds)]
    return [chunk for chunk in chunks if chunk.strip()]


def _first_line(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> int:
    return min([node.lineno, *(decorator.lineno for decorator in node.decorator_list)])


@dataclass(frozen=True)
class Script:
    """The code cells as one script, and where each cell's lines are in it."""

    text: str
    parts: tuple[tuple[int, int, int], ...]  # (cell number, its first line in the script, lines)

    def in_cells(self, findings: list[Finding]) -> list[Finding]:
        """The findings (in script lines) moved to their cells' own lines."""
        moved = []
        for finding in findings:
            for cell, first, count in self.parts:
                if first <= finding.start.line < first + count:
                    start = Position(finding.start.line - first + 1, finding.start.column)
                    end = Position(max(finding.end.line - first + 1, 1), finding.end.column)
                    moved.append(
                        replace(finding, start=start, end=max(start, end), cell=cell, fix=None)
                    )
                    break
            else:
                moved.append(finding)
        return moved


def notebook_script(data: bytes) -> Script | Problem:
    """The code cells as one script, in order; a Problem when the notebook cannot be read."""
    notebook = read_notebook(data)
    if isinstance(notebook, Problem):
        return notebook
    pieces = []
    parts = []
    line = 1
    for index, source in notebook.code_cells():
        if is_cell_magic(source):
            continue
        code = mask_magics(source)[0].rstrip() + "\n"
        pieces.append(f"# cell {index + 1}\n{code}\n")
        parts.append((index + 1, line + 1, code.count("\n")))
        line += code.count("\n") + 2
    return Script("".join(pieces), tuple(parts))


def cell_sources(data: bytes) -> dict[int, str]:
    notebook = read_notebook(data)
    if isinstance(notebook, Problem):
        return {}
    return {index + 1: source for index, source in notebook.code_cells()}


def place_notebook(workspace: Workspace, kata: Kata) -> bool:
    """The kata's folder with a starter notebook (not a .py file); True when it was created."""
    folder = workspace.folder(kata)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "README.md").write_text(readme(kata), encoding="utf-8")
    (folder / kata.tests_name).write_text(TESTS_HEADER + kata.text(TESTS), encoding="utf-8")
    target = folder / notebook_name(kata)
    if target.exists():
        return False
    target.write_text(starter_notebook(kata), encoding="utf-8")
    return True


def checked_file(workspace: Workspace, kata: Kata) -> Path:
    """The file `check` reads: the notebook when there is one and it is the newer of the two."""
    script = workspace.learner_file(kata)
    notebook = workspace.folder(kata) / notebook_name(kata)
    try:
        if notebook.is_file() and (
            not script.exists() or notebook.stat().st_mtime >= script.stat().st_mtime
        ):
            return notebook
    except OSError:
        pass
    return script
