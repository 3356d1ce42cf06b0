"""`__eq__`/`__add__`... should answer NotImplemented for a type they do not know."""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from .engine.rule import FixBuilder, Invalid, Replacement, Rule

_OPERATORS = (
    *("add", "sub", "mul", "matmul", "truediv", "floordiv", "mod", "divmod", "pow"),
    *("lshift", "rshift", "and", "xor", "or"),
)
BINARY_DUNDERS = frozenset(
    {f"__{name}__" for name in ("eq", "ne", "lt", "le", "gt", "ge")}
    | {f"__{prefix}{name}__" for name in _OPERATORS for prefix in ("", "r", "i")}
) - {"__idivmod__"}
_REFUSALS = frozenset({"TypeError", "NotImplementedError"})


class BinaryDunderRejectsType(Rule):
    code = "TUT122"
    name = "binary-dunder-rejects-type"
    question = 12
    message = "for a type it does not handle, an operator method should `return NotImplemented`"
    explanation = (
        "When `a == b` or `a + b` runs, Python first asks `a`'s method; if that returns "
        "the special value `NotImplemented`, it asks `b`'s reflected method (`b.__eq__(a)`, "
        "`b.__radd__(a)`), and only when both decline does it fall back (identity for `==`) "
        "or raise `TypeError`. A method that returns `False` or raises for an unknown type "
        "answers for the other class and takes that chance away, so comparisons stop being "
        "symmetric and other types cannot add support for yours. Return `NotImplemented`."
    )
    flagged = (
        "class Point:\n"
        "    def __init__(self, x, y):\n"
        "        self.x, self.y = x, y\n"
        "\n"
        "    def __eq__(self, other):\n"
        "        if not isinstance(other, Point):\n"
        "            return False\n"
        "        return (self.x, self.y) == (other.x, other.y)\n"
        "\n"
        "    def __hash__(self):\n"
        "        return hash((self.x, self.y))\n"
        "\n"
        "\n"
        "print(Point(1, 2) == Point(1, 2))\n"
    )
    better = (
        "class Point:\n"
        "    def __init__(self, x, y):\n"
        "        self.x, self.y = x, y\n"
        "\n"
        "    def __eq__(self, other):\n"
        "        if not isinstance(other, Point):\n"
        "            return NotImplemented\n"
        "        return (self.x, self.y) == (other.x, other.y)\n"
        "\n"
        "    def __hash__(self):\n"
        "        return hash((self.x, self.y))\n"
        "\n"
        "\n"
        "print(Point(1, 2) == Point(1, 2), Point(1, 2) == 'p')\n"
    )
    references = (
        "https://docs.python.org/3/library/constants.html#NotImplemented",
        "https://docs.python.org/3/library/numbers.html#implementing-the-arithmetic-operations",
    )
    card = (
        (
            "What should `__eq__` or `__add__` return for an operand type it does not "
            "support, and why?"
        ),
        (
            "The constant `NotImplemented` (not the exception NotImplementedError, and not "
            "False). Python then tries the other operand's reflected method (`__eq__` "
            "again, or `__radd__`); only if that declines too does `==` fall back to "
            "identity and `+` raise TypeError. Returning False or raising takes that turn "
            "away from the other type."
        ),
    )
    valid = (
        "class Point:\n    def __eq__(self, other):\n        if not isinstance(other, Point):\n"
        "            return NotImplemented\n        return self.xy == other.xy\n",
        "class Money:\n    def __eq__(self, other):\n        if isinstance(other, Money) and "
        "self.cents == other.cents:\n            return True\n        return False\n",
        "class Base:\n    def __add__(self, other):\n        raise NotImplementedError  # subclasses\n",
        "class Box:\n    def __eq__(self, other):\n        if other is None:\n"
        "            return False\n        return self.v == other.v\n",
        "class Num:\n    def __eq__(self, other):\n        other = convert(other)\n"
        "        if not isinstance(other, Num):\n            return False\n"
        "        return self.v == other.v\n",
        "class Node:\n    def __contains__(self, other):\n        if not isinstance(other, Node):\n"
        "            return False\n        return other in self.kids\n",
    )
    invalid = (
        Invalid(
            "class Point:\n    def __eq__(self, other):\n        if not isinstance(other, Point):\n"
            "            return False  # never equal\n        return self.xy == other.xy\n",
            fixed="class Point:\n    def __eq__(self, other):\n        if not isinstance(other, Point):\n"
            "            return NotImplemented  # never equal\n        return self.xy == other.xy\n",
            unsafe_fixes=True,
        ),
        Invalid(
            "class Vector:\n    def __add__(self, other):\n        if isinstance(other, Vector):\n"
            "            return Vector(self.x + other.x)\n"
            "        raise TypeError(f'cannot add {type(other)}')\n",
            fixed="class Vector:\n    def __add__(self, other):\n        if isinstance(other, Vector):\n"
            "            return Vector(self.x + other.x)\n        return NotImplemented\n",
            unsafe_fixes=True,
        ),
        "class Version:\n    def __lt__(self, other):\n        if type(other) is not Version:\n"
        "            raise NotImplementedError\n        return self.parts < other.parts\n",
        "class Tag:\n    def __eq__(self, other):\n        if isinstance(other, Tag):\n"
        "            return self.name == other.name\n        elif isinstance(other, str):\n"
        "            return self.name == other\n        else:\n            return False\n",
    )
    fixable = "unsafe"
    needs_text = ("def __",)
    reach = "statement"

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if node.name.value not in BINARY_DUNDERS or node.decorators:
            return
        ancestors = self.context.ancestors
        if len(ancestors) < 2 or not isinstance(ancestors[-2], cst.ClassDef):
            return
        params = [*node.params.posonly_params, *node.params.params]
        if len(params) != 2 or not isinstance(node.body, cst.IndentedBlock):
            return
        other = params[1].name.value
        if len(self.context.bindings.of(node)[other]) > 1:
            return  # `other = convert(other)`: the test is on our own conversion
        for refusal in _refusals(node.body.body, other):
            # Unsafe: the other operand's method now gets its say, which may change results.
            self.report(refusal, fix=_return_not_implemented(refusal), safe=False)


def _refusals(statements: Sequence[cst.BaseStatement], other: str) -> list[cst.BaseSmallStatement]:
    """Refusals that run exactly when `other` failed a type test."""
    found: list[cst.BaseSmallStatement] = []
    for at, statement in enumerate(statements):
        if not isinstance(statement, cst.If):
            continue
        following = statements[at + 1] if at + 1 < len(statements) else None
        found.extend(_refusals_of_if(statement, following, other))
    return found


def _refusals_of_if(
    node: cst.If, following: cst.BaseStatement | None, other: str
) -> list[cst.BaseSmallStatement]:
    polarity = _type_test(node.test, other)
    if polarity is False:
        refusal = _only_refusal(node.body)
        return [refusal] if refusal is not None else []
    if polarity is None or not _ends_in_return(node.body):
        return []
    orelse = node.orelse
    if isinstance(orelse, cst.If):  # elif: another accepted type
        return _refusals_of_if(orelse, following, other)
    if isinstance(orelse, cst.Else):
        refusal = _only_refusal(orelse.body)
    else:
        refusal = _only_refusal(following) if following is not None else None
    return [refusal] if refusal is not None else []


def _type_test(test: cst.BaseExpression, other: str) -> bool | None:
    """True: passes when `other` has the right type; False: when it has not; None: not a type test."""
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        inner = _type_test(test.expression, other)
        return None if inner is None else not inner
    if isinstance(test, cst.BooleanOperation):
        left, right = _type_test(test.left, other), _type_test(test.right, other)
        if isinstance(test.operator, cst.Or) and left is False and right is False:
            return False
        if isinstance(test.operator, cst.And) and left is True and right is True:
            return True
        return None
    if isinstance(test, cst.Call):
        func, args = test.func, test.args
        if isinstance(func, cst.Name) and func.value == "isinstance" and len(args) == 2:
            return True if _is_name(args[0].value, other) else None
        return None
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        operator = test.comparisons[0].operator
        sides = (test.left, test.comparisons[0].comparator)
        if not any(_type_of(side, other) for side in sides):
            return None
        if isinstance(operator, (cst.Is, cst.Equal)):
            return True
        if isinstance(operator, (cst.IsNot, cst.NotEqual)):
            return False
    return None


def _type_of(node: cst.BaseExpression, other: str) -> bool:
    """`type(other)` or `other.__class__`."""
    if isinstance(node, cst.Attribute):
        return node.attr.value == "__class__" and _is_name(node.value, other)
    return (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Name)
        and node.func.value == "type"
        and len(node.args) == 1
        and _is_name(node.args[0].value, other)
    )


def _only_refusal(body: cst.BaseSuite | cst.BaseStatement) -> cst.BaseSmallStatement | None:
    """The statement if `body` is just `return False/True` or `raise TypeError(...)`."""
    if isinstance(body, cst.IndentedBlock):
        if len(body.body) != 1:
            return None
        body = body.body[0]
    if not isinstance(body, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
        return None
    if len(body.body) != 1:
        return None
    small = body.body[0]
    if isinstance(small, cst.Return):
        value = small.value
        if isinstance(value, cst.Name) and value.value in {"False", "True"}:
            return small
    if isinstance(small, cst.Raise) and small.exc is not None:
        exc = small.exc.func if isinstance(small.exc, cst.Call) else small.exc
        if isinstance(exc, cst.Name) and exc.value in _REFUSALS:
            return small
    return None


def _ends_in_return(body: cst.BaseSuite) -> bool:
    last: cst.CSTNode = body
    if isinstance(body, cst.IndentedBlock):
        if not body.body:
            return False
        last = body.body[-1]
    if isinstance(last, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
        return isinstance(last.body[-1], (cst.Return, cst.Raise))
    return False


def _is_name(node: cst.CSTNode, name: str) -> bool:
    return isinstance(node, cst.Name) and node.value == name


def _return_not_implemented(old: cst.BaseSmallStatement) -> FixBuilder:
    return lambda: Replacement(
        old, cst.Return(value=cst.Name("NotImplemented"), semicolon=old.semicolon)
    )
