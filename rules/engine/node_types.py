"""Which LibCST node types can sit below which, read from LibCST's own type hints.

The walk uses it to skip subtrees that cannot hold a node any rule hooks: a
`Name`, a string or an operator has nothing below it worth visiting, and most
nodes are such leaves.
"""

from __future__ import annotations

import collections.abc
import dataclasses
import functools
import inspect
import types
import typing
from collections.abc import Collection, Iterator

import libcst as cst

# Classes are found through __subclasses__ and __mro__, not issubclass: that goes
# through ABCMeta for LibCST's classes, slow the first time, and this runs at start.


@functools.cache
def concrete_node_types() -> frozenset[type[cst.CSTNode]]:
    """Every node class LibCST makes (none of them is subclassed)."""
    exported = {id(value) for value in vars(cst).values()}
    return frozenset(
        kind
        for kind in _subtypes(cst.CSTNode)
        if id(kind) in exported and not inspect.isabstract(kind)
    )


@functools.cache
def _subtypes(kind: type[cst.CSTNode]) -> frozenset[type[cst.CSTNode]]:
    """`kind` and all its subclasses."""
    found = {kind}
    todo = [kind]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in found:
                found.add(sub)
                todo.append(sub)
    return frozenset(found)


def _node_types_in(hint: object) -> Iterator[type[cst.CSTNode]]:
    """The concrete node types an annotation allows (through Union, Optional, Sequence)."""
    if isinstance(hint, type):
        if cst.CSTNode in hint.__mro__:
            yield from _subtypes(hint) & concrete_node_types()
        return
    for argument in typing.get_args(hint):
        yield from _node_types_in(argument)


def _unresolved(hint: object) -> bool:
    """Whether an annotation still holds a name as text (a forward reference)."""
    if isinstance(hint, (str, typing.ForwardRef)):
        return True
    return any(_unresolved(argument) for argument in typing.get_args(hint))


@functools.cache
def field_types(kind: type[cst.CSTNode]) -> dict[str, frozenset[type[cst.CSTNode]]]:
    """Per field of `kind`, the node types it may hold (empty for text fields)."""
    return {name: frozenset(_node_types_in(hint)) for name, hint in _field_hints(kind).items()}


@functools.cache
def _field_hints(kind: type[cst.CSTNode]) -> dict[str, object]:
    """Per field of `kind`, its type annotation as an object."""
    # LibCST's dataclass fields carry their types as objects; get_type_hints, which
    # costs more, only if one is still text.
    hints = {field.name: field.type for field in dataclasses.fields(kind)}
    if any(_unresolved(hint) for hint in hints.values()):
        hints = typing.get_type_hints(kind)
    return hints


@functools.cache
def field_shapes(kind: type[cst.CSTNode]) -> dict[str, bool | None]:
    """Per field of `kind`: True if it always holds a sequence of nodes, False if never,
    None if it may hold either (`Optional[Sequence[...]]`, a sequence or `ImportStar`)."""
    return {name: _sequence_shape(hint) for name, hint in _field_hints(kind).items()}


def _sequence_shape(hint: object) -> bool | None:
    if typing.get_origin(hint) in _SEQUENCES:
        return True
    if typing.get_origin(hint) in _UNIONS and any(
        _sequence_shape(argument) is not False for argument in typing.get_args(hint)
    ):
        return None
    return False


_SEQUENCES = (collections.abc.Sequence, list, tuple)
_UNIONS = (typing.Union, types.UnionType)


@functools.cache
def _holders() -> dict[type[cst.CSTNode], set[type[cst.CSTNode]]]:
    """Per node type, the node types with a field that may hold it."""
    holders: dict[type[cst.CSTNode], set[type[cst.CSTNode]]] = {}
    for kind in concrete_node_types():
        for kinds in field_types(kind).values():
            for child in kinds:
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
