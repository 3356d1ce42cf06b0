"""`tutor kata pandas-merge --notebook`: a starter notebook, checked cell by cell in order."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from pitfall_tutor.katas.catalogue import SOLUTION, find_kata
from tests.conftest import run_tutor

pytest.importorskip("pandas")


def code_cells(path: Path) -> list[str]:
    node = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in node["cells"] if c["cell_type"] == "code"]


def test_starter_notebook_fails_and_the_solution_in_cells_passes(tmp_path: Path) -> None:
    opened = run_tutor("kata", "pandas-merge", "--notebook", "--dir", str(tmp_path))
    folder = tmp_path / "pandas-merge"
    path = folder / "pandas_merge.ipynb"
    assert opened.returncode == 1, opened.stdout + opened.stderr
    assert not (folder / "pandas_merge.py").exists()
    nbformat.validate(nbformat.read(path, as_version=4))
    assert "pandas_merge.ipynb" in opened.stdout
    # findings are placed in their cells: the second function is cell 4 (after the
    # instructions and the imports), and its merge is on that cell's fourth line
    assert "pandas_merge.ipynb:cell 4:4:14 TUT191 merge-without-how" in opened.stdout
    assert "    4 |     merged = customers.merge(orders" in opened.stdout
    assert len(code_cells(path)) == 4  # the imports, then one cell per function

    kata = find_kata("pandas-merge")
    assert kata is not None
    node = nbformat.read(path, as_version=4)
    solution = kata.text(SOLUTION)
    cells = solution.split("\n\n\ndef ")
    sources = [cells[0], *("def " + cell for cell in cells[1:])]
    node.cells = node.cells[:1] + [
        nbformat.v4.new_code_cell(source) for source in ["%load_ext autoreload", *sources]
    ]
    node.cells.append(nbformat.v4.new_code_cell("%%timeit\norders.merge(customers)"))
    nbformat.write(node, path)
    checked = run_tutor("kata", "check", "pandas-merge", "--dir", str(tmp_path))
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_cells_run_in_order(tmp_path: Path) -> None:
    """A function defined in a later cell than its caller's first use fails, as in Jupyter."""
    run_tutor("kata", "pandas-merge", "--notebook", "--dir", str(tmp_path))
    path = tmp_path / "pandas-merge" / "pandas_merge.ipynb"
    node = nbformat.read(path, as_version=4)
    node.cells.insert(1, nbformat.v4.new_code_cell("later()"))
    nbformat.write(node, path)
    checked = run_tutor("kata", "check", "pandas-merge", "--dir", str(tmp_path))
    assert checked.returncode == 1
    assert "later" in checked.stdout


def test_a_broken_notebook_is_a_clear_error(tmp_path: Path) -> None:
    run_tutor("kata", "pandas-merge", "--notebook", "--dir", str(tmp_path))
    path = tmp_path / "pandas-merge" / "pandas_merge.ipynb"
    path.write_text("{not json", encoding="utf-8")
    checked = run_tutor("kata", "check", "pandas-merge", "--dir", str(tmp_path))
    assert checked.returncode == 2
    assert "invalid JSON" in checked.stderr
    assert "Traceback" not in checked.stderr
