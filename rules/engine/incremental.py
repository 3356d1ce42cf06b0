"""Re-parse only the top-level statements an edit touched.

An editor sends the whole buffer on every keystroke, and LibCST parses a
4,000-line file in about a third of a second. Between two versions most
top-level statements are unchanged, so their nodes are reused and only the
changed stretch (plus one statement either side, in case the edit joins them)
is parsed. Whenever reuse could differ from a full parse (edits in the file's
opening lines, a change of indentation or newline style, a chunk that does not
parse on its own) it falls back to parsing everything.
"""

from __future__ import annotations

from itertools import accumulate

import libcst as cst

from .parsing import parse_module
from .reuse import StatementFindings


def _text(module: cst.Module, node: cst.CSTNode) -> str:
    return module.code_for_node(node)


class IncrementalParser:
    """Parses successive versions of one document."""

    def __init__(self) -> None:
        self.text: str | None = None
        self.module: cst.Module | None = None
        # Text length and line count of each top-level statement.
        self._sizes: dict[cst.CSTNode, tuple[int, int]] = {}
        self.reused = 0  # statements taken over by the last parse, for tests and benchmarks
        # The findings kept for this document's statements (the engine fills it).
        self.findings = StatementFindings(self.newlines)

    def parse(self, text: str) -> cst.Module:
        module = None
        if self.module is not None and self.text is not None and text != self.text:
            module = self._reparse(self.module, self.text, text)
        elif self.module is not None and text == self.text:
            module = self.module
        if module is None:
            self.reused = 0
            self._sizes = {}
            module = parse_module(text)
        self.text, self.module = text, module
        return module

    def _size(self, module: cst.Module, node: cst.CSTNode) -> tuple[int, int]:
        known = self._sizes.get(node)
        if known is None:
            code = _text(module, node)
            known = self._sizes[node] = (len(code), code.count("\n"))
        return known

    def _length(self, module: cst.Module, node: cst.CSTNode) -> int:
        return self._size(module, node)[0]

    def newlines(self, module: cst.Module, node: cst.CSTNode) -> int:
        """How many lines top-level statement `node` spans (one code generation, shared)."""
        return self._size(module, node)[1]

    def _reparse(self, module: cst.Module, old: str, new: str) -> cst.Module | None:
        body = list(module.body)
        if len(body) < 3:
            return None
        header = sum(len(_text(module, line)) for line in module.header)
        starts = list(accumulate((self._length(module, s) for s in body), initial=header))
        prefix = _common_prefix(old, new)
        suffix = _common_suffix(old, new, limit=min(len(old), len(new)) - prefix)
        old_end = len(old) - suffix
        if prefix < starts[0]:
            return None  # the edit is in the header comments
        first = max(i for i, start in enumerate(starts[:-1]) if start <= prefix)
        last = max(i for i, start in enumerate(starts[:-1]) if start <= max(old_end - 1, prefix))
        first, last = first - 1, min(last + 1, len(body) - 1)
        if first < 1:
            return None  # the opening lines decide the header: parse it all
        at_end = last == len(body) - 1
        grow = len(new) - len(old)
        chunk_start = starts[first]
        chunk_end = len(new) if at_end else starts[last + 1] + grow
        try:
            chunk = parse_module(new[chunk_start:chunk_end])
        except (cst.ParserSyntaxError, RecursionError):
            return None
        if (
            chunk.default_indent != module.default_indent
            or chunk.default_newline != module.default_newline
            or not chunk.body
            or (not at_end and not chunk.has_trailing_newline)
        ):
            return None
        fresh = list(chunk.body)
        if chunk.header:
            fresh[0] = fresh[0].with_changes(leading_lines=[*chunk.header, *fresh[0].leading_lines])
        tail = body[last + 1 :]
        footer = chunk.footer if at_end else module.footer
        if not at_end and chunk.footer:
            tail[0] = tail[0].with_changes(leading_lines=[*chunk.footer, *tail[0].leading_lines])
        self._sizes = {
            node: self._sizes[node]
            for node in [*body[:first], *body[last + 2 :]]
            if node in self._sizes
        }
        self.reused = first + len(tail)
        return module.with_changes(
            body=[*body[:first], *fresh, *tail],
            footer=footer,
            has_trailing_newline=chunk.has_trailing_newline
            if at_end
            else module.has_trailing_newline,
        )


def _common_prefix(a: str, b: str) -> int:
    low, high = 0, min(len(a), len(b))
    while low < high:  # binary search on slices: C-speed comparisons
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_suffix(a: str, b: str, limit: int) -> int:
    low, high = 0, max(limit, 0)
    while low < high:
        middle = (low + high + 1) // 2
        if a[len(a) - middle :] == b[len(b) - middle :]:
            low = middle
        else:
            high = middle - 1
    return low
