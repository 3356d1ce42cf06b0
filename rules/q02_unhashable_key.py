"""A list, dict or set literal as a dict key or set element: TypeError at run time."""

from __future__ import annotations

import functools
from collections.abc import Iterator

import libcst as cst

from .engine.findings import Severity
from .engine.rule import Invalid, Replacement, Rule
from .engine.syntax import MUTABLE_DISPLAYS


class UnhashableKey(Rule):
    code = "TUT022"
    name = "unhashable-key"
    question = 2
    severity = Severity.ERROR
    message = "a mutable list, dict or set cannot be a dict key or set element (TypeError)"
    explanation = (
        "Dict keys and set elements are found by their hash, and a hash must never "
        "change while the object is stored. Lists, dicts and sets can change, so they "
        "have no hash: using one as a key or set element raises `TypeError: unhashable "
        "type`. Use an immutable equivalent instead: a tuple for a list, a `frozenset` "
        "for a set, or a tuple of sorted items for a dict. The fix turns a list literal "
        "into a tuple; it is marked unsafe because the code then runs where it used to fail."
    )
    flagged = "moves = {[0, 1]: 'right', [1, 0]: 'down'}\nprint(moves)\n"
    better = "moves = {(0, 1): 'right', (1, 0): 'down'}\nprint(moves[0, 1])\n"
    references = (
        "https://docs.python.org/3/glossary.html#term-hashable",
        "https://docs.python.org/3/library/stdtypes.html#mapping-types-dict",
    )
    card = (
        "What must be true of a value for it to be a dict key or a set member?",
        (
            "It must be hashable: it has a hash that never changes while it is stored, and "
            "equal values have equal hashes. That is not the same as immutable: `(1, [2])` "
            "is a tuple, so it cannot be changed, yet `hash((1, [2]))` raises TypeError "
            "because the list inside has no hash. Lists, dicts and sets are unhashable; use "
            "tuples and frozensets instead."
        ),
    )
    valid = (
        "grid = {(0, 0): 'start', (1, 2): 'end'}\n",
        "seen = {frozenset({1, 2}), (1, 2), 'a'}\n",
        # Near miss: lists as values and unpacked into a set are fine.
        "index = {'a': [1, 2], 'b': {'x': 1}}\nitems = {*[1, 2], 3}\n",
        "by_pair = {tuple(pair): n for n, pair in enumerate(pairs)}\n",
    )
    invalid = (
        Invalid(
            "moves = {[0, 1]: 'right', [1, 0]: 'down'}\n",
            fixed="moves = {(0, 1): 'right', (1, 0): 'down'}\n",
            unsafe_fixes=True,
        ),
        Invalid(
            "visited = {[start], (goal, [1])}\n",
            fixed="visited = {(start,), (goal, (1,))}\n",
            unsafe_fixes=True,
        ),
        "counts = {{'a': 1}: 2}\n",
        "groups = {{x} for x in items}\n",
        "lookup = {[k, k]: v for k, v in pairs}\n",
    )
    fixable = "unsafe"
    needs_text = ("{",)
    reach = "statement"

    def visit_Dict(self, node: cst.Dict) -> None:
        for element in node.elements:
            if isinstance(element, cst.DictElement):
                self._check(element.key)

    def visit_Set(self, node: cst.Set) -> None:
        for element in node.elements:
            if isinstance(element, cst.Element):
                self._check(element.value)

    def visit_DictComp(self, node: cst.DictComp) -> None:
        self._check(node.key)

    def visit_SetComp(self, node: cst.SetComp) -> None:
        self._check(node.elt)

    def _check(self, key: cst.BaseExpression) -> None:
        for display in _unhashable_parts(key):
            kind = type(display).__name__.replace("Comp", " comprehension").lower()
            fix = functools.partial(_as_tuple, display) if isinstance(display, cst.List) else None
            self.report(
                display,
                f"a {kind} is mutable and unhashable, so it cannot be a dict key or set "
                "element (TypeError); use a tuple or frozenset",
                fix=fix,
                safe=False,
            )


def _unhashable_parts(key: cst.BaseExpression) -> Iterator[cst.BaseExpression]:
    """The mutable displays in a key, looking inside tuples (which hash their items)."""
    if isinstance(key, MUTABLE_DISPLAYS):
        yield key
    elif isinstance(key, cst.Tuple):
        for element in key.elements:
            if isinstance(element, cst.Element):
                yield from _unhashable_parts(element.value)


def _as_tuple(display: cst.List) -> Replacement:
    elements = list(display.elements)
    if len(elements) == 1 and not isinstance(elements[0].comma, cst.Comma):
        elements[0] = elements[0].with_changes(comma=cst.Comma())
    return Replacement(
        display,
        cst.Tuple(
            elements=elements,
            lpar=[*display.lpar, cst.LeftParen(whitespace_after=display.lbracket.whitespace_after)],
            rpar=[
                cst.RightParen(whitespace_before=display.rbracket.whitespace_before),
                *display.rpar,
            ],
        ),
    )
