"""One pass over a LibCST tree that feeds every enabled rule.

LibCST's own `CSTVisitor` rebuilds every node while it walks, which costs
almost as much as the parse. This walker only reads fields, in source order,
calls one hook per node type (the engine's: it runs the `visit_<Node>` /
`leave_<Node>` of every rule that has one), and skips the subtrees that
cannot hold a hooked node.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import libcst as cst

from .node_types import field_types, holders_of

Hook = Callable[[Any], None]

# Fields that only ever hold whitespace, comments or punctuation.
_SKIPPED_FIELDS = frozenset(
    {"lpar", "rpar", "leading_lines", "lines_after_decorators", "header", "footer"}
    | {"comma", "semicolon", "trailing_whitespace"}
)
_field_order: dict[type[cst.CSTNode], tuple[str, ...]] = {}


class _FieldOrderRecorder(cst.CSTVisitor):
    """Learns the order LibCST visits a node type's fields in (source order)."""

    def __init__(self, root: cst.CSTNode) -> None:
        self.root = root
        self.fields: list[str] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        return node is self.root

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        if node is self.root and attribute not in self.fields:
            self.fields.append(attribute)


def _fields_of(node: cst.CSTNode) -> tuple[str, ...]:
    kind = type(node)
    fields = _field_order.get(kind)
    if fields is None:
        recorder = _FieldOrderRecorder(node)
        node.visit(recorder)
        fields = tuple(
            name
            for name in recorder.fields
            if name not in _SKIPPED_FIELDS and not name.startswith("whitespace")
        )
        _field_order[kind] = fields
    return fields


# isinstance() against LibCST's abstract base classes is slow; remember per type.
_is_node: dict[type, bool] = {}


def _node_type(kind: type) -> bool:
    known = _is_node.get(kind)
    if known is None:
        known = _is_node[kind] = issubclass(kind, cst.CSTNode)
    return known


def children(node: cst.CSTNode) -> list[cst.CSTNode]:
    """The node's meaningful children, in source order."""
    out: list[cst.CSTNode] = []
    fields = _field_order.get(type(node))
    for name in _fields_of(node) if fields is None else fields:
        value = getattr(node, name)
        kind = type(value)
        if kind is list or kind is tuple:
            out.extend(
                [item for item in value if _is_node.get(type(item)) or _node_type(type(item))]
            )
        elif _is_node.get(kind) or _node_type(kind):
            out.append(value)
    return out


class Pruned:
    """The part of a tree that matters to someone looking for some node types:
    those types and the types that may hold one of them (see node_types.py)."""

    def __init__(self, wanted: frozenset[type[cst.CSTNode]]) -> None:
        self.useful = holders_of(wanted)
        # Per node type, the fields that may lead to a useful node, in source order.
        self.fields: dict[type[cst.CSTNode], tuple[str, ...]] = {}

    def learn(self, node: cst.CSTNode) -> tuple[str, ...]:
        """The fields of the node's type that may lead to a useful node (remembered)."""
        useful, types = self.useful, field_types(type(node))
        fields = self.fields[type(node)] = tuple(
            name for name in _fields_of(node) if not useful.isdisjoint(types.get(name, useful))
        )
        return fields

    def children(self, node: cst.CSTNode) -> list[cst.CSTNode]:
        """The node's children that are or may hold a wanted node, in source order."""
        useful = self.useful
        fields = self.fields.get(type(node))
        if fields is None:
            fields = self.learn(node)
        out: list[cst.CSTNode] = []
        for name in fields:
            value = getattr(node, name)
            if type(value) is tuple or type(value) is list:
                out.extend([item for item in value if type(item) in useful])
            elif type(value) in useful:
                out.append(value)
        return out


@functools.cache
def pruned(wanted: frozenset[type[cst.CSTNode]]) -> Pruned:
    """One `Pruned` per set of wanted types (they are few: one per set of rules)."""
    return Pruned(wanted)


class Walk:
    """Depth-first walk that keeps the chain of ancestors for the rules.

    It visits only nodes that are hooked or may hold a hooked node (see
    node_types.py): the rules see the same nodes, in the same order, with the
    same ancestors, as in a walk of every node.
    """

    def __init__(
        self,
        visits: Mapping[type[cst.CSTNode], Hook],
        leaves: Mapping[type[cst.CSTNode], Hook],
    ) -> None:
        self.visits = visits
        self.leaves = leaves
        self.ancestors: list[cst.CSTNode] = []
        self._pruned = pruned(frozenset(visits) | frozenset(leaves))

    def run(self, root: cst.CSTNode, above: Sequence[cst.CSTNode] = ()) -> None:
        """Walk `root`, whose own ancestors are `above` (the module, for one statement)."""
        visits, leaves, ancestors = self.visits, self.leaves, self.ancestors
        useful = self._pruned.useful
        fields_of = self._pruned.fields
        ancestors[:] = above
        if type(root) not in useful:
            return
        # Entries carry their depth: popping one cuts `ancestors` back to its
        # parent, so only nodes with leave hooks need a second stack entry.
        stack: list[tuple[cst.CSTNode, int, bool]] = [(root, len(above), False)]
        while stack:
            node, depth, leaving = stack.pop()
            del ancestors[depth:]
            kind = type(node)
            if leaving:
                leaves[kind](node)
                continue
            hook = visits.get(kind)
            if hook is not None:
                hook(node)
            if kind in leaves:
                stack.append((node, depth, True))
            # Pruned.children, inlined: this loop runs for every node of every file.
            fields = fields_of.get(kind)
            if fields is None:
                fields = self._pruned.learn(node)
            below: list[cst.CSTNode] = []
            for name in fields:
                value = getattr(node, name)
                if type(value) is tuple or type(value) is list:
                    below.extend([item for item in value if type(item) in useful])
                elif type(value) in useful:
                    below.append(value)
            if below:
                ancestors.append(node)
                depth += 1
                stack.extend([(child, depth, False) for child in reversed(below)])
