"""Assigning to `list`, `id`, `sum`, ...: the builtin is gone for the rest of the scope."""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from .engine.context import FileContext
from .engine.rule import Rule

# Builtins people call every day, whose loss breaks later code in the same scope.
# (`dir`, `object`, `vars` and `format` are left out: mostly data names, rarely called.)
SHADOWED = frozenset(
    {"list", "dict", "set", "tuple", "str", "int", "float", "bool", "bytes", "frozenset"}
    | {"id", "type", "input", "print", "open", "len", "sum", "max", "min", "abs", "round"}
    | {"sorted", "reversed", "enumerate", "range", "zip", "map", "filter", "iter", "next"}
    | {"any", "all", "hash", "repr", "chr", "ord", "isinstance", "getattr", "setattr"}
    | {"hasattr", "callable", "super", "slice"}
)


_SCOPES = (cst.FunctionDef, cst.ClassDef, cst.Lambda)


class ShadowedBuiltin(Rule):
    code = "TUT033"
    name = "shadowed-builtin"
    question = 3
    message = "this name hides a builtin for the rest of the scope"
    explanation = (
        "Python looks a name up Local, then Enclosing, then Global, then Built-in (LEGB). "
        "Assign to `list`, `id`, `sum` or `max` and your variable wins for the rest of "
        "that scope: a later `list(...)` calls your object instead and fails with a "
        "confusing `TypeError: 'list' object is not callable`. Choose a name that says "
        "what the value is (`names`, `user_id`, `total`, `largest`)."
    )
    flagged = "list = [3, 1, 2]\nprint(sorted(list))\nprint(list((4, 5)))\n"
    better = "numbers = [3, 1, 2]\nprint(sorted(numbers))\nprint(list((4, 5)))\n"
    fine_when = (
        "Inside a tiny function where the builtin is never needed, a parameter named "
        "`id` or `type` that mirrors an external schema can be clearer than a contorted "
        "name; a trailing underscore (`id_`, `type_`) is the usual compromise."
    )
    references = (
        "https://docs.python.org/3/library/builtins.html",
        "https://docs.python.org/3/reference/executionmodel.html#resolution-of-names",
    )
    card = (
        (
            "In which order does Python look up a bare name, and what goes wrong when you "
            "call a variable `list`?"
        ),
        (
            "Local, then enclosing functions, then the module's globals, then builtins "
            "(LEGB): the first hit wins. A variable called `list`, `max` or `id` therefore "
            "hides the builtin for the rest of that scope, and a later `list(...)` calls "
            "your object: TypeError, 'list' object is not callable, far from the line that "
            "caused it."
        ),
    )
    valid = (
        "names = list(source)\ntotal = sum(numbers)\n",
        "class User:\n    id = 0\n    type = 'admin'\n",
        # Near miss: parameters and attributes named like builtins are fine.
        "def make(type=None, id=0):\n    obj.list = []\n    return type, id\n",
        "from mylib import open\n\ndef input_values(form):\n    return form.input\n",
        "open = TarFile.open  # the module's public `open`\n",
        "def lower(type):\n    type = type.lower()\n    return type\n",
    )
    invalid = (
        "list = [1, 2, 3]\nprint(list(range(3)))\n",
        "def biggest(rows):\n    max = 0\n    for row in rows:\n        max = row if row > max else max\n"
        "    return max\n",
        "for id in ids:\n    print(id)\n",
        "def parse(text):\n    (type, sep, rest) = text.partition(':')\n    return type\n",
        "if (sum := compute()) > 3:\n    print(sum)\n",
    )
    needs_text = tuple(SHADOWED)
    reach = "statement"

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.reported: set[tuple[cst.CSTNode | None, str]] = set()

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        if not any(name.value in SHADOWED for name in _target_names(node.target)):
            return  # most assignments: nothing to check, so skip the look at the ancestors
        parent = self.context.parent
        if (
            isinstance(parent, cst.Assign)
            and isinstance(parent.value, (cst.Name, cst.Attribute))
            and not any(isinstance(n, _SCOPES) for n in self.context.ancestors)
        ):
            return  # `open = TarFile.open` at module level: a deliberate public name
        self._check(node.target)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._check(node.target)

    def visit_For(self, node: cst.For) -> None:
        self._check(node.target)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._check(node.target)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._check(node.asname.name)

    def _check(self, target: cst.BaseExpression) -> None:
        hits = [name for name in _target_names(target) if name.value in SHADOWED]
        if not hits:
            return
        scope = _scope(self.context.ancestors)
        if isinstance(scope, cst.ClassDef):
            return  # a class attribute, reached as `obj.id`, hides nothing
        if isinstance(scope, (cst.FunctionDef, cst.Lambda)):
            already = _parameter_names(scope)
        else:
            already = set()
        for name in hits:
            key = (scope, name.value)
            if name.value in already or key in self.reported:
                continue  # a parameter already hides it, or this scope was told once
            self.reported.add(key)
            self.report(
                name,
                f"`{name.value}` hides the builtin `{name.value}()` for the rest of this "
                "scope; pick a name that says what the value is",
            )


def _scope(ancestors: Sequence[cst.CSTNode]) -> cst.CSTNode | None:
    """The innermost function, lambda or class around here (None: module level)."""
    for node in reversed(ancestors):
        if isinstance(node, _SCOPES):
            return node
    return None


def _parameter_names(function: cst.FunctionDef | cst.Lambda) -> set[str]:
    params = function.params
    every = [*params.posonly_params, *params.params, *params.kwonly_params]
    every += [star for star in (params.star_arg, params.star_kwarg) if isinstance(star, cst.Param)]
    return {param.name.value for param in every}


def _target_names(target: cst.BaseExpression) -> list[cst.Name]:
    if isinstance(target, cst.Name):
        return [target]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [name for element in target.elements for name in _target_names(element.value)]
    if isinstance(target, cst.StarredElement):
        return _target_names(target.value)
    return []
