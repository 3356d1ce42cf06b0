"""`tutor lint` on one .ipynb file: lint its code cells, and fix them when asked.

The notebook is read and written by the engine (rules/engine/notebook_file.py, and
notebook.py for its cells as one module);
this is only the part of `tutor lint` that decides, caches and writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pitfall_tutor.rules.engine.cache import LintCache
from pitfall_tutor.rules.engine.config import Settings
from pitfall_tutor.rules.engine.findings import Finding
from pitfall_tutor.rules.engine.notebook import CodeCells, fix_cells, lint_cells, lint_notebook
from pitfall_tutor.rules.engine.notebook_file import Notebook, read_notebook
from pitfall_tutor.rules.engine.results import FileResult
from pitfall_tutor.rules.engine.rule import Rule
from pitfall_tutor.rules.engine.source import Decoded

from .lint import Checked, Options, write_atomically

CACHE_SALT = b"ipynb\0"  # the same bytes as a .py file lint differently


def check_notebook(
    data: bytes,
    shown: str,
    file: Path,
    settings: Settings,
    rules: Sequence[type[Rule]],
    options: Options,
    cache: LintCache | None,
    on_disk: bool,
) -> Checked:
    key = cache.key(CACHE_SALT + data, rules, settings.severity, shown) if cache is not None else ""
    cached = cache.load(key, shown) if cache is not None else None
    if cached is not None:
        notebook = read_notebook(data) if cached else None
        checked = Checked(FileResult(shown, cached), settings)
        if isinstance(notebook, Notebook):
            _keep_cells(checked, notebook)
        return checked
    read, findings = lint_notebook(data, shown, rules, settings.severity)
    if cache is not None:
        cache.store(key, findings)
    checked = Checked(FileResult(shown, findings), settings)
    if read is None:
        return checked
    notebook = read
    if not on_disk:  # stdin: the fixed notebook goes to stdout
        checked.result.source = Decoded(notebook.text, "utf-8", notebook.bom)
    if options.fix and any(finding.fix for finding in findings):

        def relint(code: CodeCells) -> list[Finding]:
            return lint_cells(code, shown, rules, settings.severity)

        changed, applied, remaining = fix_cells(
            notebook.code_cells(), relint, unsafe=options.unsafe_fixes
        )
        if applied and changed:
            try:
                new = notebook.with_sources(changed)
            except ValueError as exc:  # never write what might lose anything
                checked.write_error = f"{exc}; not written"
                _keep_cells(checked, notebook)
                return checked
            checked.fixes_applied = applied
            checked.cell_fixes = {
                index + 1: (notebook.cells[index].source, text) for index, text in changed.items()
            }
            if not on_disk:
                checked.fixed_text = new.decode("utf-8-sig")
            if options.write and on_disk:
                checked.write_error = write_atomically(file, data, new)
            if checked.write_error is None:
                checked.result.findings = remaining
                notebook = _applied(notebook, changed)
    _keep_cells(checked, notebook)
    return checked


def _applied(notebook: Notebook, changed: dict[int, str]) -> Notebook:
    """The notebook as its cells read after the fix (for the snippets of what remains)."""
    from dataclasses import replace

    cells = [
        replace(cell, source=changed[cell.index]) if cell.index in changed else cell
        for cell in notebook.cells
    ]
    return replace(notebook, cells=cells)


def _keep_cells(checked: Checked, notebook: Notebook) -> None:
    """Keep only the sources of the cells with findings (not the whole JSON, outputs and all)."""
    for finding in checked.result.findings:
        if finding.cell is not None and 0 < finding.cell <= len(notebook.cells):
            checked.cells[finding.cell] = notebook.cells[finding.cell - 1].source
