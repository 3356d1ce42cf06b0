"""`x in some_list` inside a loop: a linear scan on every iteration."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import libcst as cst

from .engine.context import FileContext
from .engine.rule import Invalid, Replacement, Rule
from .engine.syntax import MUTABLE_DISPLAYS, bound_names, dedupe_append_target, in_loop

LIST = "list"
OTHER = "other"


@dataclass
class _Scope:
    kind: type[cst.CSTNode]
    kinds: dict[str, set[str]] = field(default_factory=dict)  # name -> binding kinds
    # Tests of names whose kind is known only at scope exit, with their statement.
    waiting: list[tuple[cst.Comparison, str, cst.CSTNode]] = field(default_factory=list)

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
    )
    invalid = (
        Invalid(
            "for word in words:\n    if word in ['yes', 'y', 'ok']:\n        print(word)\n",
            fixed="for word in words:\n    if word in {'yes', 'y', 'ok'}:\n        print(word)\n",
        ),
        "def missing(items, wanted):\n    known = list(wanted)\n    for item in items:\n"
        "        if item not in known:\n            print(item)\n",
        "def common(a: list[int], b: list[int]):\n    return [x for x in a if x in b]\n",
        "queue = list(range(10))\nwhile 3 in queue:\n    queue.remove(3)\n",
    )
    fixable = "safe"
    needs_text = (" in ",)

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.scopes: list[_Scope] = [_Scope(cst.Module)]

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
        for comparison, name, top in scope.waiting:
            kinds = scope.kinds.get(name)
            if kinds is None:
                if outer:  # a free name: decide where it is bound
                    outer[-1].waiting.append((comparison, name, top))
            elif kinds == {LIST}:
                self.report(comparison, top=top)

    # Bindings.
    def visit_Assign(self, node: cst.Assign) -> None:
        kind = LIST if _is_list_value(node.value) else OTHER
        for target in node.targets:
            names = bound_names(target)
            for name in names:
                self.scopes[-1].bind(name, kind if isinstance(target.target, cst.Name) else OTHER)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if isinstance(node.target, cst.Name):
            listy = _is_list_type(node.annotation.annotation) and (
                node.value is None or _is_list_value(node.value)
            )
            self.scopes[-1].bind(node.target.value, LIST if listy else OTHER)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
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
        for container in tests:
            if isinstance(container, cst.List) and container.elements:
                if all(_is_hashable_literal(element.value) for element in container.elements):
                    self.report(node, fix=functools.partial(_as_set, container))
                elif not any(_is_unhashable(element.value) for element in container.elements):
                    self.report(node)
            elif isinstance(container, cst.Name):
                self.scopes[-1].waiting.append((node, container.value, self.context.top()))


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
