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

Writing back (`--fix`) replaces only the JSON text of the changed cells'
`source` values: outputs, metadata, key order, indentation and the final
newline are the file's own bytes, so `git diff` shows only the fix.
"""

from __future__ import annotations

import ast
import json
import json.decoder
import json.scanner
import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import libcst as cst

from .engine import (
    DECODE_ERROR,
    PARSER_LIMITATION,
    SYNTAX_ERROR,
    _cpython_syntax_problem,
    lint_text,
    tool_finding,
)
from .findings import Edit, Finding, Fix, Position, Severity
from .fixes import MAX_ROUNDS, _one_round
from .rule import Rule

SUFFIX = ".ipynb"
SUPPORTED_NBFORMAT = 4

# (cell index, source): the code cells of a notebook, in order; index is 0-based.
CodeCells = Sequence[tuple[int, str]]


@dataclass(frozen=True)
class Problem:
    """Why a notebook cannot be checked; `kind` is the engine's tool-finding kind."""

    message: str
    kind: str  # "decode" (unreadable JSON) or "limitation" (a notebook we do not read)
    line: int = 1
    column: int = 0


@dataclass(frozen=True)
class Cell:
    index: int  # 0-based position among all cells
    kind: str  # "code", "markdown", "raw"
    source: str
    as_list: bool  # stored as a list of lines (the nbformat default) rather than one string


@dataclass
class Notebook:
    """A parsed notebook plus what is needed to write its cells back byte for byte."""

    text: str  # the file's JSON text
    bom: bool
    cells: list[Cell]
    language: str | None  # from the kernel's metadata; None when not said
    notes: list[tuple[int, str]] = field(default_factory=list)  # (cell index, why skipped)
    document: Any = None  # what json.loads made of the text, to check a rewrite against

    @property
    def is_python(self) -> bool:
        return self.language is None or self.language.lower() in ("python", "python3")

    def code_cells(self) -> list[tuple[int, str]]:
        return [(cell.index, cell.source) for cell in self.cells if cell.kind == "code"]

    def with_sources(self, sources: dict[int, str]) -> bytes:
        """The file with the given cells' sources replaced and every other byte kept.

        Raises ValueError when the rewrite would read back as anything but the same
        notebook with those sources changed: then nothing may be written.
        """
        try:
            new = self._spliced(sources)
            _same_but_sources(json.loads(new.decode("utf-8-sig")), self.document, sources)
        except (ValueError, IndexError, KeyError, TypeError, RecursionError) as exc:
            raise ValueError(f"the fixed notebook would not read back the same: {exc}") from None
        return new

    def _spliced(self, sources: dict[int, str]) -> bytes:
        spans = _source_spans(self.text)
        text = self.text
        ascii_only = _escapes_non_ascii(text)
        crlf = "\r\n" in text
        unit = _indent_unit(text)
        for index in sorted(sources, reverse=True):
            cell = self.cells[index]
            span = spans[index] if index < len(spans) else None
            if span is None or sources[index] == cell.source:
                continue
            start, end = span
            value: Any = (
                sources[index].splitlines(keepends=True) if cell.as_list else sources[index]
            )
            rendered = _render(value, text, start, end, unit, ascii_only)
            if crlf:
                rendered = rendered.replace("\n", "\r\n")
            text = text[:start] + rendered + text[end:]
        return (b"\xef\xbb\xbf" if self.bom else b"") + text.encode("utf-8")


def _same_but_sources(new: Any, old: Any, sources: dict[int, str]) -> None:
    for index, text in sources.items():
        source = new["cells"][index]["source"]
        if ("".join(source) if isinstance(source, list) else source) != text:
            raise ValueError(f"cell {index + 1} does not hold the fixed source")
        new["cells"][index]["source"] = old["cells"][index]["source"]
    if new != old:
        raise ValueError("something besides the fixed cells' sources changed")


def read_notebook(data: bytes) -> Notebook | Problem:
    """Parse an .ipynb file (nbformat 4) with the standard json module."""
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Problem(f"cannot read notebook: byte {exc.start} is not valid UTF-8", "decode")
    if not text.strip():
        return Problem("cannot read notebook: the file is empty", "decode")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        return Problem(
            f"cannot read notebook: invalid JSON: {exc.msg}", "decode", exc.lineno, exc.colno - 1
        )
    except RecursionError:
        return Problem("cannot read notebook: the JSON is nested too deeply", "decode")
    if not isinstance(document, dict):
        return Problem("cannot read notebook: the JSON is not an object", "decode")
    version = document.get("nbformat")
    if version != SUPPORTED_NBFORMAT:
        shown = "missing" if version is None else repr(version)
        return Problem(
            f"nbformat {shown} is not supported (tutor reads nbformat 4; "
            "open and save the notebook in Jupyter to upgrade it); its cells were not checked",
            "limitation",
        )
    raw_cells = document.get("cells")
    if not isinstance(raw_cells, list):
        return Problem("not a notebook: it has no `cells` list; nothing was checked", "limitation")
    notebook = Notebook(text, bom, [], _language(document.get("metadata")), document=document)
    for index, raw in enumerate(raw_cells):
        kind = raw.get("cell_type") if isinstance(raw, dict) else None
        source = raw.get("source", "") if isinstance(raw, dict) else None
        if isinstance(source, list) and all(isinstance(line, str) for line in source):
            cell = Cell(index, str(kind), "".join(source), True)
        elif isinstance(source, str):
            cell = Cell(index, str(kind), source, False)
        else:
            cell = Cell(index, "invalid", "", False)
            notebook.notes.append((index, "its source is neither a string nor a list of strings"))
        notebook.cells.append(cell)
    return notebook


def _language(metadata: object) -> str | None:
    if not isinstance(metadata, dict):
        return None
    for key, name in (("kernelspec", "language"), ("language_info", "name")):
        table = metadata.get(key)
        if isinstance(table, dict) and isinstance(table.get(name), str):
            return str(table[name])
    return None


# The logical module


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
    parse: Callable[[str], cst.Module] = cst.parse_module,
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


# Writing back: where each cell's `source` value sits in the JSON text


_SPACE = re.compile(r"[ \t\n\r]*")
# The C scanner json.loads uses: the end of any value, at C speed (outputs can be large).
_scan: Callable[[str, int], tuple[Any, int]] = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[arg-type]
_scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]


def _skip(text: str, index: int) -> int:
    match = _SPACE.match(text, index)
    assert match is not None
    return match.end()


def _value_end(text: str, index: int) -> int:
    try:
        return int(_scan(text, index)[1])
    except StopIteration:
        raise ValueError(f"no JSON value at {index}") from None


def _members(text: str, index: int, visit: Callable[[str, int], int]) -> int:
    """Walk the object at `index`; `visit(key, value_start)` returns the value's end."""
    if text[index] != "{":
        return _value_end(text, index)
    index = _skip(text, index + 1)
    if text[index] == "}":
        return index + 1
    while True:
        key, index = _scanstring(text, index + 1)
        index = _skip(text, index)
        index = _skip(text, index + 1)  # the colon
        index = _skip(text, visit(key, index))
        if text[index] == "}":
            return index + 1
        index = _skip(text, index + 1)  # the comma


def _items(text: str, index: int, visit: Callable[[int, int], int]) -> int:
    if text[index] != "[":
        return _value_end(text, index)
    index = _skip(text, index + 1)
    if text[index] == "]":
        return index + 1
    number = 0
    while True:
        index = _skip(text, visit(number, index))
        number += 1
        if text[index] == "]":
            return index + 1
        index = _skip(text, index + 1)


def _source_spans(text: str) -> list[tuple[int, int] | None]:
    """(start, end) of every cell's `source` value in the text, by cell index."""
    spans: list[tuple[int, int] | None] = []

    def cell(number: int, start: int) -> int:
        spans.append(None)

        def member(key: str, value: int) -> int:
            end = _value_end(text, value)
            if key == "source":
                spans[number] = (value, end)
            return end

        return _members(text, start, member)

    def top(key: str, value: int) -> int:
        if key == "cells":
            spans.clear()
            return _items(text, value, cell)
        return _value_end(text, value)

    _members(text, _skip(text, 0), top)
    return spans


def _indent_unit(text: str) -> str | None:
    """The file's indentation step (nbformat writes one space); None for one-line JSON."""
    match = re.search(r"\n([ \t]+)\S", text)
    return match.group(1) if match else None


def _escapes_non_ascii(text: str) -> bool:
    if any(ord(char) > 127 for char in text):
        return False
    return re.search(r"\\u(?!00[0-7])[0-9a-fA-F]{4}", text) is not None


def _render(value: Any, text: str, start: int, end: int, unit: str | None, ascii_only: bool) -> str:
    """The new value in the style the old one was written in."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=ascii_only)
    old = text[start:end]
    if unit is None or ("\n" not in old and old.strip() != "[]"):  # a list on one line
        separator = "," if '","' in old or '", "' not in text else ", "
        return json.dumps(value, ensure_ascii=ascii_only, separators=(separator, ": "))
    line_start = text.rfind("\n", 0, start) + 1
    base = re.match(r"[ \t]*", text[line_start:start]).group()  # type: ignore[union-attr]
    return json.dumps(value, ensure_ascii=ascii_only, indent=unit).replace("\n", "\n" + base)


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
