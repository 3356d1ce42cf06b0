"""One pass over a LibCST tree that feeds every enabled rule.

LibCST's own `CSTVisitor` rebuilds every node while it walks, which costs
almost as much as the parse. This walker only reads fields, in source order,
calls one hook per node type (the engine's: it runs the `visit_<Node>` /
`leave_<Node>` of every rule that has one), and skips the subtrees that
cannot hold a hooked node.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import libcst as cst

from .node_types import field_shapes, field_types, holders_of

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

    Each node type gets its own small function, generated once (`_walker_source`):
    it reads that type's fields by name and calls the children's functions
    directly, about twice as fast as one loop that looks every field up. The
    functions recurse, so below `_DEEP` ancestors (long chains of string
    concatenations, say) the walk goes on with an explicit stack instead.
    """

    def __init__(
        self,
        visits: Mapping[type[cst.CSTNode], Hook],
        leaves: Mapping[type[cst.CSTNode], Hook],
    ) -> None:
        self.visits = visits
        self.leaves = leaves
        self._plan = _plan_for(frozenset(visits), frozenset(leaves))
        self.ancestors = self._plan.ancestors

    def run(self, root: cst.CSTNode, above: Sequence[cst.CSTNode] = ()) -> None:
        """Walk `root`, whose own ancestors are `above` (the module, for one statement)."""
        plan = self._plan
        if plan.owner is not self:
            plan.bind(self)
        self.ancestors[:] = above
        walker = plan.walkers.get(type(root))
        if walker is not None:
            walker(root)

    def release(self) -> None:
        """Let go of this walk's hooks and ancestors: they hold the file's tree, which
        the reused plan would otherwise keep alive until the next file."""
        plan = self._plan
        if plan.owner is self:
            plan.unbind()
        self.ancestors.clear()


_DEEP = 150  # ancestors beyond which the walk stops recursing


class _Plan:
    """The generated functions for one set of hooked types, on one thread.

    Built once and reused for every file: the hooks of the Walk being run sit in
    one-item lists (`bind`) that the functions call through."""

    def __init__(
        self, visited: frozenset[type[cst.CSTNode]], left: frozenset[type[cst.CSTNode]]
    ) -> None:
        self.pruned = pruned(visited | left)
        self.ancestors: list[cst.CSTNode] = []
        self.owner: Walk | None = None
        self.visit_cells: dict[type[cst.CSTNode], list[Hook]] = {kind: [] for kind in visited}
        self.leave_cells: dict[type[cst.CSTNode], list[Hook]] = {kind: [] for kind in left}
        # Per useful node type, its function: at first a stand-in that builds it.
        self.walkers: dict[type[cst.CSTNode], Hook] = {
            kind: functools.partial(self._build, kind) for kind in self.pruned.useful
        }

    def bind(self, walk: Walk) -> None:
        for kind, cell in self.visit_cells.items():
            cell[:] = [walk.visits[kind]]
        for kind, cell in self.leave_cells.items():
            cell[:] = [walk.leaves[kind]]
        self.owner = walk

    def unbind(self) -> None:
        for cell in (*self.visit_cells.values(), *self.leave_cells.values()):
            cell.clear()
        self.owner = None

    def _build(self, kind: type[cst.CSTNode], node: cst.CSTNode) -> None:
        fields = self.pruned.fields.get(kind)
        if fields is None:
            fields = self.pruned.learn(node)
        make = _walker_factory(kind, fields, kind in self.visit_cells, kind in self.leave_cells)
        walker = self.walkers[kind] = make(
            self.walkers.get,
            self.ancestors,
            self.visit_cells.get(kind),
            self.leave_cells.get(kind),
            self._deep,
        )
        walker(node)

    def _deep(self, node: cst.CSTNode) -> None:
        """The children of `node` (the last ancestor), walked with an explicit stack."""
        owner = self.owner
        assert owner is not None
        ancestors = self.ancestors
        depth = len(ancestors)
        for child in self.pruned.children(node):
            _walk_with_stack(child, ancestors, owner.visits, owner.leaves, self.pruned)
            del ancestors[depth:]


_plans = threading.local()


def _plan_for(visited: frozenset[type[cst.CSTNode]], left: frozenset[type[cst.CSTNode]]) -> _Plan:
    """This thread's plan for these hooked types (threads must not share the cells)."""
    plans: dict[tuple[frozenset[type[cst.CSTNode]], frozenset[type[cst.CSTNode]]], _Plan]
    plans = _plans.__dict__.setdefault("by_types", {})
    plan = plans.get((visited, left))
    if plan is None:
        plan = plans[(visited, left)] = _Plan(visited, left)
    return plan


@functools.cache
def _walker_factory(
    kind: type[cst.CSTNode], fields: tuple[str, ...], visited: bool, left: bool
) -> Callable[..., Hook]:
    code = compile(_walker_source(kind, fields, visited, left), f"<walk {kind.__name__}>", "exec")
    namespace: dict[str, Any] = {"DEEP": _DEEP}
    exec(code, namespace)
    return namespace["make"]  # type: ignore[no-any-return]


def _walker_source(
    kind: type[cst.CSTNode], fields: tuple[str, ...], visited: bool, left: bool
) -> str:
    """The function for one node type: its visit hook, its useful fields in source
    order (each child through its own type's function), its leave hook."""
    shapes = field_shapes(kind)
    lines = ["def make(walker_of, ancestors, visit, leave, deep):"]
    lines.append("    push, pop = ancestors.append, ancestors.pop")
    lines.append("    def walk(node):")
    if visited:
        lines.append("        visit[0](node)")
    if fields:
        lines += [
            "        push(node)",
            "        if len(ancestors) > DEEP:",
            "            deep(node)",
        ]
        lines.append("        else:")
        for name in fields:
            shape = shapes.get(name)
            if shape is True:
                lines.append(f"            for child in node.{name}:")
                lines += _call_child("                ")
            elif shape is False:
                lines.append(f"            child = node.{name}")
                lines += _call_child("            ")
            else:
                lines.append(f"            value = node.{name}")
                lines.append("            if type(value) is tuple or type(value) is list:")
                lines.append("                for child in value:")
                lines += _call_child("                    ")
                lines.append("            else:")
                lines.append("                child = value")
                lines += _call_child("                ")
        lines.append("        pop()")
    if left:
        lines.append("        leave[0](node)")
    if not visited and not fields and not left:
        lines.append("        pass")
    lines.append("    return walk")
    return "\n".join(lines) + "\n"


def _call_child(indent: str) -> list[str]:
    return [
        f"{indent}walk_child = walker_of(type(child))",
        f"{indent}if walk_child is not None:",
        f"{indent}    walk_child(child)",
    ]


def _walk_with_stack(
    root: cst.CSTNode,
    ancestors: list[cst.CSTNode],
    visits: Mapping[type[cst.CSTNode], Hook],
    leaves: Mapping[type[cst.CSTNode], Hook],
    useful_tree: Pruned,
) -> None:
    """Walk `root` (a useful node) below `ancestors`, without recursion."""
    # Entries carry their depth: popping one cuts `ancestors` back to its
    # parent, so only nodes with leave hooks need a second stack entry.
    stack: list[tuple[cst.CSTNode, int, bool]] = [(root, len(ancestors), False)]
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
        below = useful_tree.children(node)
        if below:
            ancestors.append(node)
            depth += 1
            stack.extend([(child, depth, False) for child in reversed(below)])
