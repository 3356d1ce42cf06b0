"""Keep the findings of unchanged top-level defs and classes from one version to the next.

An editor relints a whole file on every keystroke, but an edit inside one
function leaves the other top-level statements' text, and (thanks to the
incremental parser) their node objects, as they were. A rule whose `reach` is
"statement" reports inside such a statement S only what S and the module facts
decide, so its findings there are kept, moved by as many lines as S moved
(columns cannot change: S starts at column 0 and its text is identical).

The module facts are everything outside def and class bodies that such rules may
read: the code of every other top-level statement (imports, module-level
bindings, loops, `if __name__ == ...` blocks), the name and kind of every
top-level def and class (and whether a def is a plain generator), the header's
comments, the file's path and indentation, the active statement rules with
their `text_facts`, the severities and whether fixes are built. Edits inside a
def or class body leave them alone; any change to them drops everything kept.

Module-level statements themselves are walked on every lint: they are short in
the big files where this matters, and rules may judge them by the whole file.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass

import libcst as cst

from .findings import Finding
from .syntax import contains_yield, nodes_in

KEPT_KINDS = (cst.FunctionDef, cst.ClassDef)  # top-level statements whose findings are kept


@dataclass(frozen=True)
class Shape:
    """One top-level statement as the module facts see it.

    A def or class by its kind, name, whether it is a plain generator function,
    and the names it declares `global` (which bind module names); any other
    statement by its whole code.
    """

    kind: str  # "def", "class" or "code"
    name: str = ""
    generator: bool = False
    declared_global: frozenset[str] = frozenset()
    code: str = ""


def shape_of(module: cst.Module, statement: cst.CSTNode, text: str) -> Shape:
    if isinstance(statement, KEPT_KINDS):
        kind = "def" if isinstance(statement, cst.FunctionDef) else "class"
        generator = (
            isinstance(statement, cst.FunctionDef)
            and statement.asynchronous is None
            and contains_yield(statement)
        )
        # A statement without the word holds no `global`: skip the walk.
        declared = _declared_global(statement) if "global" in text else frozenset()
        return Shape(kind, statement.name.value, generator, declared)
    return Shape("code", code=module.code_for_node(statement))


_GLOBAL = frozenset({cst.Global})


def _declared_global(statement: cst.CSTNode) -> frozenset[str]:
    found = (node for node in nodes_in(statement, _GLOBAL) if isinstance(node, cst.Global))
    return frozenset(item.name.value for node in found for item in node.names)


@dataclass
class _Kept:
    line: int  # the statement's first line (leading comments included) in its version
    findings: list[Finding]


class StatementFindings:
    """One document's kept findings, for its current version's statements only."""

    def __init__(self, newlines: Callable[[cst.Module, cst.CSTNode], int] | None = None) -> None:
        self._newlines = newlines or _count_newlines
        self._shapes: dict[cst.CSTNode, Shape] = {}
        self._kept: dict[cst.CSTNode, _Kept] = {}
        self.facts: Hashable = None
        self.walked = 0  # top-level statements the last lint walked, for tests and benchmarks
        self.kept = 0  # top-level statements whose findings it kept

    def shape(self, module: cst.Module, statement: cst.CSTNode, text: str) -> Shape:
        """What `statement` contributes to the module facts (worked out once per node)."""
        known = self._shapes.get(statement)
        if known is None:
            known = self._shapes[statement] = shape_of(module, statement, text)
        return known

    def to_walk(self, module: cst.Module, facts: Hashable) -> list[cst.BaseStatement]:
        """Start a lint of `module`: the top-level statements whose findings are not kept.

        Forgets the statements no longer in the module, and everything when the
        module facts changed.
        """
        current = set(module.body)
        self._shapes = {node: shape for node, shape in self._shapes.items() if node in current}
        if facts != self.facts:
            self._kept.clear()
            self.facts = facts
        else:
            self._kept = {node: kept for node, kept in self._kept.items() if node in current}
        fresh: list[cst.BaseStatement] = [s for s in module.body if s not in self._kept]
        self.walked, self.kept = len(fresh), len(module.body) - len(fresh)
        return fresh

    def first_lines(self, module: cst.Module) -> dict[cst.CSTNode, int]:
        """The line each top-level statement starts on (its leading comments included)."""
        line = 1 + len(module.header)
        starts: dict[cst.CSTNode, int] = {}
        for statement in module.body:
            starts[statement] = line
            line += self._newlines(module, statement)
        return starts

    def keep(
        self,
        walked: Iterable[cst.CSTNode],
        found: dict[cst.CSTNode, list[Finding]],
        starts: dict[cst.CSTNode, int],
    ) -> None:
        for statement in walked:
            if isinstance(statement, KEPT_KINDS):
                self._kept[statement] = _Kept(starts[statement], found.get(statement, []))

    def kept_findings(self, starts: dict[cst.CSTNode, int]) -> list[Finding]:
        """The kept findings, moved to where their statements are now."""
        out: list[Finding] = []
        for statement, kept in self._kept.items():
            shift = starts[statement] - kept.line
            if shift:
                kept.findings = [finding.moved_down(shift) for finding in kept.findings]
                kept.line = starts[statement]
            out.extend(kept.findings)
        return out

    def forget(self) -> None:
        self._kept.clear()
        self.facts = None


def _count_newlines(module: cst.Module, statement: cst.CSTNode) -> int:
    return module.code_for_node(statement).count("\n")


def statement_at(line: int, body: Sequence[cst.CSTNode], starts: dict[cst.CSTNode, int]) -> int:
    """The index in `body` of the top-level statement holding `line`."""
    low, high = 0, len(body) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if starts[body[middle]] <= line:
            low = middle
        else:
            high = middle - 1
    return low
