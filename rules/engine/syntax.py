"""Small questions about code that several rules ask."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import libcst as cst

from .walker import children, pruned

COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)
# Expressions that build a new list, dict or set: mutable, and unhashable.
MUTABLE_DISPLAYS = (cst.List, cst.Dict, cst.Set, cst.ListComp, cst.DictComp, cst.SetComp)
SCOPE_BOUNDARIES = (cst.FunctionDef, cst.Lambda, cst.ClassDef)


# The same, as sets of classes, for `type(node) in ...` in helpers that run for
# most nodes: a failed isinstance against a LibCST class is slow (it goes through
# ABCMeta), and LibCST's concrete node classes have no subclasses.
_COMPREHENSION_TYPES: frozenset[type[cst.CSTNode]] = frozenset(COMPREHENSIONS)
_SCOPE_TYPES: frozenset[type[cst.CSTNode]] = frozenset(SCOPE_BOUNDARIES)


def in_loop(ancestors: Sequence[cst.CSTNode], node: cst.CSTNode) -> bool:
    """Whether `node` runs once per iteration of a loop in its own function.

    Counts a for/while body, a while test, and every part of a comprehension
    except its first iterable (evaluated once). Stops at function boundaries.
    """
    child = node
    via_iter = False  # did the path reach the current CompFor through its iterable?
    for parent in reversed(ancestors):
        if type(parent) in _SCOPE_TYPES:
            return False
        if type(parent) is cst.For and child is parent.body:
            return True
        if type(parent) is cst.While and child in (parent.body, parent.test):
            return True
        if type(parent) in _COMPREHENSION_TYPES:
            outermost_iterable = child is getattr(parent, "for_in", None) and via_iter
            if not outermost_iterable:
                return True
        via_iter = type(parent) is cst.CompFor and child is parent.iter
        child = parent
    return False


_TARGETED = frozenset(
    {cst.AssignTarget, cst.AnnAssign, cst.AugAssign, cst.NamedExpr, cst.For, cst.CompFor}
)


def bound_names(node: cst.CSTNode) -> list[str]:
    """Names that this one node binds (not looking inside nested scopes)."""
    target: cst.CSTNode | None = None
    if type(node) in _TARGETED:
        target = node.target  # type: ignore[attr-defined]  # every _TARGETED class has one
    elif type(node) is cst.AsName:
        target = node.name
    elif type(node) is cst.ImportAlias:
        return [] if node.asname is not None else [node.evaluated_name.split(".")[0]]
    elif type(node) is cst.FunctionDef or type(node) is cst.ClassDef:
        return [node.name.value]
    return target_names(target)


def target_names(target: cst.CSTNode | None) -> list[str]:
    """The plain names an assignment target binds (through tuples, lists, stars)."""
    if type(target) is cst.Name:
        return [target.value]
    if type(target) is cst.Tuple or type(target) is cst.List:
        return [name for element in target.elements for name in target_names(element.value)]
    if type(target) is cst.StarredElement:
        return target_names(target.value)
    return []


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


# The node types `scope_bindings` looks at: only these bind a name.
_BINDERS = frozenset(
    {cst.FunctionDef, cst.ClassDef, cst.Lambda, cst.Assign, cst.AnnAssign, cst.NamedExpr}
    | {cst.AugAssign, cst.For, cst.AsName, cst.ImportAlias, cst.Del, cst.Global, cst.Nonlocal}
    | {cst.MatchAs, cst.MatchStar, cst.MatchMapping}
)
_PLAIN_BINDERS = frozenset({cst.AugAssign, cst.For, cst.AsName, cst.ImportAlias})


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
    # Only binders and what may hold one are visited; node classes are compared by
    # `type(...) is` since this runs on every statement (isinstance on LibCST's
    # abstract-base-class nodes is slow, and these classes have no subclasses).
    binders = pruned(_BINDERS)
    below = binders.children
    top = scope.body if isinstance(scope, (cst.FunctionDef, cst.ClassDef, cst.Lambda)) else scope
    stack = list(reversed(below(top)))
    while stack:
        node = stack.pop()
        if type(node) is cst.FunctionDef or type(node) is cst.ClassDef:
            add(node.name.value, Binding(node))
            continue
        if type(node) is cst.Lambda:
            continue
        if type(node) is cst.Assign:
            for target in node.targets:
                plain = type(target.target) is cst.Name
                for name in target_names(target.target):
                    add(name, Binding(node, node.value if plain else None))
        elif (type(node) is cst.AnnAssign or type(node) is cst.NamedExpr) and type(
            node.target
        ) is cst.Name:
            add(node.target.value, Binding(node, node.value))
        elif type(node) in _PLAIN_BINDERS:
            for name in bound_names(node):
                add(name, Binding(node))
        elif type(node) is cst.Del:
            for name in target_names(node.target):
                add(name, Binding(node))
        elif type(node) is cst.Global or type(node) is cst.Nonlocal:
            for item in node.names:
                add(item.name.value, Binding(node))
        elif (type(node) is cst.MatchAs or type(node) is cst.MatchStar) and node.name is not None:
            add(node.name.value, Binding(node))
        elif type(node) is cst.MatchMapping and node.rest is not None:
            add(node.rest.value, Binding(node))
        stack.extend(reversed(below(node)))
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


def contains_comment(*nodes: cst.CSTNode | cst.MaybeSentinel) -> bool:
    """Whether any of these (small) nodes holds a comment a fix would lose."""
    finder = _CommentFinder()
    for node in nodes:
        if isinstance(node, cst.CSTNode):
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


# --- Helpers for the catalogue rules, part two (scopes, references, files) ---------


class BindingCache:
    """`scope_bindings` computed once per scope, for rules that ask about many names.

    Keep one per rule instance (that is, per file): nodes compare by identity.
    """

    def __init__(self, module: cst.Module) -> None:
        self.module = module
        self._scopes: dict[cst.CSTNode, dict[str, list[Binding]]] = {}
        self.generators: dict[str, bool] = {}  # see is_generator_function

    def of(self, scope: cst.CSTNode) -> dict[str, list[Binding]]:
        found = self._scopes.get(scope)
        if found is None:
            found = self._scopes[scope] = scope_bindings(scope)
        return found

    def shadows(self, ancestors: Sequence[cst.CSTNode], name: str) -> bool:
        """Whether `name` used here means something other than the builtin."""
        return not self.is_builtin(ancestors, name)

    def is_builtin(self, ancestors: Sequence[cst.CSTNode], name: str) -> bool:
        """Whether `name` used here still means the builtin of that name.

        False when an enclosing function or lambda, the class whose body we are
        directly in, or the module binds it.
        """
        direct = True  # no function between here and the node yet
        for node in reversed(ancestors):
            counts = isinstance(node, (cst.FunctionDef, cst.Lambda)) or (
                direct and isinstance(node, cst.ClassDef)
            )
            if counts:
                direct = False
                if name in self.of(node):
                    return False
        return name not in self.of(self.module)


def walk_with_ancestors(
    root: cst.CSTNode,
) -> Iterator[tuple[cst.CSTNode, tuple[cst.CSTNode, ...]]]:
    """Every node under `root` (root first), in source order, with its ancestors.

    The ancestors run from `root` down to the node's parent. Meant for small
    subtrees a rule looks into around one finding, never for whole files.
    """
    stack: list[tuple[cst.CSTNode, tuple[cst.CSTNode, ...]]] = [(root, ())]
    while stack:
        node, above = stack.pop()
        yield node, above
        below = (*above, node)
        stack.extend((child, below) for child in reversed(children(node)))


def nodes_in(
    root: cst.CSTNode,
    kinds: frozenset[type[cst.CSTNode]],
    stop: frozenset[type[cst.CSTNode]] = frozenset(),
) -> Iterator[cst.CSTNode]:
    """Every node of `kinds` in `root` (root included), in source order, not looking
    inside nodes of `stop` (nested functions, say). Subtrees that cannot hold one
    are skipped, which makes it far cheaper than a `cst.CSTVisitor` (that one
    rebuilds every node it passes)."""
    below = pruned(kinds | stop).children
    stack = [root]
    while stack:
        node = stack.pop()
        kind = type(node)
        if kind in kinds:
            yield node
        if kind not in stop:
            stack.extend(reversed(below(node)))


def is_variable(name: cst.Name, parent: cst.CSTNode | None) -> bool:
    """Whether this `Name` stands for a variable, read or written.

    Not an attribute (`x.name`), a keyword (`f(name=1)`), nor the label of a
    def, class, parameter or import.
    """
    if isinstance(parent, cst.Attribute):
        return name is not parent.attr
    if isinstance(parent, cst.Arg):
        return name is not parent.keyword
    if isinstance(parent, cst.Param):
        return name is not parent.name
    if isinstance(parent, (cst.FunctionDef, cst.ClassDef, cst.ImportAlias)):
        return False
    return not isinstance(parent, (cst.MatchKeywordElement, cst.ImportFrom))


_YIELD: frozenset[type[cst.CSTNode]] = frozenset({cst.Yield})


def contains_yield(function: cst.FunctionDef) -> bool:
    """Whether the function body itself (not a nested scope) yields: a generator."""
    return any(nodes_in(function.body, _YIELD, _SCOPE_TYPES))


def is_generator_function(bindings: BindingCache, name: str) -> bool:
    """Whether `name` is a top-level plain `def` of the module that yields.

    Only a name bound once in the module counts, so a call by that name is
    certainly a call of that function (unless a local name hides it).
    """
    known = bindings.generators.get(name)
    if known is None:
        known = bindings.generators[name] = _is_generator_function(bindings, name)
    return known


def _is_generator_function(bindings: BindingCache, name: str) -> bool:
    for statement in bindings.module.body:
        if isinstance(statement, cst.FunctionDef) and statement.name.value == name:
            return (
                statement.asynchronous is None
                and contains_yield(statement)
                and len(bindings.of(bindings.module).get(name, ())) == 1
            )
    return False


def file_open_mode_index(
    call: cst.Call, ancestors: Sequence[cst.CSTNode], bindings: BindingCache
) -> int | None:
    """Where `mode` goes among the positional arguments, if `call` opens a file.

    1 for the builtin `open(file, mode, ...)` and `io.open`, 0 for
    `Path(...).open(mode, ...)`; None for anything else.
    """
    func = call.func
    if isinstance(func, cst.Name):
        return 1 if func.value == "open" and bindings.is_builtin(ancestors, "open") else None
    if not isinstance(func, cst.Attribute) or func.attr.value != "open":
        return None
    owner = func.value
    if isinstance(owner, cst.Name) and owner.value == "io":
        return 1
    if isinstance(owner, cst.Call):
        made = owner.func
        if (isinstance(made, cst.Name) and made.value == "Path") or (
            isinstance(made, cst.Attribute) and made.attr.value == "Path"
        ):
            return 0
    return None


def names_read(node: cst.CSTNode) -> set[str]:
    """Plain names `node` reads (`a.b` reads `a`)."""
    found: set[str] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Name):
            found.add(current.value)
        elif isinstance(current, cst.Attribute):
            stack.append(current.value)
            continue
        stack.extend(children(current))
    return found


def holds(node: cst.CSTNode, kinds: tuple[type[cst.CSTNode], ...]) -> bool:
    """Whether `node` or anything inside it is one of `kinds`."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, kinds):
            return True
        stack.extend(children(current))
    return False
