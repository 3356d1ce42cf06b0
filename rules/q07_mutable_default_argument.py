"""A mutable default is built once, at `def` time, and shared by every call."""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from .engine.context import FileContext
from .engine.rule import Invalid, Replacement, Rule
from .engine.syntax import MUTABLE_DISPLAYS
from .engine.walker import children

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
        "object inside the function. A tuple default holding a list or dict shares "
        "that inner object just the same. The fix is offered as safe only when the "
        "function never changes the object or lets it out; a default that counts or "
        "memoises on purpose (`def fib(n, _memo={})`) would lose its memory, so that "
        "fix is unsafe: `functools.cache` says the intent openly."
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
        "def f(pair=(1, (2, 3)), names=('a', frozenset())):\n    return pair\n",
        # A nested def gets a new default each time the outer function runs.
        "def combos(n):\n    out = []\n    def walk(start, path=[]):\n        out.append(path[:])\n"
        "    walk(0)\n    return out\n",
    )
    invalid = (
        Invalid(
            "def add(item, bucket=[]):\n    bucket.append(item)\n    return bucket\n",
            fixed="def add(item, bucket=None):\n    if bucket is None:\n        bucket = []\n"
            "    bucket.append(item)\n    return bucket\n",
            unsafe_fixes=True,  # callers may rely on the shared list: not provably the same
        ),
        Invalid(
            'def tally(word, *, counts: dict[str, int] = {}):\n    """Count words."""\n'
            "    counts[word] = counts.get(word, 0) + 1\n",
            fixed='def tally(word, *, counts: dict[str, int] | None = None):\n    """Count words."""\n'
            "    if counts is None:\n        counts = {}\n    counts[word] = counts.get(word, 0) + 1\n",
            unsafe_fixes=True,
        ),
        Invalid(
            "import collections\n\nclass Graph:\n    def __init__(self, edges=collections.defaultdict(list)):"
            " self.edges = edges\n",
            fixed="import collections\n\nclass Graph:\n    def __init__(self, edges=None):\n"
            "        if edges is None:\n            edges = collections.defaultdict(list)\n"
            "        self.edges = edges\n",
            unsafe_fixes=True,
        ),
        Invalid(
            "def total(prices=[]):\n    return sum(prices)\n",
            fixed="def total(prices=None):\n    if prices is None:\n        prices = []\n"
            "    return sum(prices)\n",
        ),
        Invalid(
            "from typing import Any, Optional\n\ndef show(items: list[Any] = [], tag: Optional[str] = None):\n"
            "    for item in items:\n        print(tag, item)\n",
            fixed="from typing import Any, Optional\n\n"
            "def show(items: Optional[list[Any]] = None, tag: Optional[str] = None):\n"
            "    if items is None:\n        items = []\n"
            "    for item in items:\n        print(tag, item)\n",
        ),
        Invalid(
            "def fib(n, _memo={}):\n    if n not in _memo:\n"
            "        _memo[n] = n if n < 2 else fib(n - 1) + fib(n - 2)\n    return _memo[n]\n",
            fixed="def fib(n, _memo=None):\n    if _memo is None:\n        _memo = {}\n"
            "    if n not in _memo:\n"
            "        _memo[n] = n if n < 2 else fib(n - 1) + fib(n - 2)\n    return _memo[n]\n",
            unsafe_fixes=True,
        ),
        "def walk(node, acc=({}, 0, set())):\n    return acc\n",
        "from collections import deque\nhandler = lambda event, seen=deque(): seen.append(event)\n",
        "async def fetch(url, headers={k: v for k, v in []}):\n    return headers\n",
    )
    fixable = "safe"
    needs_text = ("def ", "lambda")
    reach = "statement"

    @classmethod
    def text_facts(cls, text: str, path: str) -> str:
        return _optional_style(text)

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        # Names imported by module-level code, and by each top-level def or class for
        # itself: an import inside one function binds nothing for the others.
        self.imported = _Imported()
        self.imported_in: dict[cst.CSTNode, _Imported] = {}
        self._optional: str | None = None  # the file's optional style, read once

    def optional_style(self) -> str:
        """`_optional_style` of this file, read once: every fix asks (30,000 in a big file)."""
        if self._optional is None:
            self._optional = _optional_style(self.context.text)
        return self._optional

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        top = self.context.top()
        into = self.imported
        if isinstance(top, (cst.FunctionDef, cst.ClassDef)):
            into = self.imported_in.setdefault(top, _Imported())
        module = node.module
        is_collections = isinstance(module, cst.Name) and module.value == "collections"
        if isinstance(node.names, cst.ImportStar):
            if is_collections:
                into.from_collections |= _COLLECTIONS_FACTORIES
            return
        for alias in node.names:
            bound = alias.evaluated_alias or alias.evaluated_name
            if is_collections and alias.evaluated_name in _COLLECTIONS_FACTORIES:
                into.from_collections.add(bound)
            else:
                into.shadowed.add(bound)

    def _imports_here(self) -> tuple[_Imported, ...]:
        inner = self.imported_in.get(self.context.top())
        return (self.imported,) if inner is None else (self.imported, inner)

    def visit_Param(self, node: cst.Param) -> None:
        default = node.default
        if default is None:
            return
        if not self._is_mutable(default):
            if isinstance(default, cst.Tuple) and self._holds_mutable(default):
                self.report(
                    default,
                    "this tuple default holds a mutable object, created once and shared by "
                    "every call: default to `None` and build the tuple inside",
                )
            return
        function = self.context.ancestors[-2]
        if isinstance(function, cst.FunctionDef) and _nested_in_function(self.context.ancestors):
            return  # made afresh on every call of the outer function: shared on purpose
        name = node.name.value
        memo = any(word in name.lower() for word in MEMO_WORDS)
        message = None
        if memo:
            message = (
                f"`{name}` looks like a memo kept in a default on purpose: say so with "
                "`functools.cache`, or default to `None` if each call should start afresh"
            )
        if isinstance(function, cst.FunctionDef):
            # Safe only when the function provably never changes the object or lets it out:
            # then a fresh one per call behaves the same. A memo or counter is unsafe.
            safe = not memo and _only_read(function, name)
            self.report(
                default,
                message,
                fix=lambda: _none_default_fix(function, node, self.optional_style()),
                safe=safe,
            )
        else:
            self.report(default, message)

    def _holds_mutable(self, value: cst.Tuple) -> bool:
        for element in value.elements:
            inner = element.value
            if self._is_mutable(inner):
                return True
            if isinstance(inner, cst.Tuple) and self._holds_mutable(inner):
                return True
        return False

    def _is_mutable(self, value: cst.BaseExpression) -> bool:
        if isinstance(value, MUTABLE_DISPLAYS):
            return True
        if not isinstance(value, cst.Call):
            return False
        func = value.func
        if isinstance(func, cst.Name):
            name = func.value
            if any(name in found.from_collections for found in self._imports_here()):
                return True
            return name in _BUILTIN_FACTORIES and not self._shadows(name)
        return (
            isinstance(func, cst.Attribute)
            and isinstance(func.value, cst.Name)
            and func.value.value == "collections"
            and func.attr.value in _COLLECTIONS_FACTORIES
        )

    def _shadows(self, name: str) -> bool:
        if any(name in found.shadowed for found in self._imports_here()):
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


@dataclass
class _Imported:
    from_collections: set[str] = field(default_factory=set)  # collections factories
    shadowed: set[str] = field(default_factory=set)  # other names imported


def _nested_in_function(ancestors: list[cst.CSTNode]) -> bool:
    """The def holding this parameter sits inside another function's body."""
    return any(isinstance(node, (cst.FunctionDef, cst.Lambda)) for node in ancestors[:-2])


MEMO_WORDS = ("memo", "cache")
# Uses of a parameter that neither change its object nor let it out of the call.
READ_METHODS = frozenset(
    {"get", "keys", "values", "items", "copy", "count", "index", "issubset", "issuperset"}
    | {"union", "intersection", "difference", "isdisjoint", "__contains__"}
)
READ_FUNCTIONS = frozenset(
    {"len", "list", "tuple", "sorted", "set", "frozenset", "dict", "sum", "any", "all"}
    | {"min", "max", "enumerate", "zip", "iter", "str", "repr", "bool", "print", "reversed"}
)


def _only_read(function: cst.FunctionDef, name: str) -> bool:
    """Whether every use of `name` in `function` only reads the object."""
    # Each entry carries the node's last three ancestors: all `_reads` looks at.
    stack: list[tuple[cst.CSTNode, tuple[cst.CSTNode, ...]]] = [(function.body, ())]
    while stack:
        node, above = stack.pop()
        if isinstance(node, (cst.FunctionDef, cst.Lambda, cst.ClassDef, cst.Global)):
            if name in cst.Module(body=[]).code_for_node(node):
                return False  # closures and rebinding: too much to follow
            continue
        if isinstance(node, cst.Name) and node.value == name and not _reads(node, above):
            return False
        below = (*above[-2:], node)
        stack.extend((child, below) for child in children(node))
    return True


def _reads(node: cst.Name, parents: tuple[cst.CSTNode, ...]) -> bool:
    parent = parents[-1] if parents else None
    grand = parents[-2] if len(parents) > 1 else None
    if isinstance(parent, (cst.For, cst.CompFor)):
        return node is parent.iter
    if isinstance(parent, (cst.ComparisonTarget, cst.Comparison)):
        return True
    if isinstance(parent, cst.BinaryOperation):
        return True  # `bucket + [item]`, `seen | extra`: a list, dict or set makes a new one
    if isinstance(parent, cst.Attribute) and node is parent.value:
        return (
            parent.attr.value in READ_METHODS
            and isinstance(grand, cst.Call)
            and grand.func is parent
        )
    if isinstance(parent, cst.Subscript) and node is parent.value:
        above = parents[-3] if len(parents) > 2 else None
        return not isinstance(grand, (cst.AssignTarget, cst.AugAssign, cst.Del)) and not (
            isinstance(grand, (cst.Tuple, cst.List, cst.Element))
            or isinstance(above, (cst.AssignTarget, cst.Del))
        )
    if isinstance(parent, cst.Arg) and isinstance(grand, cst.Call):
        func = grand.func
        return isinstance(func, cst.Name) and func.value in READ_FUNCTIONS
    return False


def _optional_style(code: str) -> str:
    """`|` unless the file spells optional types `Optional[...]` for Pythons before 3.10."""
    if "from __future__ import annotations" in code:
        return "|"
    if "Optional[" in code and "import" in code and "Optional" in code:
        return "typing.Optional" if "typing.Optional[" in code else "Optional"
    return "|"


def _none_default_fix(
    function: cst.FunctionDef, param: cst.Param, optional: str = "|"
) -> Replacement:
    """`x=[]` becomes `x=None` plus `if x is None: x = []` after the docstring."""
    name = param.name.value
    new_param = param.with_changes(default=cst.Name("None"))
    annotation = param.annotation
    if annotation is not None and not _allows_none(annotation.annotation):
        widened: cst.BaseExpression
        if optional == "|":
            widened = cst.BinaryOperation(
                left=annotation.annotation, operator=cst.BitOr(), right=cst.Name("None")
            )
        else:
            head: cst.BaseExpression = (
                cst.Attribute(cst.Name("typing"), cst.Name("Optional"))
                if optional == "typing.Optional"
                else cst.Name("Optional")
            )
            widened = cst.Subscript(
                value=head,
                slice=[cst.SubscriptElement(cst.Index(annotation.annotation))],
            )
        new_param = new_param.with_changes(annotation=annotation.with_changes(annotation=widened))
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
    params = _with_param(function.params, param, new_param) or function.params.deep_replace(
        param, new_param
    )
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


def _with_param(params: cst.Parameters, old: cst.Param, new: cst.Param) -> cst.Parameters | None:
    """`params` with `old` swapped for `new` in its own list (None if in none): far
    cheaper than `deep_replace`, which walks every parameter's tree."""
    for name in ("params", "kwonly_params", "posonly_params"):
        items = getattr(params, name)
        if any(item is old for item in items):
            return params.with_changes(**{name: [new if item is old else item for item in items]})
    return None


def _allows_none(annotation: cst.BaseExpression) -> bool:
    """`Any`, `Optional[...]`, `X | None` or `Union[..., None]` at the top level."""
    if isinstance(annotation, (cst.SimpleString, cst.ConcatenatedString)):
        return True  # a string annotation: leave it to its author
    if isinstance(annotation, cst.Name):
        return annotation.value in {"Any", "object", "None"}
    if isinstance(annotation, cst.Attribute):
        return annotation.attr.value in {"Any", "object"}
    if isinstance(annotation, cst.BinaryOperation) and isinstance(annotation.operator, cst.BitOr):
        return _allows_none(annotation.left) or _allows_none(annotation.right)
    if isinstance(annotation, cst.Subscript):
        head = annotation.value
        head_name = (
            head.attr.value if isinstance(head, cst.Attribute) else getattr(head, "value", "")
        )
        if head_name == "Optional":
            return True
        if head_name == "Union":
            return any(
                isinstance(element.slice, cst.Index) and _allows_none(element.slice.value)
                for element in annotation.slice
            )
    return False


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
