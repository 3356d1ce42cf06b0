"""`name = lambda ...`: a def in disguise, without the name tracebacks show."""

from __future__ import annotations

import ast
from collections.abc import Sequence

import libcst as cst

from .engine.rule import Invalid, Replacement, Rule
from .engine.syntax import enclosing_scope
from .q09_lambda_only_forwards import forwards


class LambdaAssignedToName(Rule):
    code = "TUT091"
    name = "lambda-assigned-to-name"
    question = 9
    message = "a lambda bound to a name: write a `def`, so the function gets that name"
    explanation = (
        "A lambda is an anonymous function meant to be used on the spot, such as a "
        "`key=` argument. Once you give it a name with `=`, you have written a function "
        "the long way round: it is still called `<lambda>` in tracebacks, profiles and "
        "`repr`, it cannot hold a docstring or statements, and readers have to look twice. "
        "A `def` with the same name and a `return` does the same job and reads as what it is."
    )
    flagged = "area = lambda width, height: width * height\nprint(area(3, 4), area.__name__)\n"
    better = (
        "def area(width, height):\n"
        "    return width * height\n"
        "\n"
        "\n"
        "print(area(3, 4), area.__name__)\n"
    )
    fine_when = (
        "Rarely: a table of small functions built in one expression, such as a dict of "
        "operators, where each lambda is never called by the name it is stored under."
    )
    references = (
        "https://peps.python.org/pep-0008/#programming-recommendations",
        "https://docs.python.org/3/reference/expressions.html#lambda",
    )
    card = (
        "What is a lambda good for, and why not write `double = lambda x: 2 * x`?",
        (
            "A lambda is a one-expression function for use on the spot, typically a `key=` "
            "for sorting or a small callback. Bound to a name it is a function written the "
            "long way round: `__name__` is '<lambda>' in tracebacks and profiles, and it "
            "cannot hold a docstring or statements. `def double(x): return 2 * x` is the "
            "same function, named."
        ),
    )
    valid = (
        "people.sort(key=lambda person: person.age)\n",
        "handlers = {'add': lambda a, b: a + b}  # a table of small functions\n",
        "class Button:\n    def __init__(self):\n        self.on_click = lambda event: None\n",
        "from dataclasses import dataclass, field\nfrom typing import Callable\n\n@dataclass\n"
        "class Job:\n    run: Callable[[], int] = lambda: 0\n",
        "def square(x):\n    return x * x\n",
        # Forwarding only: lambda-only-forwards says `ordering = int`, the better fix.
        "ordering = lambda x: int(x)\n",
        # One of several callables picked for the name.
        "def pick(which):\n    if which is None:\n        match = lambda item: True\n"
        "    else:\n        match = which\n    return match\n",
        "def run(key=None):\n    if key is None:\n        key = lambda v: v is None\n    return key\n",
    )
    invalid = (
        Invalid(
            "square = lambda x: x * x\n",
            fixed="def square(x):\n    return x * x\n",
            unsafe_fixes=True,
        ),
        Invalid(
            "def oldest(people):\n    by_age = lambda p: p.age  # years\n"
            "    return max(people, key=by_age)\n",
            fixed="def oldest(people):\n    def by_age(p):  # years\n        return p.age\n"
            "    return max(people, key=by_age)\n",
            unsafe_fixes=True,
        ),
        Invalid(
            "describe = (lambda name, *rest:\n            f'{name} and {len(rest)} more')\n",
            fixed="def describe(name, *rest):\n    return f'{name} and {len(rest)} more'\n",
            unsafe_fixes=True,
        ),
        Invalid(  # PEP 8: two blank lines before a top-level def, comments kept above it
            "import math\n# the area of a circle\narea = lambda r: math.pi * r * r\n",
            fixed="import math\n\n\n# the area of a circle\ndef area(r):\n    return math.pi * r * r\n",
            unsafe_fixes=True,
        ),
        Invalid(
            "add = lambda a, b: (a +\n                  b)\n",
            fixed="def add(a, b):\n    return (a +\n                      b)\n",
            unsafe_fixes=True,
        ),
        "class Money:\n    __lt__ = lambda self, other: self.cents < other.cents\n",
        "x = 1; double = lambda n: 2 * n\n",
        "class Box:\n    size = lambda self: len(self)\n",
    )
    fixable = "unsafe"
    needs_text = ("lambda",)
    reach = "statement"

    def visit_Assign(self, node: cst.Assign) -> None:
        value = node.value
        if not isinstance(value, cst.Lambda) or len(node.targets) != 1:
            return
        target = node.targets[0].target
        if not isinstance(target, cst.Name):
            return
        scope = enclosing_scope(self.context.ancestors, self.context.module)
        in_class = isinstance(scope, cst.ClassDef)  # there the lambda becomes a method
        if (
            not in_class
            and isinstance(value.body, cst.Call)
            and forwards(value.params, value.body.args)
        ):
            return  # lambda-only-forwards has the more specific advice: `name = func`
        bindings = self.context.bindings.of(scope).get(target.value, [])
        if len(bindings) > 1:
            return  # one of several callables chosen for the name (or a parameter's default)
        line = self.context.parent
        if isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1:
            # Unsafe: the function's __name__ changes from '<lambda>'.
            body = self.context.module.body
            # PEP 8: two blank lines before a top-level def (unless it opens the file).
            blank = 2 if any(s is line for s in body[1:]) else 0
            self.report(node, fix=lambda: _as_def(line, target, value, blank), safe=False)
        else:
            self.report(node)


def _as_def(
    line: cst.SimpleStatementLine, name: cst.Name, function: cst.Lambda, blank: int = 0
) -> Replacement:
    """`f = lambda x: body` becomes `def f(x):` + `return body`, comments kept.

    `blank` is the least number of blank lines wanted before it.
    """
    body = function.body
    if _breaks_outside_brackets(cst.Module(body=[]).code_for_node(body)):
        # Only the parentheses around the lambda let its body span lines: keep some.
        body = body.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    new = cst.FunctionDef(
        name=name.with_changes(lpar=[], rpar=[]),
        params=_without_space_before_colon(function.params),
        body=cst.IndentedBlock(
            body=[cst.SimpleStatementLine(body=[cst.Return(value=body)])],
            header=line.trailing_whitespace,
        ),
        leading_lines=_with_blank_lines(line.leading_lines, blank),
    )
    return Replacement(line, new)


def _with_blank_lines(lines: Sequence[cst.EmptyLine], wanted: int) -> Sequence[cst.EmptyLine]:
    """At least `wanted` blank lines before the comments that lead the statement."""
    have = 0
    for empty in lines:
        if empty.comment is not None:
            break
        have += 1
    return [cst.EmptyLine() for _ in range(wanted - have)] + list(lines)


def _without_space_before_colon(params: cst.Parameters) -> cst.Parameters:
    """`lambda x :` keeps a space after its last parameter; `def f(x ):` should not."""

    def tidy(param: cst.Param) -> cst.Param:
        if param.comma is cst.MaybeSentinel.DEFAULT:
            return param.with_changes(whitespace_after_param=cst.SimpleWhitespace(""))
        return param

    star_arg, star_kwarg = params.star_arg, params.star_kwarg
    return params.with_changes(
        posonly_params=[tidy(param) for param in params.posonly_params],
        params=[tidy(param) for param in params.params],
        kwonly_params=[tidy(param) for param in params.kwonly_params],
        star_arg=tidy(star_arg) if isinstance(star_arg, cst.Param) else star_arg,
        star_kwarg=tidy(star_kwarg) if star_kwarg is not None else None,
    )


def _breaks_outside_brackets(code: str) -> bool:
    """Whether this expression only parses inside parentheses (a bare line break)."""
    if "\n" not in code:
        return False
    try:
        ast.parse(code, mode="eval")
    except SyntaxError:
        return True
    return False
