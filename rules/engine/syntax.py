"""Small questions about code that several rules ask."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import libcst as cst

from .walker import children

COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)
SCOPE_BOUNDARIES = (cst.FunctionDef, cst.Lambda, cst.ClassDef)


def in_loop(ancestors: Sequence[cst.CSTNode], node: cst.CSTNode) -> bool:
    """Whether `node` runs once per iteration of a loop in its own function.

    Counts a for/while body, a while test, and every part of a comprehension
    except its first iterable (evaluated once). Stops at function boundaries.
    """
    child = node
    via_iter = False  # did the path reach the current CompFor through its iterable?
    for parent in reversed(ancestors):
        if isinstance(parent, SCOPE_BOUNDARIES):
            return False
        if isinstance(parent, cst.For) and child is parent.body:
            return True
        if isinstance(parent, cst.While) and child in (parent.body, parent.test):
            return True
        if isinstance(parent, COMPREHENSIONS):
            outermost_iterable = child is getattr(parent, "for_in", None) and via_iter
            if not outermost_iterable:
                return True
        via_iter = isinstance(parent, cst.CompFor) and child is parent.iter
        child = parent
    return False


def binds(scope: cst.CSTNode, name: str) -> bool:
    """Whether `name` is bound directly in `scope` (a function or module).

    Parameters, assignments, for/with/except targets, imports, nested
    def/class names and walrus targets count; nested functions do not.
    """
    if isinstance(scope, (cst.FunctionDef, cst.Lambda)):
        params = scope.params
        every = [*params.posonly_params, *params.params, *params.kwonly_params]
        for star in (params.star_arg, params.star_kwarg):
            if isinstance(star, cst.Param):
                every.append(star)
        if any(param.name.value == name for param in every):
            return True
        if isinstance(scope, cst.Lambda):
            return False
    stack = list(children(scope.body)) if isinstance(scope, cst.FunctionDef) else [scope]
    while stack:
        node = stack.pop()
        if name in bound_names(node):
            return True
        if not isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            stack.extend(children(node))
    return False


def bound_names(node: cst.CSTNode) -> list[str]:
    """Names that this one node binds (not looking inside nested scopes)."""
    target: cst.CSTNode | None = None
    if isinstance(
        node, (cst.AssignTarget, cst.AnnAssign, cst.AugAssign, cst.NamedExpr, cst.For, cst.CompFor)
    ):
        target = node.target
    elif isinstance(node, cst.AsName):
        target = node.name
    elif isinstance(node, cst.ImportAlias):
        return [] if node.asname is not None else [node.evaluated_name.split(".")[0]]
    elif isinstance(node, (cst.FunctionDef, cst.ClassDef)):
        return [node.name.value]
    return _target_names(target)


def _target_names(target: cst.CSTNode | None) -> list[str]:
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [name for element in target.elements for name in _target_names(element.value)]
    if isinstance(target, cst.StarredElement):
        return _target_names(target.value)
    return []


def is_shadowed(ancestors: Sequence[cst.CSTNode], module: cst.Module, name: str) -> bool:
    """Whether `name` refers to something other than the builtin here."""
    scopes = [node for node in ancestors if isinstance(node, (cst.FunctionDef, cst.Lambda))]
    return any(binds(scope, name) for scope in scopes) or binds(module, name)


# --- Helpers for the catalogue rules (bindings, lists, comments) -------------

MUTATING_METHODS = frozenset(
    {"append", "extend", "insert", "remove", "pop", "clear", "sort", "reverse"}
    | {"update", "add", "discard", "setdefault", "popitem"}
    | {"difference_update", "intersection_update", "symmetric_difference_update"}
)


@dataclass(frozen=True)
class Binding:
    """One place that binds a name: the binding node, and the value if it is plain.

    `value` is set for `name = value`, `name: T = value` and `(name := value)`;
    for parameters, loops, imports, `global` and the rest it is None.
    """

    node: cst.CSTNode
    value: cst.BaseExpression | None = None


def enclosing_scope(ancestors: Sequence[cst.CSTNode], module: cst.Module) -> cst.CSTNode:
    """The function, class or module whose names a statement here binds."""
    for node in reversed(ancestors):
        if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
            return node
    return module


def scope_bindings(scope: cst.CSTNode) -> dict[str, list[Binding]]:
    """Every binding of every name made directly in `scope`, in source order.

    Nested functions and classes bind only their own name here; comprehension
    loop variables belong to the comprehension, but walrus targets do not.
    """
    found: dict[str, list[Binding]] = {}

    def add(name: str, binding: Binding) -> None:
        found.setdefault(name, []).append(binding)

    if isinstance(scope, (cst.FunctionDef, cst.Lambda)):
        params = scope.params
        for param in (*params.posonly_params, *params.params, *params.kwonly_params):
            add(param.name.value, Binding(param))
        for star in (params.star_arg, params.star_kwarg):
            if isinstance(star, cst.Param):
                add(star.name.value, Binding(star))
    if isinstance(scope, cst.Module):
        stack = list(reversed(children(scope)))
    else:
        stack = list(reversed(children(scope.body)))
    while stack:
        node = stack.pop()
        if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
            add(node.name.value, Binding(node))
            continue
        if isinstance(node, cst.Lambda):
            continue
        if isinstance(node, cst.Assign):
            for target in node.targets:
                plain = isinstance(target.target, cst.Name)
                for name in _target_names(target.target):
                    add(name, Binding(node, node.value if plain else None))
        elif isinstance(node, (cst.AnnAssign, cst.NamedExpr)) and isinstance(
            node.target, cst.Name
        ):
            add(node.target.value, Binding(node, node.value))
        elif isinstance(node, (cst.AugAssign, cst.For, cst.AsName, cst.ImportAlias)):
            for name in bound_names(node):
                add(name, Binding(node))
        elif isinstance(node, cst.Del):
            for name in _target_names(node.target):
                add(name, Binding(node))
        elif isinstance(node, (cst.Global, cst.Nonlocal)):
            for item in node.names:
                add(item.name.value, Binding(node))
        elif isinstance(node, (cst.MatchAs, cst.MatchStar)) and node.name is not None:
            add(node.name.value, Binding(node))
        elif isinstance(node, cst.MatchMapping) and node.rest is not None:
            add(node.rest.value, Binding(node))
        stack.extend(reversed(children(node)))
    return found


def is_list_display(value: cst.CSTNode | None) -> bool:
    """A list literal or list comprehension: certainly a new list."""
    return isinstance(value, (cst.List, cst.ListComp))


def is_list_valued(name: str, bindings: Sequence[Binding], list_call_ok: bool) -> bool:
    """Whether every binding of local `name` keeps it a fresh list made in this scope.

    Accepted: `name = [...]`, `name = list(...)` (when `list_call_ok`),
    `name = name + ...`/`... + name` and `name += ...`. Parameters, loops,
    `global` and anything else make the type unknown.
    """
    fresh = False
    for binding in bindings:
        node, value = binding.node, binding.value
        if isinstance(node, cst.AugAssign):
            if not isinstance(node.operator, (cst.AddAssign, cst.MultiplyAssign)):
                return False
            continue
        if not isinstance(node, (cst.Assign, cst.AnnAssign)) or value is None:
            return False
        if is_list_display(value) or (list_call_ok and is_call_to(value, "list")):
            fresh = True
        elif not (
            isinstance(value, cst.BinaryOperation)
            and isinstance(value.operator, cst.Add)
            and any(
                isinstance(side, cst.Name) and side.value == name
                for side in (value.left, value.right)
            )
        ):
            return False
    return fresh


def is_call_to(node: cst.CSTNode | None, name: str) -> bool:
    """`name(...)` with a plain name as the callee."""
    return (
        isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == name
    )


def same_code(first: cst.CSTNode, second: cst.CSTNode) -> bool:
    """Whether two nodes are the same code, spaces included."""
    return first.deep_equals(second)


class _CommentFinder(cst.CSTVisitor):
    def __init__(self) -> None:
        self.found = False

    def visit_Comment(self, node: cst.Comment) -> bool:
        self.found = True
        return False


def contains_comment(*nodes: cst.CSTNode) -> bool:
    """Whether any of these (small) nodes holds a comment a fix would lose."""
    finder = _CommentFinder()
    for node in nodes:
        node.visit(finder)
    return finder.found


def dedupe_append_target(node: cst.If) -> cst.Name | None:
    """`if item not in seen: seen.append(item)`: the list collecting unique items.

    The `if` has no `else`, tests `not in` on a plain name, and its body
    appends exactly the tested expression to that name.
    """
    test = node.test
    if node.orelse is not None or not isinstance(test, cst.Comparison):
        return None
    if len(test.comparisons) != 1 or not isinstance(test.comparisons[0].operator, cst.NotIn):
        return None
    seen = test.comparisons[0].comparator
    if not isinstance(seen, cst.Name):
        return None
    body = node.body
    statements = body.body if isinstance(body, cst.IndentedBlock) else [body]
    for statement in statements:
        if not isinstance(statement, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
            continue
        for small in statement.body:
            call = small.value if isinstance(small, cst.Expr) else None
            if (
                isinstance(call, cst.Call)
                and isinstance(call.func, cst.Attribute)
                and call.func.attr.value == "append"
                and isinstance(call.func.value, cst.Name)
                and call.func.value.value == seen.value
                and len(call.args) == 1
                and not call.args[0].star
                and call.args[0].keyword is None
                and same_code(call.args[0].value, test.left)
            ):
                return seen
    return None
