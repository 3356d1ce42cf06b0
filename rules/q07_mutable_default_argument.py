"""A mutable default is built once, at `def` time, and shared by every call."""

from __future__ import annotations

import libcst as cst

from .engine.context import FileContext
from .engine.rule import Invalid, Replacement, Rule
from .engine.syntax import MUTABLE_DISPLAYS

_BUILTIN_FACTORIES = {"list", "dict", "set", "bytearray"}
_COLLECTIONS_FACTORIES = {"defaultdict", "deque", "OrderedDict", "Counter"}


class MutableDefaultArgument(Rule):
    code = "TUT071"
    name = "mutable-default-argument"
    question = 7
    message = "mutable default: this object is created once and shared by every call"
    explanation = (
        "Default values are evaluated once, when the `def` statement runs, not on each "
        "call. A list, dict or set used as a default is therefore one object shared by "
        "every call that does not pass the argument: append to it in one call and the "
        "next call sees the change. Use `None` as the default and create the fresh "
        "object inside the function."
    )
    flagged = (
        "def log(message, history=[]):\n"
        "    history.append(message)\n"
        "    return len(history)\n"
        "\n"
        "\n"
        "print(log('start'), log('stop'))\n"
    )
    better = (
        "def log(message, history=None):\n"
        "    if history is None:\n"
        "        history = []\n"
        "    history.append(message)\n"
        "    return len(history)\n"
        "\n"
        "\n"
        "print(log('start'), log('stop'))\n"
    )
    fine_when = (
        "A memo on purpose: `def fib(n, _cache={})` keeps results between calls, and "
        "some code relies on that. Say so in a comment, or better, use "
        "`functools.cache`. A default that is only read, never changed, is harmless "
        "too, though a tuple says so more clearly."
    )
    references = (
        "https://docs.python.org/3/faq/programming.html#why-are-default-values-shared-between-objects",
        "https://docs.python.org/3/reference/compound_stmts.html#function-definitions",
    )
    card = (
        ("When is a default argument value evaluated, and what goes wrong with `def f(items=[])`?"),
        (
            "Once, when the `def` statement runs. The list becomes part of the function "
            "object, so every call that omits `items` gets that same list, and whatever one "
            "call appended is still there for the next. Use `None` as the default and "
            "create a fresh list inside (`if items is None: items = []`); test `is None`, "
            "not falsiness, or a caller's empty list gets replaced."
        ),
    )
    valid = (
        "def add(item, bucket=None):\n    if bucket is None:\n        bucket = []\n"
        "    bucket.append(item)\n    return bucket\n",
        "def f(limit=10, name='x', pair=(1, 2), flags=frozenset()):\n    return limit\n",
        "list = lambda *a: a\n\ndef f(x=list()):\n    return x\n",
        "from mylib import deque\n\ndef f(q=deque()):\n    return q\n",
    )
    invalid = (
        Invalid(
            "def add(item, bucket=[]):\n    bucket.append(item)\n    return bucket\n",
            fixed="def add(item, bucket=None):\n    if bucket is None:\n        bucket = []\n"
            "    bucket.append(item)\n    return bucket\n",
        ),
        Invalid(
            'def tally(word, *, counts: dict[str, int] = {}):\n    """Count words."""\n'
            "    counts[word] = counts.get(word, 0) + 1\n",
            fixed='def tally(word, *, counts: dict[str, int] | None = None):\n    """Count words."""\n'
            "    if counts is None:\n        counts = {}\n    counts[word] = counts.get(word, 0) + 1\n",
        ),
        Invalid(
            "import collections\n\nclass Graph:\n    def __init__(self, edges=collections.defaultdict(list)):"
            " self.edges = edges\n",
            fixed="import collections\n\nclass Graph:\n    def __init__(self, edges=None):\n"
            "        if edges is None:\n            edges = collections.defaultdict(list)\n"
            "        self.edges = edges\n",
        ),
        "from collections import deque\nhandler = lambda event, seen=deque(): seen.append(event)\n",
        "async def fetch(url, headers={k: v for k, v in []}):\n    return headers\n",
    )
    fixable = "safe"
    needs_text = ("def ", "lambda")

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.from_collections: set[str] = set()
        self.shadowed: set[str] = set()

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        module = node.module
        is_collections = isinstance(module, cst.Name) and module.value == "collections"
        if isinstance(node.names, cst.ImportStar):
            if is_collections:
                self.from_collections |= _COLLECTIONS_FACTORIES
            return
        for alias in node.names:
            bound = alias.evaluated_alias or alias.evaluated_name
            if is_collections and alias.evaluated_name in _COLLECTIONS_FACTORIES:
                self.from_collections.add(bound)
            else:
                self.shadowed.add(bound)

    def visit_Param(self, node: cst.Param) -> None:
        if node.default is not None and self._is_mutable(node.default):
            function = self.context.ancestors[-2]
            if isinstance(function, cst.FunctionDef):
                self.report(node.default, fix=lambda: _none_default_fix(function, node))
            else:
                self.report(node.default)

    def _is_mutable(self, value: cst.BaseExpression) -> bool:
        if isinstance(value, MUTABLE_DISPLAYS):
            return True
        if not isinstance(value, cst.Call):
            return False
        func = value.func
        if isinstance(func, cst.Name):
            name = func.value
            if name in self.from_collections:
                return True
            return name in _BUILTIN_FACTORIES and not self._shadows(name)
        return (
            isinstance(func, cst.Attribute)
            and isinstance(func.value, cst.Name)
            and func.value.value == "collections"
            and func.attr.value in _COLLECTIONS_FACTORIES
        )

    def _shadows(self, name: str) -> bool:
        if name in self.shadowed:
            return True
        for statement in self.context.module.body:
            if isinstance(statement, cst.SimpleStatementLine):
                for small in statement.body:
                    if isinstance(small, cst.Assign) and any(
                        isinstance(t.target, cst.Name) and t.target.value == name
                        for t in small.targets
                    ):
                        return True
            elif (
                isinstance(statement, (cst.FunctionDef, cst.ClassDef))
                and statement.name.value == name
            ):
                return True
        return False


def _none_default_fix(function: cst.FunctionDef, param: cst.Param) -> Replacement:
    """`x=[]` becomes `x=None` plus `if x is None: x = []` after the docstring."""
    name = param.name.value
    new_param = param.with_changes(default=cst.Name("None"))
    annotation = param.annotation
    if annotation is not None and not _allows_none(annotation.annotation):
        new_param = new_param.with_changes(
            annotation=annotation.with_changes(
                annotation=cst.BinaryOperation(
                    left=annotation.annotation,
                    operator=cst.BitOr(),
                    right=cst.Name("None"),
                )
            )
        )
    assert param.default is not None
    guard = cst.If(
        test=cst.Comparison(
            left=cst.Name(name),
            comparisons=[cst.ComparisonTarget(operator=cst.Is(), comparator=cst.Name("None"))],
        ),
        body=cst.IndentedBlock(
            body=[
                cst.SimpleStatementLine(
                    body=[
                        cst.Assign(targets=[cst.AssignTarget(cst.Name(name))], value=param.default)
                    ]
                )
            ]
        ),
    )
    params = function.params.deep_replace(param, new_param)
    body = function.body
    if isinstance(body, cst.SimpleStatementSuite):  # `def f(x=[]): return x`
        body = cst.IndentedBlock(body=[cst.SimpleStatementLine(body=[s]) for s in body.body])
    assert isinstance(body, cst.IndentedBlock)
    statements = list(body.body)
    at = 1 if statements and _is_docstring(statements[0]) else 0
    while at < len(statements) and _is_none_guard(statements[at]):
        at += 1  # keep guards for earlier parameters first
    statements.insert(at, guard)
    return Replacement(
        function, function.with_changes(params=params, body=body.with_changes(body=statements))
    )


def _allows_none(annotation: cst.BaseExpression) -> bool:
    code = cst.Module(body=[]).code_for_node(annotation)
    return "None" in code or "Optional" in code or "Any" in code


def _is_docstring(statement: cst.BaseStatement) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def _is_none_guard(statement: cst.BaseStatement) -> bool:
    return (
        isinstance(statement, cst.If)
        and isinstance(statement.test, cst.Comparison)
        and isinstance(statement.test.comparisons[0].operator, cst.Is)
        and isinstance(statement.test.comparisons[0].comparator, cst.Name)
        and statement.test.comparisons[0].comparator.value == "None"
    )
