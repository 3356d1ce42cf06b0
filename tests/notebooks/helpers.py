"""Notebooks for the tests, written by nbformat as Jupyter writes them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output


def notebook(*cells: str | tuple[str, str], outputs: int = 0) -> nbformat.NotebookNode:
    """Code cells from strings, other cells from ("markdown", text); each code cell
    gets `outputs` stream outputs so a rewrite that loses them shows."""
    made = []
    for number, cell in enumerate(cells):
        if isinstance(cell, tuple):
            made.append(new_markdown_cell(cell[1]))
            continue
        code = new_code_cell(cell, execution_count=number + 1)
        code.outputs = [
            new_output("stream", name="stdout", text=f"output {number}.{i}\n")
            for i in range(outputs)
        ]
        made.append(code)
    made_notebook = new_notebook(cells=made)
    made_notebook.metadata["kernelspec"] = {
        "display_name": "Python 3",
        "language": "python",
        "name": "python3",
    }
    return made_notebook


def write(path: Path, node: Any) -> Path:
    """Write as Jupyter does (nbformat: one-space indent, sorted keys, final newline)."""
    path.write_text(nbformat.writes(node) + "\n", encoding="utf-8")
    return path
