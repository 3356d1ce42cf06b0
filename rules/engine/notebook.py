"""A Jupyter notebook as one logical Python module, and back again.

The code cells are joined in order, so a name one cell defines is known to the
rules in the cells after it, as it is to the kernel that runs them top to
bottom. Findings come back with their cell (1-based, counting every cell, as
the notebook shows them) and a line and column inside that cell.

- Cells that start with a `%%` cell magic are not Python: they are left out.
- A line magic (`%timeit f()`, `!pip install x`, `x = !ls`, `obj?`) is opaque:
  it becomes `pass` (or `x = ...`) of the same line count, so every other
  line keeps its place, and no fix may touch it.
- A cell that does not compile on its own is one syntax error in that cell;
  the other cells are still checked.

Reading and writing the .ipynb file itself is notebook_file.py's part.
"""

from __future__ import annotations

import ast
import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import libcst as cst

from .engine import _cpython_syntax_problem, lint_text
from .findings import Edit, Finding, Fix, Position, Severity
from .fixes import MAX_ROUNDS, _one_round
from .notebook_file import Notebook, Problem, read_notebook
from .parsing import parse_module
from .results import DECODE_ERROR, PARSER_LIMITATION, SYNTAX_ERROR, tool_finding
from .rule import Rule

# (cell index, source): the code cells of a notebook, in order; index is 0-based.
CodeCells = Sequence[tuple[int, str]]


_CELL_MAGIC = re.compile(r"\s*%%")
_LINE_MAGIC = re.compile(r"(?P<indent>[ \t]*)(?:[%!]|\?\??[A-Za-z_])")
_ASSIGNED_MAGIC = re.compile(r"(?P<target>[ \t]*[A-Za-z_][\w.]*\s*=\s*)[%!]")
_HELP = re.compile(r"[ \t]*[A-Za-z_][\w.]*\?\??\s*$")


def is_cell_magic(source: str) -> bool:
    return _CELL_MAGIC.match(source) is not None


def mask_magics(source: str) -> tuple[str, frozenset[int]]:
    """The cell with IPython-only lines made opaque, and those lines (1-based).

    Only done when the cell does not compile as it is, so `%` at the start of a
    line inside a string or an expression is left alone in valid Python.
    """
    if "%" not in source and "!" not in source and "?" not in source:
        return source, frozenset()
    if _compiles(source):
        return source, frozenset()
    lines = source.split("\n")
    masked: set[int] = set()
    continued = False
    for number, line in enumerate(lines):
        if continued:  # the rest of a magic continued with a backslash
            lines[number] = ""
            masked.add(number + 1)
            continued = line.rstrip().endswith("\\")
            continue
        assigned = _ASSIGNED_MAGIC.match(line)
        magic = _LINE_MAGIC.match(line)
        if assigned is not None:
            lines[number] = assigned.group("target") + "..."
        elif magic is not None or _HELP.match(line):
            lines[number] = line[: len(line) - len(line.lstrip(" \t"))] + "pass"
        else:
            continue
        masked.add(number + 1)
        continued = line.rstrip().endswith("\\")
    return "\n".join(lines), frozenset(masked)


@dataclass(frozen=True)
class Part:
    """One code cell's place in the logical module."""

    cell: int  # 0-based cell index in the notebook
    first_line: int  # its first line in the logical module (1-based)
    lines: int
    magics: frozenset[int]  # lines of the cell (1-based) that are masked magics


@dataclass(frozen=True)
class LogicalModule:
    text: str
    parts: tuple[Part, ...]
    skipped: tuple[tuple[int, Finding], ...] = ()  # cells left out, with their syntax error

    def part_at(self, line: int) -> Part | None:
        low, high = 0, len(self.parts) - 1
        while low <= high:
            middle = (low + high) // 2
            part = self.parts[middle]
            if line < part.first_line:
                high = middle - 1
            elif line >= part.first_line + part.lines:
                low = middle + 1
            else:
                return part
        return None


def logical_module(code: CodeCells, path: str, split: bool = False) -> LogicalModule:
    """Join the code cells. With `split`, the cells that do not compile on their own
    are left out, each with its syntax error."""
    pieces: list[tuple[int, str, frozenset[int]]] = []
    for index, source in code:
        if not source.strip() or is_cell_magic(source):
            continue
        masked, magics = mask_magics(source)
        if not masked.endswith("\n"):
            masked += "\n"
        pieces.append((index, masked, magics))
    skipped: list[tuple[int, Finding]] = []
    if split:
        kept = []
        for index, masked, magics in pieces:
            problem = _syntax_problem(masked, path)
            if problem is None:
                kept.append((index, masked, magics))
            else:
                skipped.append((index, replace(problem, cell=index + 1)))
        pieces = kept
    parts = []
    line = 1
    for index, masked, magics in pieces:
        count = masked.count("\n")
        parts.append(Part(index, line, count, magics))
        line += count
    return LogicalModule("".join(m for _, m, _ in pieces), tuple(parts), tuple(skipped))


def lint_cells(
    code: CodeCells,
    path: str,
    rules: Sequence[type[Rule]],
    severity: dict[str, Severity] | None,
    parse: Callable[[str], cst.Module] = parse_module,
) -> list[Finding]:
    """All findings for the code cells, each placed in its cell, sorted by cell and position.

    The joined cells are linted at once; only when that meets a syntax error are
    the cells compiled one by one, so that one broken cell hides no other.
    """
    module = logical_module(code, path)
    found = lint_text(module.text, path, rules, severity, parse) if module.parts else []
    if len(module.parts) > 1 and any(finding.code in _UNPARSED for finding in found):
        module = logical_module(code, path, split=True)
        found = lint_text(module.text, path, rules, severity, parse) if module.parts else []
    findings = [finding for _, finding in module.skipped]
    for finding in found:
        placed = to_cell(finding, module)
        if placed is not None:
            findings.append(placed)
    return sorted(findings, key=lambda finding: finding.sort_key)


_UNPARSED = frozenset({SYNTAX_ERROR[0], PARSER_LIMITATION[0]})


def to_cell(finding: Finding, module: LogicalModule) -> Finding | None:
    """The finding in its cell's coordinates; a fix that leaves the cell or touches a magic is dropped."""
    if not module.parts:
        return None
    part = module.part_at(finding.start.line)
    if part is None:  # before the first cell's lines or after the last one's
        opening = module.parts[0]
        part = opening if finding.start.line < opening.first_line else module.parts[-1]
    start = _inside(finding.start, part)
    end = max(start, _inside(finding.end, part))
    fix = finding.fix
    if fix is not None:
        edits = []
        for edit in fix.edits:
            if not (_in_part(edit.start, part) and _in_part(edit.end, part, end=True)):
                fix = None
                break
            first, last = _inside(edit.start, part), _inside(edit.end, part)
            if any(first.line <= line <= last.line for line in part.magics):
                fix = None
                break
            edits.append(Edit(first, last, edit.content))
        else:
            fix = Fix(fix.safe, tuple(edits))
    return replace(finding, start=start, end=end, fix=fix, cell=part.cell + 1)


def _in_part(position: Position, part: Part, end: bool = False) -> bool:
    last = part.first_line + part.lines
    return part.first_line <= position.line < last or (end and position == Position(last, 0))


def _inside(position: Position, part: Part) -> Position:
    line = position.line - part.first_line + 1
    if line < 1:
        return Position(1, 0)
    if line > part.lines:  # the end of the cell
        return Position(part.lines + 1, 0) if part.lines else Position(1, 0)
    return Position(line, position.column)


def fix_cells(
    code: CodeCells,
    lint: Callable[[CodeCells], list[Finding]],
    unsafe: bool = False,
) -> tuple[dict[int, str], int, list[Finding]]:
    """The fix loop of `tutor lint --fix`, cell by cell: new sources by cell index,
    how many fixes were applied, and the findings that remain."""
    sources = dict(code)
    applied_total = 0
    findings = lint(list(sources.items()))
    for _ in range(MAX_ROUNDS):
        applied_round = 0
        by_cell: dict[int, list[Finding]] = {}
        for finding in findings:
            if finding.cell is not None and finding.fix is not None:
                by_cell.setdefault(finding.cell - 1, []).append(finding)
        for index, cell_findings in by_cell.items():
            old = sources[index]
            new, applied = _one_round(old, cell_findings, unsafe)
            if not applied or new == old:
                continue
            if _compiles(mask_magics(old)[0]) and not _compiles(mask_magics(new)[0]):
                continue  # a fix that breaks the cell is never kept
            sources[index] = new
            applied_round += applied
        if not applied_round:
            break
        applied_total += applied_round
        findings = lint(list(sources.items()))
    changed = {index: text for index, text in sources.items() if text != dict(code)[index]}
    return changed, applied_total, findings


def _compiles(text: str) -> bool:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)
        try:
            compile(text, "<cell>", "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return False
    return True


def _syntax_problem(text: str, path: str) -> Finding | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)
        return _cpython_syntax_problem(text, path)


def lint_notebook(
    data: bytes,
    path: str,
    rules: Sequence[type[Rule]],
    severity: dict[str, Severity] | None = None,
) -> tuple[Notebook | None, list[Finding]]:
    """The notebook (None when it cannot be read) and its findings, sorted."""
    notebook = read_notebook(data)
    if isinstance(notebook, Problem):
        kind, level = (
            (DECODE_ERROR, Severity.ERROR)
            if notebook.kind == "decode"
            else (PARSER_LIMITATION, Severity.WARNING)
        )
        where = Position(notebook.line, notebook.column)
        return None, [tool_finding(path, kind, notebook.message, where, severity=level)]
    findings = [
        replace(
            tool_finding(
                path,
                PARSER_LIMITATION,
                f"{why}; the cell was not checked",
                severity=Severity.WARNING,
            ),
            cell=index + 1,
        )
        for index, why in notebook.notes
    ]
    if notebook.is_python:  # an R or Julia notebook is not ours to check
        findings += lint_cells(notebook.code_cells(), path, rules, severity)
    return notebook, sorted(findings, key=lambda finding: finding.sort_key)
