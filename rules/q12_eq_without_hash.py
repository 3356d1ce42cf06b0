"""Defining `__eq__` alone silently makes instances unhashable."""

from __future__ import annotations

from collections.abc import Set

import libcst as cst

from .engine.rule import Rule
from .engine.syntax import nodes_in


class EqWithoutHash(Rule):
    code = "TUT121"
    name = "eq-without-hash"
    question = 12
    message = "defines `__eq__` but not `__hash__`, so instances cannot go in sets or dict keys"
    explanation = (
        "When a class defines `__eq__`, Python sets its `__hash__` to `None`: instances "
        "become unhashable, and putting one in a set or using it as a dict key raises "
        "`TypeError`. If equal objects never change, define `__hash__` from the same "
        "fields `__eq__` compares (`hash((self.x, self.y))`). If they are mutable, say so "
        "explicitly with `__hash__ = None`. The rule stays silent on classes that change "
        "their own state (methods that add, insert or assign to `self`), on subclasses of "
        "`list`, `dict`, `set` and the mutable collection ABCs, and on `Protocol` classes: "
        "unhashable is the right outcome for them."
    )
    flagged = (
        "class Colour:\n"
        "    def __init__(self, name):\n"
        "        self.name = name\n"
        "\n"
        "    def __eq__(self, other):\n"
        "        if not isinstance(other, Colour):\n"
        "            return NotImplemented\n"
        "        return self.name == other.name\n"
        "\n"
        "\n"
        "try:\n"
        "    print({Colour('red')})\n"
        "except TypeError as error:\n"
        "    print(error)\n"
    )
    better = (
        "from dataclasses import dataclass\n"
        "\n"
        "\n"
        "@dataclass(frozen=True)\n"
        "class Colour:\n"
        "    name: str\n"
        "\n"
        "\n"
        "print({Colour('red'), Colour('red')})\n"
    )
    fine_when = (
        "A mutable class whose instances must never be hashed (they change after "
        "creation): then say it with `__hash__ = None`, which is what Python already "
        "did for you."
    )
    references = ("https://docs.python.org/3/reference/datamodel.html#object.__hash__",)
    card = (
        ("What happens to `__hash__` when a class defines `__eq__`, and how do you put it back?"),
        (
            "Python sets `__hash__` to None, so instances can no longer be set members or "
            "dict keys. If the objects never change, define `__hash__` over exactly the "
            "fields `__eq__` compares (`hash((self.x, self.y))`), or use "
            "`@dataclass(frozen=True)`, which writes both. Equal objects must hash alike; a "
            "hash over fields that can change is a bug."
        ),
    )
    valid = (
        "class Point:\n    def __init__(self, x, y):\n        self.x, self.y = x, y\n"
        "    def __eq__(self, other):\n        return (self.x, self.y) == (other.x, other.y)\n"
        "    def __hash__(self):\n        return hash((self.x, self.y))\n",
        "class Basket:\n    __hash__ = None  # mutable on purpose\n"
        "    def __eq__(self, other):\n        return self.items == other.items\n",
        "class Plain:\n    def __repr__(self):\n        return 'Plain()'\n",
        "@dataclass(frozen=True)\nclass Tag:\n    name: str\n    def __eq__(self, other):\n"
        "        return self.name.lower() == other.name.lower()\n",
        "class Child(Base):\n    __hash__ = Base.__hash__\n    def __eq__(self, other):\n"
        "        return True\n",
        # Mutable containers: unhashable is the right outcome.
        "class Table:\n    def __init__(self):\n        self.rows = []\n"
        "    def add_row(self, row):\n        self.rows.append(row)\n"
        "    def __eq__(self, other):\n        return self.rows == other.rows\n",
        "class Stack(list):\n    def __eq__(self, other):\n        return list(self) == other\n",
        "class Bag(MutableSet):\n    def __eq__(self, other):\n        return set(self) == other\n",
        "class Comparable(Protocol):\n    def __eq__(self, other: object) -> bool: ...\n",
        "class Span:\n    def __init__(self, start, end):\n        self.start, self.end = start, end\n"
        "    def __eq__(self, other):\n        return (self.start, self.end) == (other.start, other.end)\n"
        "    @staticmethod\n    def merge(spans):\n        spans[0].end = spans[-1].end\n",
        "class Counter2:\n    def __init__(self):\n        self.n = 0\n"
        "    def bump(self):\n        self.n += 1\n"
        "    def __eq__(self, other):\n        return self.n == other.n\n",
    )
    invalid = (
        "class Point:\n    def __init__(self, x, y):\n        self.x, self.y = x, y\n"
        "    def __eq__(self, other):\n        return (self.x, self.y) == (other.x, other.y)\n",
        "class Money:\n    __eq__ = lambda self, other: self.cents == other.cents\n",
        "class Version:\n    def __init__(self, text):\n        self.parts = text.split('.')\n"
        "    def major(self):\n        return self.parts[0]\n"
        "    def __eq__(self, other):\n        return self.parts == other.parts\n",
    )
    needs_text = ("__eq__",)
    reach = "statement"

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        defined = _names_defined_in(node.body)
        if "__eq__" not in defined or "__hash__" in defined or _adds_hash(node):
            return
        if _mutable_or_protocol_base(node) or defined & MUTATING_DUNDERS or _changes_itself(node):
            return  # unhashable is the right outcome for a mutable class
        self.report(node.name)


# Bases whose instances change (or that only declare an interface): unhashable is right.
MUTABLE_BASES = frozenset(
    {
        "list", "dict", "set", "bytearray", "deque", "defaultdict", "OrderedDict", "Counter",
        "UserDict", "UserList", "MutableMapping", "MutableSequence", "MutableSet",
        "Protocol", "IOBase", "RawIOBase", "BufferedIOBase", "TextIOBase",
    }
)  # fmt: skip
MUTATING_DUNDERS = frozenset(
    {"__setitem__", "__delitem__", "__setattr__", "__iadd__", "__isub__", "__ior__", "__iand__"}
)
MUTATING_METHODS = frozenset(
    {
        "append", "add", "insert", "extend", "update", "pop", "popleft", "remove", "discard",
        "clear", "sort", "reverse", "setdefault", "push", "appendleft", "write",
    }
)  # fmt: skip
BUILDERS = frozenset({"__init__", "__new__", "__post_init__", "__setstate__", "__init_subclass__"})


def _base_name(expression: cst.BaseExpression) -> str | None:
    if isinstance(expression, cst.Subscript):  # Protocol[T], MutableMapping[str, int]
        expression = expression.value
    if isinstance(expression, cst.Name):
        return expression.value
    if isinstance(expression, cst.Attribute):
        return expression.attr.value
    return None


def _mutable_or_protocol_base(node: cst.ClassDef) -> bool:
    return any(_base_name(arg.value) in MUTABLE_BASES for arg in node.bases if arg.keyword is None)


def _changes_itself(node: cst.ClassDef) -> bool:
    """A method other than the constructors rebinds or mutates `self.something`,
    or sets one of the fields `__init__` makes on another instance (`out[-1].end = 5`)."""
    statements = node.body.body if isinstance(node.body, cst.IndentedBlock) else []
    fields: set[str] = set()
    for statement in statements:
        if isinstance(statement, cst.FunctionDef) and statement.name.value == "__init__":
            fields = _self_changes(statement.body)[1]
    return any(
        isinstance(statement, cst.FunctionDef)
        and statement.name.value not in BUILDERS
        and _self_changes(statement.body, fields)[0]
        for statement in statements
    )


def _on_self(expression: cst.BaseExpression) -> bool:
    """`self.x`, `self.x[i]`, `self.x.y`: something reached from `self`."""
    while isinstance(expression, (cst.Attribute, cst.Subscript)):
        expression = expression.value
    return isinstance(expression, cst.Name) and expression.value == "self"


_CHANGES: frozenset[type[cst.CSTNode]] = frozenset(
    {cst.AssignTarget, cst.AugAssign, cst.AnnAssign, cst.Del, cst.Call}
)
_NESTED_DEF = frozenset({cst.FunctionDef})  # a nested function's `self` is another story


def _self_changes(body: cst.BaseSuite, fields: Set[str] = frozenset()) -> tuple[bool, set[str]]:
    """Whether `body` changes `self` (or sets one of `fields` on anything), and the
    `self.x = ...` targets it has."""
    found = False
    self_fields: set[str] = set()

    def target(expression: cst.BaseExpression) -> None:
        nonlocal found
        if isinstance(expression, cst.Attribute) and _on_self(expression):
            self_fields.add(expression.attr.value)
        on_self = isinstance(expression, (cst.Attribute, cst.Subscript)) and _on_self(expression)
        if on_self or (isinstance(expression, cst.Attribute) and expression.attr.value in fields):
            found = True
        elif isinstance(expression, (cst.Tuple, cst.List)):
            for element in expression.elements:
                target(element.value)

    for node in nodes_in(body, _CHANGES, _NESTED_DEF):
        if isinstance(node, (cst.AssignTarget, cst.AugAssign, cst.Del)) or (
            isinstance(node, cst.AnnAssign) and node.value is not None
        ):
            target(node.target)
        elif isinstance(node, cst.Call):
            func = node.func
            if (
                isinstance(func, cst.Attribute)
                and func.attr.value in MUTATING_METHODS
                and isinstance(func.value, (cst.Attribute, cst.Subscript))
                and _on_self(func.value)
            ):
                found = True
    return found, self_fields


def _adds_hash(node: cst.ClassDef) -> bool:
    """`@dataclass(frozen=True)`, `unsafe_hash=True` and friends write `__hash__`."""
    for decorator in node.decorators:
        call = decorator.decorator
        if isinstance(call, cst.Call):
            for arg in call.args:
                if (
                    arg.keyword is not None
                    and arg.keyword.value in {"frozen", "unsafe_hash", "hash"}
                    and isinstance(arg.value, cst.Name)
                    and arg.value.value == "True"
                ):
                    return True
    return False


def _names_defined_in(body: cst.BaseSuite) -> set[str]:
    names: set[str] = set()
    statements = body.body if isinstance(body, cst.IndentedBlock) else [body]
    for statement in statements:
        if isinstance(statement, cst.FunctionDef):
            names.add(statement.name.value)
        elif isinstance(statement, cst.If):
            names |= _names_defined_in(statement.body)  # version-dependent definitions
        elif isinstance(statement, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
            for small in statement.body:
                if isinstance(small, cst.Assign):
                    names.update(
                        target.target.value
                        for target in small.targets
                        if isinstance(target.target, cst.Name)
                    )
                elif isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
                    names.add(small.target.value)
    return names
