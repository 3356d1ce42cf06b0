"""Positions for the few nodes that are reported, not for the whole tree.

LibCST's PositionProvider records a range for every node, which costs several
times the parse. Here one code generation pass notes token offsets only for
the wanted nodes (and their children, which compound statements borrow their
ends from), then turns offsets into line and column. Only a small part of the
tree is generated: the innermost statement around the finding (a method, not
its long class), and only up to its last wanted node; that text is then looked
up in the file, where it must appear exactly once.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from itertools import accumulate, pairwise

import libcst as cst
from libcst._nodes.internal import CodegenState

from .findings import Position

Span = tuple[int, int]  # token indices
_NOTHING: AbstractContextManager[None] = nullcontext()


class _AllFound(Exception):
    """Raised by a state that stops early once every wanted node has been generated."""


class _TargetedState(CodegenState):
    def __init__(
        self,
        module: cst.Module,
        wanted: Iterable[int],
        stop_early: bool = False,
        indent: Sequence[str] = (),
    ) -> None:
        super().__init__(
            default_indent=module.default_indent,
            default_newline=module.default_newline,
            indent_tokens=list(indent),
        )
        # Nodes by id(): LibCST hashes nodes in Python, and this runs for every node.
        self.wanted = set(wanted)
        self.spans: dict[int, Span] = {}  # syntactic, as PositionProvider
        self.inclusive: dict[int, Span] = {}  # every token the node emits
        self._open: list[tuple[cst.CSTNode, int]] = []
        self._inside = 0
        self._left = len(self.wanted) if stop_early else -1  # wanted nodes not yet generated

    def before_codegen(self, node: cst.CSTNode) -> None:
        if self._inside or id(node) in self.wanted:
            self._open.append((node, len(self.tokens)))
            self._inside += 1

    def after_codegen(self, node: cst.CSTNode) -> None:
        if self._open and self._open[-1][0] is node:
            _, start = self._open.pop()
            self._inside -= 1
            self.inclusive[id(node)] = (start, len(self.tokens))
            if id(node) in self.wanted:
                self._left -= 1
                if self._left == 0 and not self._inside:
                    raise _AllFound  # the rest of the statement cannot move them

    def record_syntactic_position(  # type: ignore[override]
        self,
        node: cst.CSTNode,
        *,
        start_node: cst.CSTNode | None = None,
        end_node: cst.CSTNode | None = None,
    ) -> AbstractContextManager[None]:
        if id(node) not in self.wanted:
            return _NOTHING  # most nodes: no generator to build and run
        return self._record(node, start_node, end_node)

    @contextmanager
    def _record(
        self, node: cst.CSTNode, start_node: cst.CSTNode | None, end_node: cst.CSTNode | None
    ) -> Iterator[None]:
        start = len(self.tokens)
        try:
            yield
        finally:
            end = len(self.tokens)
            if start_node is not None:
                first = id(start_node)
                start = self.spans.get(first, self.inclusive.get(first, (start, 0)))[0]
            if end_node is not None:
                last = id(end_node)
                end = self.spans.get(last, self.inclusive.get(last, (0, end)))[1]
            self.spans[id(node)] = (start, end)


class PlainState(CodegenState):
    """Code generation that records no positions (a fix's new text): libcst's own
    state enters a generator-based context manager for every node, which was a
    third of building 30,000 fixes."""

    def record_syntactic_position(  # type: ignore[override]
        self,
        node: cst.CSTNode,
        *,
        start_node: cst.CSTNode | None = None,
        end_node: cst.CSTNode | None = None,
    ) -> AbstractContextManager[None]:
        return _NOTHING


class LineIndex:
    """Maps character offsets in a text to (line, column)."""

    def __init__(self, text: str) -> None:
        starts = [0]
        index = text.find("\n")
        while index != -1:
            starts.append(index + 1)
            index = text.find("\n", index + 1)
        self.starts = starts

    def position(self, offset: int) -> Position:
        line = bisect_right(self.starts, offset)
        return Position(line, offset - self.starts[line - 1])

    def offset(self, position: Position) -> int:
        return self.starts[position.line - 1] + position.column


@dataclass(frozen=True)
class NodeSpans:
    """Where wanted nodes sit: syntactic range, and the offsets of all they emit."""

    ranges: dict[cst.CSTNode, tuple[Position, Position]]
    emitted: dict[cst.CSTNode, tuple[int, int]]  # character offsets


@dataclass
class Wanted:
    """Nodes to locate, all inside the top-level statement `top` (or the module)."""

    top: cst.CSTNode
    nodes: list[cst.CSTNode]
    # Statements inside `top` that may hold them all, innermost first, each with the
    # indentation in force there (`statements_around`): tried before `top`.
    nearer: list[tuple[cst.CSTNode, list[str]]] = field(default_factory=list)


def statements_around(
    module: cst.Module, chain: Sequence[cst.CSTNode], limit: int = 2
) -> list[tuple[cst.CSTNode, list[str]]]:
    """The innermost statements of `chain` (a node's ancestors, from the module down)
    that sit in an indented block, with the block indentation there.

    Only those: generated alone with that indentation, such a statement's text is
    exactly the file's. (An `elif`, say, would come out as `if`.) A file without
    a final newline keeps its last statement's last line short of the generated
    text, so there the top-level statement is used, as before."""
    last = module.body[-1] if module.body else None
    if not module.has_trailing_newline and len(chain) > 1 and chain[1] is last:
        return []
    found: list[tuple[cst.CSTNode, list[str]]] = []
    indent: list[str] = []
    for parent, node in pairwise(chain):
        if type(parent) is cst.IndentedBlock:
            indent = [*indent, module.default_indent if parent.indent is None else parent.indent]
            found.append((node, indent))
    return found[::-1][:limit]


def locate(module: cst.Module, text: str, lines: LineIndex, wanted: list[Wanted]) -> NodeSpans:
    """Ranges of the wanted nodes (as PositionProvider would give them, except that a
    whole compound statement ends after its last newline; no rule reports one).

    Each group is generated from its nearest statement that is found exactly once
    in the text, else from its top-level statement; if even that is not found
    exactly once, the whole module is generated instead.
    """
    spans = NodeSpans({}, {})
    for group in wanted:
        nodes = {id(node): node for node in group.nodes}
        if group.top is not module:
            if any(
                _locate_in(module, root, nodes, text, lines, spans, indent)
                for root, indent in group.nearer
            ):
                continue
            if _locate_in(module, group.top, nodes, text, lines, spans):
                continue
        everything = {id(node): node for group in wanted for node in group.nodes}
        spans = NodeSpans({}, {})
        _locate_in(module, module, everything, text, lines, spans)
        break
    return spans


def _locate_in(
    module: cst.Module,
    root: cst.CSTNode,
    wanted: dict[int, cst.CSTNode],
    text: str,
    lines: LineIndex,
    spans: NodeSpans,
    indent: Sequence[str] = (),
) -> bool:
    """Locate the `wanted` nodes (by id) by generating `root`; False if it cannot."""
    if root is module:
        state = _TargetedState(module, wanted.keys())
        root._codegen(state)
        base = 0
    else:
        # The statement up to its last wanted node is usually found once in the
        # text; if not, the whole statement, and failing that the caller's module.
        state = _TargetedState(module, wanted.keys(), stop_early=True, indent=indent)
        try:
            root._codegen(state)
        except _AllFound:
            base = _only_place("".join(state.tokens), text)
            if base < 0:
                state = _TargetedState(module, wanted.keys(), indent=indent)
                root._codegen(state)
                base = _only_place("".join(state.tokens), text)
        else:
            base = _only_place("".join(state.tokens), text)
        if base < 0:
            return False  # not found, or not only once: ambiguous
    offsets = [0, *accumulate(len(token) for token in state.tokens)]
    last_index = len(offsets) - 1  # the module drops its final newline token

    def at(index: int) -> int:
        return base + offsets[min(index, last_index)]

    inclusive = state.inclusive
    if not wanted.keys() <= inclusive.keys():
        return False  # a node was reported with the wrong statement
    for key, node in wanted.items():
        start, end = state.spans.get(key) or inclusive[key]
        spans.ranges[node] = (lines.position(at(start)), lines.position(at(end)))
        first, last = inclusive[key]
        spans.emitted[node] = (at(first), at(last))
    return True


def _only_place(generated: str, text: str) -> int:
    """Where `generated` is in `text`, if it is there exactly once; else -1."""
    base = text.find(generated)
    if base < 0 or text.find(generated, base + 1) >= 0:
        return -1
    return base
