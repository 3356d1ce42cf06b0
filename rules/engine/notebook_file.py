"""Reading and writing .ipynb files (nbformat 4) with the standard json module.

Reading keeps the file's text beside the parsed notebook. Writing back replaces
only the JSON text of the changed cells' `source` values, found by walking the
text with json's own scanner: outputs, metadata, key order, indentation, line
endings and the final newline stay the file's own bytes, so `git diff` shows
only the fix. A rewrite is parsed again and refused unless it reads back as the
same notebook with just those sources changed.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

SUFFIX = ".ipynb"
SUPPORTED_NBFORMAT = 4


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
