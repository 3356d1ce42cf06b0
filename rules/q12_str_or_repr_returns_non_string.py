"""`__repr__`/`__str__` must return a str: anything else is a TypeError at print time."""

from __future__ import annotations

import libcst as cst

from .engine.context import FileContext
from .engine.rule import Rule
from .engine.syntax import SCOPE_BOUNDARIES
from .engine.walker import children

_NOT_STRING_CALLS = frozenset(
    {"len", "int", "float", "hash", "id", "bool", "list", "dict", "set", "tuple", "bytes"}
)
_NOT_STRING_NODES = (
    cst.Integer,
    cst.Float,
    cst.Imaginary,
    cst.List,
    cst.Dict,
    cst.Set,
    cst.Tuple,
    cst.ListComp,
    cst.SetComp,
    cst.DictComp,
    cst.GeneratorExp,
)


class StrOrReprReturnsNonString(Rule):
    code = "TUT123"
    name = "str-or-repr-returns-non-string"
    question = 12
    message = "`__repr__` and `__str__` must return a string"
    explanation = (
        "`print(obj)`, `str(obj)`, f-strings and the interactive prompt call `__str__` or "
        "`__repr__` and insist on getting a `str` back: a number, a list or `None` raises "
        "`TypeError: __str__ returned non-string`. A common slip is printing inside the "
        "method instead of returning, which returns `None`. Build the text and return it, "
        "for example `return f'Point({self.x!r}, {self.y!r})'`."
    )
    flagged = (
        "class Temperature:\n"
        "    def __init__(self, degrees):\n"
        "        self.degrees = degrees\n"
        "\n"
        "    def __str__(self):\n"
        "        print(f'{self.degrees} °C')\n"
        "\n"
        "\n"
        "try:\n"
        "    str(Temperature(21))\n"
        "except TypeError as error:\n"
        "    print(error)\n"
    )
    better = (
        "class Temperature:\n"
        "    def __init__(self, degrees):\n"
        "        self.degrees = degrees\n"
        "\n"
        "    def __str__(self):\n"
        "        return f'{self.degrees} °C'\n"
        "\n"
        "\n"
        "print(Temperature(21))\n"
    )
    references = ("https://docs.python.org/3/reference/datamodel.html#object.__repr__",)
    card = (
        ("What is the difference between `__repr__` and `__str__`, and what must both return?"),
        (
            "`__repr__` is for developers: unambiguous, ideally code that rebuilds the "
            "object, used by the REPL, containers and debuggers. `__str__` is the readable "
            "form for `print` and f-strings, and falls back to `__repr__`. Both must return "
            "a `str`: returning a number or printing inside the method (which returns None) "
            "raises TypeError."
        ),
    )
    valid = (
        "class Point:\n    def __repr__(self):\n        return f'Point({self.x!r}, {self.y!r})'\n",
        "class Temp:\n    def __str__(self):\n        return str(self.degrees)\n",
        "class Shape:\n    def __repr__(self):\n        raise NotImplementedError\n",
        "class Proto:\n    def __str__(self) -> str:\n        ...\n",
        "class Count:\n    def __len__(self):\n        return 3  # not a text method\n",
        "class Name(str):\n    def __str__(self):\n        return self\n",
    )
    invalid = (
        "class Temp:\n    def __str__(self):\n        return self.degrees * 1.8 + 32 if self.f else 0\n",
        "class Money:\n    def __str__(self):\n        return len(self.digits)\n",
        "class Point:\n    def __repr__(self):\n        print(f'Point({self.x}, {self.y})')\n",
        "class Pair:\n    def __repr__(self):\n        return (self.a, self.b)\n",
        "class Empty:\n    def __str__(self):\n        if self.items:\n            return 'items'\n"
        "        return None\n",
    )
    needs_text = ("__repr__", "__str__")
    reach = "statement"

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.bindings = context.bindings

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        method = node.name.value
        if method not in {"__repr__", "__str__"}:
            return
        ancestors = self.context.ancestors
        if len(ancestors) < 2 or not isinstance(ancestors[-2], cst.ClassDef):
            return
        returns, raises = _returns_and_raises(node)
        for value in returns:
            if value is None or self._not_string(value):
                where: cst.CSTNode = value if value is not None else node.name
                self.report(where, f"`{method}` must return a string, and this is not one")
        if not returns and not raises and not _is_stub(node.body):
            self.report(
                node.name,
                f"`{method}` never returns, so it returns None; return the text instead",
            )

    def _not_string(self, value: cst.BaseExpression) -> bool:
        if isinstance(value, _NOT_STRING_NODES):
            return True
        if isinstance(value, cst.Name):
            return value.value in {"None", "True", "False"}
        if isinstance(value, cst.SimpleString):
            return "b" in value.prefix.lower()
        if isinstance(value, cst.IfExp):
            return self._not_string(value.body) or self._not_string(value.orelse)
        if isinstance(value, cst.Call) and isinstance(value.func, cst.Name):
            name = value.func.value
            return name in _NOT_STRING_CALLS and self.bindings.is_builtin(
                self.context.ancestors, name
            )
        return False


def _returns_and_raises(
    function: cst.FunctionDef,
) -> tuple[list[cst.BaseExpression | None], bool]:
    """Values returned (None for a bare `return`) and whether it ever raises or yields."""
    returns: list[cst.BaseExpression | None] = []
    raises = False
    stack = list(children(function.body))
    while stack:
        node = stack.pop()
        if isinstance(node, cst.Return):
            returns.append(node.value)
        raises = raises or isinstance(node, (cst.Raise, cst.Yield))
        if not isinstance(node, SCOPE_BOUNDARIES):
            stack.extend(children(node))
    return returns, raises


def _is_stub(body: cst.BaseSuite) -> bool:
    """Only a docstring, `pass` or `...`: an abstract method or a protocol."""
    statements = body.body if isinstance(body, cst.IndentedBlock) else [body]
    for statement in statements:
        if not isinstance(statement, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
            return False
        for small in statement.body:
            if isinstance(small, cst.Pass):
                continue
            if isinstance(small, cst.Expr) and isinstance(
                small.value, (cst.Ellipsis, cst.SimpleString, cst.ConcatenatedString)
            ):
                continue
            return False
    return True
