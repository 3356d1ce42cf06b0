"""Defining `__eq__` alone silently makes instances unhashable."""

from __future__ import annotations

import libcst as cst

from .engine.rule import Rule


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
        "explicitly with `__hash__ = None`."
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
    )
    invalid = (
        "class Point:\n    def __init__(self, x, y):\n        self.x, self.y = x, y\n"
        "    def __eq__(self, other):\n        return (self.x, self.y) == (other.x, other.y)\n",
        "class Money:\n    __eq__ = lambda self, other: self.cents == other.cents\n",
    )
    needs_text = ("__eq__",)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        defined = _names_defined_in(node.body)
        if "__eq__" in defined and "__hash__" not in defined and not _adds_hash(node):
            self.report(node.name)


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
