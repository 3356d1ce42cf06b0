"""What a rule sees of the file it is checking, and where its reports go."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import libcst as cst

from .syntax import BindingCache

if TYPE_CHECKING:
    from .reuse import Shape
    from .rule import FixBuilder, Rule


@dataclass
class Report:
    rule: Rule
    node: cst.CSTNode
    message: str
    fix: FixBuilder | None
    safe: bool
    # The node being visited when the report was made, and its ancestors (empty after
    # the walk): a fix's indentation, and the statement to locate the report in.
    ancestors: tuple[cst.CSTNode, ...]
    current: cst.CSTNode | None
    top: cst.CSTNode  # the top-level statement holding the node, to locate it cheaply
    related: tuple[tuple[cst.CSTNode, str], ...] = ()  # other places of the same pitfall


class FileContext:
    def __init__(self, path: str, text: str, module: cst.Module) -> None:
        self.path = path
        self.text = text
        self.module = module
        self.ancestors: list[cst.CSTNode] = []  # kept current by the walk
        self.current: cst.CSTNode | None = None  # the node whose hook is running
        self.reports: list[Report] = []
        # Scope bindings, computed once per scope and shared by every rule.
        self.bindings = BindingCache(module)
        # The top-level defs and classes that statement-local rules do not walk this
        # time (their findings are kept, see reuse.py), as the module facts see them:
        # what such a rule would have gathered from them for the module scope.
        self.unwalked: tuple[Shape, ...] = ()

    @property
    def parent(self) -> cst.CSTNode | None:
        """The parent of the node being visited or left."""
        return self.ancestors[-1] if self.ancestors else None

    def add(
        self,
        rule: Rule,
        node: cst.CSTNode,
        message: str,
        fix: FixBuilder | None,
        safe: bool,
        top: cst.CSTNode | None,
        related: tuple[tuple[cst.CSTNode, str], ...] = (),
    ) -> None:
        where = top or self.top()
        ancestors = tuple(self.ancestors)
        self.reports.append(
            Report(rule, node, message, fix, safe, ancestors, self.current, where, related)
        )

    def top(self) -> cst.CSTNode:
        """The top-level statement holding the node being visited or left.

        Reports made then (about that node or one below it) are located by
        generating only this statement. After the walk it is the module, which
        costs a whole-module pass: rules that report later pass `top=`.
        """
        if self.current is None:
            return self.module
        if len(self.ancestors) > 1:
            return self.ancestors[1]
        return self.current

    def indent_at(self, node: cst.CSTNode, ancestors: tuple[cst.CSTNode, ...]) -> list[str]:
        """Indentation tokens in force where `node` (one of `ancestors`, or below) is."""
        if node in ancestors:
            ancestors = ancestors[: ancestors.index(node)]
        return [
            self.module.default_indent if block.indent is None else block.indent
            for block in ancestors
            if isinstance(block, cst.IndentedBlock)
        ]
