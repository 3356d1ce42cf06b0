"""Which LibCST node types can sit below which, read from LibCST's own type hints.

The walk uses it to skip subtrees that cannot hold a node any rule hooks: a
`Name`, a string or an operator has nothing below it worth visiting, and most
nodes are such leaves.
"""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Collection, Iterator

import libcst as cst


@functools.cache
def concrete_node_types() -> tuple[type[cst.CSTNode], ...]:
    """Every node class LibCST makes (none of them is subclassed)."""
    return tuple(
        value
        for value in vars(cst).values()
        if inspect.isclass(value)
        and issubclass(value, cst.CSTNode)
        and not inspect.isabstract(value)
    )


def _node_types_in(hint: object) -> Iterator[type[cst.CSTNode]]:
    """The concrete node types an annotation allows (through Union, Optional, Sequence)."""
    if inspect.isclass(hint):
        if issubclass(hint, cst.CSTNode):
            yield from (kind for kind in concrete_node_types() if issubclass(kind, hint))
        return
    for argument in typing.get_args(hint):
        yield from _node_types_in(argument)


@functools.cache
def field_types(kind: type[cst.CSTNode]) -> dict[str, frozenset[type[cst.CSTNode]]]:
    """Per field of `kind`, the node types it may hold (empty for text fields)."""
    hints = typing.get_type_hints(kind)
    return {name: frozenset(_node_types_in(hint)) for name, hint in hints.items()}


@functools.cache
def _holders() -> dict[type[cst.CSTNode], set[type[cst.CSTNode]]]:
    """Per node type, the node types with a field that may hold it."""
    holders: dict[type[cst.CSTNode], set[type[cst.CSTNode]]] = {}
    for kind in concrete_node_types():
        for types in field_types(kind).values():
            for child in types:
                holders.setdefault(child, set()).add(kind)
    return holders


def holders_of(wanted: Collection[type[cst.CSTNode]]) -> frozenset[type[cst.CSTNode]]:
    """`wanted` and every node type that may hold one of them, however deep."""
    return frozenset().union(*(_holders_of(kind) for kind in wanted))


@functools.cache
def _holders_of(wanted: type[cst.CSTNode]) -> frozenset[type[cst.CSTNode]]:
    holders = _holders()
    found = {wanted}
    todo = [wanted]
    while todo:
        for parent in holders.get(todo.pop(), ()):
            if parent not in found:
                found.add(parent)
                todo.append(parent)
    return frozenset(found)
