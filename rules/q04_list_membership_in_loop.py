"""`x in some_list` inside a loop: a linear scan on every iteration."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field

import libcst as cst

from .engine.context import FileContext
from .engine.rule import Invalid, Replacement, Rule
from .engine.syntax import (
    MUTABLE_DISPLAYS,
    SCOPE_BOUNDARIES,
    bound_names,
    dedupe_append_target,
    in_loop,
    names_read,
)

LIST = "list"
OTHER = "other"


@dataclass
class _Scope:
    kind: type[cst.CSTNode]
    kinds: dict[str, set[str]] = field(default_factory=dict)  # name -> binding kinds
    # Tests of names whose kind is known only at scope exit: the comparison, the
    # name, its statement and the innermost for/while around the test.
    waiting: list[tuple[cst.Comparison, str, cst.CSTNode, int | None]] = field(default_factory=list)
    # Where each name's list is built: the innermost for/while around it (None: no loop).
    built_in: dict[str, set[int | None]] = field(default_factory=dict)
    # Names a set cannot replace: updated by position, or holding unhashable items.
    no_set: set[str] = field(default_factory=set)
    # Names bound to a short list display, and names whose list grows.
    short: set[str] = field(default_factory=set)
    long: set[str] = field(default_factory=set)
    grown: set[str] = field(default_factory=set)

    def bind(self, name: str, kind: str) -> None:
        self.kinds.setdefault(name, set()).add(kind)


class ListMembershipInLoop(Rule):
    code = "TUT041"
    name = "list-membership-in-loop"
    question = 4
    message = "membership test on a list inside a loop scans the list each time; use a set"
    explanation = (
        "`x in a_list` compares `x` with the elements one by one, so it takes time "
        "proportional to the list's length. Inside a loop that turns into quadratic "
        "work: 10,000 items checked against 10,000 seen items is 100 million "
        "comparisons. A `set` (or the keys of a `dict`) finds an element by its hash "
        "in roughly constant time. Build the set once, before the loop."
    )
    flagged = (
        "words = ['tea', 'cake', 'tea', 'pie', 'cake']\n"
        "seen = []\n"
        "for word in words:\n"
        "    if word in seen:\n"
        "        print('again:', word)\n"
        "    else:\n"
        "        seen.append(word)\n"
    )
    better = (
        "words = ['tea', 'cake', 'tea', 'pie', 'cake']\n"
        "seen = set()\n"
        "for word in words:\n"
        "    if word in seen:\n"
        "        print('again:', word)\n"
        "    else:\n"
        "        seen.add(word)\n"
    )
    fine_when = (
        "With a handful of items the scan is as fast as hashing, and a list keeps an "
        "order you may need; it only matters when both the loop and the list can grow."
    )
    references = (
        "https://docs.python.org/3/reference/expressions.html#membership-test-operations",
        "https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset",
    )
    card = (
        ("Why can `if x in things:` inside a loop make a program quadratic, and what is the fix?"),
        (
            "On a list, `in` compares `x` with each element in turn, so it costs time "
            "proportional to the list's length; done once per loop pass over a growing "
            "list, the total grows with the square. A set or dict finds `x` by its hash in "
            "about constant time. Build the set once, before the loop (the items must be "
            "hashable)."
        ),
    )
    valid = (
        "seen = set()\nfor item in items:\n    if item not in seen:\n        seen.add(item)\n",
        "allowed = ['a', 'b']\nif choice in allowed:\n    print('ok')\n",
        "def f(names, items):\n    for item in items:\n        if item in names:\n"
        "            print(item)\n",
        "seen = []\nseen = set(seen)\nfor item in items:\n    if item in seen:\n        pass\n",
        "for word in words:\n    if 'x' in word:\n        print(word)\n",
        # Taught by dedupe-with-list instead.
        "out = []\nfor item in items:\n    if item not in out:\n        out.append(item)\n",
        # A short constant list is one tuple constant: a few comparisons, not quadratic.
        "for word in words:\n    if word in ['yes', 'y', 'ok']:\n        print(word)\n",
        # Updated by position: a set cannot replace it.
        "sizes = [None, 2, None]\ni = 0\nwhile None in sizes:\n    sizes[i] = 0\n    i += 1\n",
        # A short list that never grows: a few comparisons.
        "pickup = [a, b, c]\nwhile label in pickup:\n    label -= 1\n",
        # Rebuilt on every iteration and tested once.
        "for group in groups:\n    names = [p.name for p in group]\n    if 'x' in names:\n"
        "        print(group)\n",
        # The items are lists: a set of them raises TypeError.
        "pairs = [[1, 2], [3, 4]]\nfor pair in candidates:\n    if pair in pairs:\n"
        "        print(pair)\n",
        "seen = set()\nseen_list = []\nfor item in items:\n    try:\n        seen.add(item)\n"
        "    except TypeError:\n        if item not in seen_list:\n"
        "            print(item)\n",
    )
    invalid = (
        Invalid(
            "for word in words:\n    if word in ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']:\n"
            "        print(word)\n",
            fixed="for word in words:\n    if word in {'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'}:\n"
            "        print(word)\n",
            unsafe_fixes=True,
        ),
        "def missing(items, wanted):\n    known = list(wanted)\n    for item in items:\n"
        "        if item not in known:\n            print(item)\n",
        "def common(a: list[int], b: list[int]):\n    return [x for x in a if x in b]\n",
        "queue = list(range(10))\nwhile 3 in queue:\n    queue.remove(3)\n",
    )
    fixable = "safe"
    needs_text = (" in ",)
    reach = "statement"

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.scopes: list[_Scope] = [_Scope(cst.Module)]
        # What the defs and classes the engine does not walk this time bind in the module.
        for shape in context.unwalked:
            self.scopes[0].bind(shape.name, OTHER)
            for name in shape.declared_global:
                self.scopes[0].bind(name, OTHER)

    # Scopes: functions and classes open one; names resolve at scope exit.
    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.scopes[-1].bind(node.name.value, OTHER)
        self._open(node)

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self._open(node)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.scopes[-1].bind(node.name.value, OTHER)
        self.scopes.append(_Scope(cst.ClassDef))

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._close()

    def leave_Lambda(self, node: cst.Lambda) -> None:
        self._close()

    def leave_ClassDef(self, node: cst.ClassDef) -> None:
        self._close()

    def finish(self) -> None:
        while self.scopes:
            self._close()

    def _open(self, node: cst.FunctionDef | cst.Lambda) -> None:
        scope = _Scope(type(node))
        params = node.params
        for param in (*params.posonly_params, *params.params, *params.kwonly_params):
            annotated = param.annotation is not None and _is_list_type(param.annotation.annotation)
            scope.bind(param.name.value, LIST if annotated else OTHER)
        for star in (params.star_arg, params.star_kwarg):
            if isinstance(star, cst.Param):
                scope.bind(star.name.value, OTHER)
        self.scopes.append(scope)

    def _close(self) -> None:
        scope = self.scopes.pop()
        outer = [s for s in self.scopes if s.kind is not cst.ClassDef]
        # One finding per name and top-level statement (a module-level list tested in
        # two functions: one finding in each).
        flagged: dict[tuple[str, cst.CSTNode], tuple[cst.Comparison, list[cst.Comparison]]] = {}
        for comparison, name, top, loop in scope.waiting:
            kinds = scope.kinds.get(name)
            if kinds is None:
                if outer:  # a free name: decide where it is bound
                    outer[-1].waiting.append((comparison, name, top, loop))
                continue
            if kinds != {LIST} or name in scope.no_set:
                continue
            if loop is not None and loop in scope.built_in.get(name, set()):
                continue  # rebuilt on every iteration: a set would cost as much to build
            if name in scope.short and name not in scope.long and name not in scope.grown:
                continue  # a few fixed items: a few comparisons, nothing quadratic
            if (name, top) in flagged:
                flagged[name, top][1].append(comparison)
            else:
                flagged[name, top] = (comparison, [])
        for (name, top), (comparison, others) in flagged.items():
            self.report(
                comparison,
                f"`{name}` is a list tested for membership in a loop, scanned item by item "
                "each time: if its items are hashable, keep them in a set",
                top=top,
                related=[(other, f"`{name}` is scanned here too") for other in others],
            )

    # Bindings.
    def visit_Assign(self, node: cst.Assign) -> None:
        kind = LIST if _is_list_value(node.value) else OTHER
        for target in node.targets:
            names = bound_names(target)
            for name in names:
                self.scopes[-1].bind(name, kind if isinstance(target.target, cst.Name) else OTHER)
            if kind == LIST and isinstance(target.target, cst.Name):
                self._built(target.target.value, node.value)

    def _built(self, name: str, value: cst.BaseExpression | None) -> None:
        scope = self.scopes[-1]
        scope.built_in.setdefault(name, set()).add(_innermost_loop(self.context.ancestors))
        if value is not None and _holds_unhashable(value):
            scope.no_set.add(name)
        if isinstance(value, cst.List) and len(value.elements) < LONG_LITERAL:
            scope.short.add(name)
        else:
            scope.long.add(name)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if (
            isinstance(func, cst.Attribute)
            and isinstance(func.value, cst.Name)
            and func.attr.value in GROWERS
        ):
            self.scopes[-1].grown.add(func.value.value)

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._positional(node.target)

    def _positional(self, target: cst.BaseExpression) -> None:
        """`sizes[i] = ...`: the list is updated by position, which a set cannot do."""
        if isinstance(target, cst.Subscript) and isinstance(target.value, cst.Name):
            self.scopes[-1].no_set.add(target.value.value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._positional(element.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if isinstance(node.target, cst.Name):
            listy = _is_list_type(node.annotation.annotation) and (
                node.value is None or _is_list_value(node.value)
            )
            self.scopes[-1].bind(node.target.value, LIST if listy else OTHER)
            if listy:
                self._built(node.target.value, node.value)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._positional(node.target)
        if isinstance(node.target, cst.Name):
            self.scopes[-1].grown.add(node.target.value)
        if not isinstance(node.operator, cst.AddAssign):
            self._bind_other(node)

    def visit_For(self, node: cst.For) -> None:
        self._bind_other(node)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._bind_other(node)

    def visit_AsName(self, node: cst.AsName) -> None:
        self._bind_other(node)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._bind_other(node)

    def visit_ImportAlias(self, node: cst.ImportAlias) -> None:
        self._bind_other(node)

    def visit_Global(self, node: cst.Global) -> None:
        for item in node.names:
            self.scopes[-1].bind(item.name.value, OTHER)
            self.scopes[0].bind(item.name.value, OTHER)

    def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
        for item in node.names:
            self.scopes[-1].bind(item.name.value, OTHER)

    def visit_Del(self, node: cst.Del) -> None:
        for name in _names_in(node.target):
            self.scopes[-1].bind(name, OTHER)

    def _bind_other(self, node: cst.CSTNode) -> None:
        for name in bound_names(node):
            self.scopes[-1].bind(name, OTHER)

    # The membership tests themselves.
    def visit_Comparison(self, node: cst.Comparison) -> None:
        tests = [
            target.comparator
            for target in node.comparisons
            if isinstance(target.operator, (cst.In, cst.NotIn))
        ]
        if not tests or not in_loop(self.context.ancestors, node):
            return
        parent = self.context.parent
        if isinstance(parent, cst.If) and parent.test is node and dedupe_append_target(parent):
            return  # dedupe-with-list gives the better advice here
        if unhashable_fallback(self.context.ancestors):
            return  # the list is there because the items may be unhashable
        for container in tests:
            if isinstance(container, cst.List):
                self._literal(node, container)
            elif isinstance(container, cst.Name):
                loop = _innermost_loop(self.context.ancestors)
                self.scopes[-1].waiting.append((node, container.value, self.context.top(), loop))

    def _literal(self, node: cst.Comparison, container: cst.List) -> None:
        """`x in [...]`: CPython makes a constant list a tuple once, so only a long
        one is worth a set, and then only if the tested value is hashable."""
        elements = container.elements
        if len(elements) < LONG_LITERAL:
            return
        if all(_is_hashable_literal(element.value) for element in elements):
            self.report(
                node,
                f"`in` on a list of {len(elements)} constants compares them one by one: a set "
                "literal finds the value by its hash (the tested value must be hashable)",
                fix=functools.partial(_as_set, container),
                safe=False,  # a list or dict tested against a set raises TypeError
            )


# Constant lists shorter than this cost a few comparisons: not worth a finding.
LONG_LITERAL = 8
GROWERS = frozenset({"append", "extend", "insert"})


def _innermost_loop(ancestors: Sequence[cst.CSTNode]) -> int | None:
    """The id of the innermost for/while whose body holds the current node, in its function."""
    for parent in reversed(ancestors):
        if isinstance(parent, SCOPE_BOUNDARIES):
            return None
        if isinstance(parent, (cst.For, cst.While)):
            return id(parent)
    return None


def unhashable_fallback(ancestors: Sequence[cst.CSTNode]) -> bool:
    """Inside `except TypeError:` or a branch of `if isinstance(x, Hashable)`,
    a list is the fallback for unhashable items."""
    for parent in reversed(ancestors):
        if isinstance(parent, SCOPE_BOUNDARIES):
            return False
        if isinstance(parent, cst.If) and "Hashable" in names_read(parent.test):
            return True
        if isinstance(parent, cst.ExceptHandler) and parent.type is not None:
            caught = parent.type
            names = caught.elements if isinstance(caught, cst.Tuple) else ()
            kinds = [e.value for e in names] if names else [caught]
            if any(isinstance(k, cst.Name) and k.value == "TypeError" for k in kinds):
                return True
    return False


def _holds_unhashable(value: cst.BaseExpression) -> bool:
    """A list display or comprehension whose items are lists, dicts or sets."""
    if isinstance(value, cst.List):
        return any(_is_unhashable(element.value) for element in value.elements)
    if isinstance(value, cst.ListComp):
        return _is_unhashable(value.elt)
    return False


def _is_list_value(value: cst.BaseExpression) -> bool:
    if isinstance(value, (cst.List, cst.ListComp)):
        return True
    return (
        isinstance(value, cst.Call)
        and isinstance(value.func, cst.Name)
        and value.func.value == "list"
    )


def _is_list_type(annotation: cst.BaseExpression) -> bool:
    if isinstance(annotation, cst.Subscript):
        annotation = annotation.value
    if isinstance(annotation, cst.Attribute):
        return annotation.attr.value == "List"
    return isinstance(annotation, cst.Name) and annotation.value in {"list", "List"}


def _names_in(target: cst.CSTNode) -> list[str]:
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [name for element in target.elements for name in _names_in(element.value)]
    return []


def _is_hashable_literal(value: cst.BaseExpression) -> bool:
    if isinstance(value, (cst.Integer, cst.Float, cst.Imaginary, cst.SimpleString)):
        return True
    if isinstance(value, (cst.ConcatenatedString, cst.FormattedString)):
        return True
    if isinstance(value, cst.Name):
        return value.value in {"None", "True", "False"}
    if isinstance(value, cst.UnaryOperation):
        return isinstance(value.expression, (cst.Integer, cst.Float, cst.Imaginary))
    if isinstance(value, cst.Tuple):
        return all(_is_hashable_literal(element.value) for element in value.elements)
    return False


def _is_unhashable(value: cst.BaseExpression) -> bool:
    return isinstance(value, MUTABLE_DISPLAYS)


def _as_set(container: cst.List) -> Replacement:
    return Replacement(
        container,
        cst.Set(
            elements=container.elements,
            lbrace=cst.LeftCurlyBrace(whitespace_after=container.lbracket.whitespace_after),
            rbrace=cst.RightCurlyBrace(whitespace_before=container.rbracket.whitespace_before),
            lpar=container.lpar,
            rpar=container.rpar,
        ),
    )
