"""The same key twice in a dict literal: the last value silently wins."""

from __future__ import annotations

import ast
import functools
from collections.abc import Hashable

import libcst as cst

from .engine.rule import Invalid, Replacement, Rule
from .engine.syntax import contains_comment

_LITERALS = (
    cst.SimpleString,
    cst.ConcatenatedString,
    cst.Integer,
    cst.Float,
    cst.Imaginary,
    cst.UnaryOperation,
    cst.Tuple,
)


class DuplicateDictKey(Rule):
    code = "TUT081"
    name = "duplicate-dict-key"
    question = 8
    message = "this key is already in the dict literal; the earlier value is silently lost"
    explanation = (
        "A dict holds one value per key. When a dict literal lists the same key twice, "
        "Python keeps the key in its first position but with the last value, and raises "
        "no error, so the earlier entry simply vanishes. It is usually a copy-paste slip "
        "or a key meant to be different. Note that `1`, `1.0` and `True` are equal, so "
        "they are the same key too. The fix removes an exact repeat (same key, same "
        "value), which changes nothing at run time."
    )
    flagged = "prices = {\n    'tea': 3,\n    'cake': 5,\n    'tea': 4,\n}\nprint(prices)\n"
    better = "prices = {\n    'tea': 4,\n    'cake': 5,\n}\nprint(prices)\n"
    references = ("https://docs.python.org/3/reference/expressions.html#dictionary-displays",)
    card = (
        "What does `{'a': 1, 'b': 2, 'a': 3}` evaluate to?",
        (
            "`{'a': 3, 'b': 2}`: one entry per key, the key stays in its first position and "
            "the last value wins, with no error or warning. Keys that are equal count as "
            "the same key even with different types, so `{1: 'x', True: 'y'}` is `{1: "
            "'y'}`."
        ),
    )
    valid = (
        "colors = {'red': 1, 'green': 2, 'blue': 3}\n",
        "merged = {**defaults, 'debug': True, **overrides}\n",
        # Near miss: different keys that only look alike.
        "codes = {'a': 1, 'A': 2, b'a': 3, (1, 2): 4, (2, 1): 5}\n",
        "pairs = {key: 1, other_key: 2}\n",
    )
    invalid = (
        Invalid(
            "config = {\n    'host': 'localhost',\n    'port': 8080,\n    'host': 'localhost',\n}\n",
            fixed="config = {\n    'host': 'localhost',\n    'port': 8080,\n}\n",
        ),
        Invalid(
            "flags = {'a': 1, 'b': 2, 'a': 1}\n",
            fixed="flags = {'a': 1, 'b': 2}\n",
        ),
        "prices = {'apple': 1.0, 'pear': 2.0, 'apple': 1.5}\n",
        "weights = {1: 'one', 1.0: 'float one', True: 'yes'}\n",
        "table = {name: 1, name: 2}\n",
    )
    fixable = "safe"
    needs_text = ("{",)
    reach = "statement"

    def visit_Dict(self, node: cst.Dict) -> None:
        if len(node.elements) < 2:
            return
        first_seen: dict[tuple[str, Hashable], int] = {}
        walrus: bool | None = None
        for index, element in enumerate(node.elements):
            if not isinstance(element, cst.DictElement):
                continue
            key = _key_of(element.key)
            if key is None:
                continue
            if key[0] == "name":
                if walrus is None:
                    walrus = _has_walrus(node)
                if walrus:
                    continue
            if key not in first_seen:
                first_seen[key] = index
                continue
            earlier = first_seen[key]
            fix = None
            if _removable(node, earlier, index):
                fix = functools.partial(_without, node, index)
            self.report(
                element.key,
                "this key is already in the dict literal; the earlier value is silently lost",
                fix=fix,
            )


def _key_of(key: cst.BaseExpression) -> tuple[str, Hashable] | None:
    """A comparable form of a literal or plain-name key, or None."""
    if isinstance(key, cst.Name):
        if key.value in ("True", "False", "None"):
            return "literal", {"True": True, "False": False, "None": None}[key.value]
        return "name", key.value
    if not isinstance(key, _LITERALS):
        return None
    if type(key) is cst.SimpleString and not key.lpar and _plain_quoted(key.value):
        return "literal", key.value[1:-1]  # most keys: no need to generate and evaluate them
    try:
        value = ast.literal_eval(cst.Module(body=[]).code_for_node(key).strip())
        hash(value)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
    return "literal", value


def _plain_quoted(code: str) -> bool:
    """A one-quote string with no prefix and no escapes: its value is what is inside."""
    return code[0] in "'\"" and code[:3] not in ("'''", '"""') and "\\" not in code


def _has_walrus(node: cst.CSTNode) -> bool:
    return ":=" in cst.Module(body=[]).code_for_node(node)


def _removable(node: cst.Dict, earlier: int, later: int) -> bool:
    """An exact repeat with nothing in between that could supply the key."""
    first, second = node.elements[earlier], node.elements[later]
    assert isinstance(first, cst.DictElement) and isinstance(second, cst.DictElement)
    between = node.elements[earlier + 1 : later]
    if any(isinstance(element, cst.StarredDictElement) for element in between):
        return False
    if not (first.key.deep_equals(second.key) and first.value.deep_equals(second.value)):
        return False
    if not _without_effects(second.value):
        return False
    before = node.elements[later - 1]
    return not contains_comment(second, before.comma)


def _without_effects(value: cst.BaseExpression) -> bool:
    if isinstance(value, cst.Name):
        return True
    return isinstance(value, _LITERALS) and _key_of(value) is not None


def _without(node: cst.Dict, index: int) -> Replacement:
    elements = list(node.elements)
    removed = elements.pop(index)
    elements[index - 1] = elements[index - 1].with_changes(comma=removed.comma)
    return Replacement(node, node.with_changes(elements=elements))
