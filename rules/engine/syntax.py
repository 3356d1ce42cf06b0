"""Small questions about code that several rules ask."""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from .walker import children

COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)
SCOPE_BOUNDARIES = (cst.FunctionDef, cst.Lambda, cst.ClassDef)


def in_loop(ancestors: Sequence[cst.CSTNode], node: cst.CSTNode) -> bool:
    """Whether `node` runs once per iteration of a loop in its own function.

    Counts a for/while body, a while test, and every part of a comprehension
    except its first iterable (evaluated once). Stops at function boundaries.
    """
    child = node
    via_iter = False  # did the path reach the current CompFor through its iterable?
    for parent in reversed(ancestors):
        if isinstance(parent, SCOPE_BOUNDARIES):
            return False
        if isinstance(parent, cst.For) and child is parent.body:
            return True
        if isinstance(parent, cst.While) and child in (parent.body, parent.test):
            return True
        if isinstance(parent, COMPREHENSIONS):
            outermost_iterable = child is getattr(parent, "for_in", None) and via_iter
            if not outermost_iterable:
                return True
        via_iter = isinstance(parent, cst.CompFor) and child is parent.iter
        child = parent
    return False


def binds(scope: cst.CSTNode, name: str) -> bool:
    """Whether `name` is bound directly in `scope` (a function or module).

    Parameters, assignments, for/with/except targets, imports, nested
    def/class names and walrus targets count; nested functions do not.
    """
    if isinstance(scope, (cst.FunctionDef, cst.Lambda)):
        params = scope.params
        every = [*params.posonly_params, *params.params, *params.kwonly_params]
        for star in (params.star_arg, params.star_kwarg):
            if isinstance(star, cst.Param):
                every.append(star)
        if any(param.name.value == name for param in every):
            return True
        if isinstance(scope, cst.Lambda):
            return False
    stack = list(children(scope.body)) if isinstance(scope, cst.FunctionDef) else [scope]
    while stack:
        node = stack.pop()
        if name in bound_names(node):
            return True
        if not isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            stack.extend(children(node))
    return False


def bound_names(node: cst.CSTNode) -> list[str]:
    """Names that this one node binds (not looking inside nested scopes)."""
    target: cst.CSTNode | None = None
    if isinstance(node, (cst.AssignTarget, cst.AnnAssign, cst.AugAssign, cst.NamedExpr)):
        target = node.target
    elif isinstance(node, (cst.For, cst.CompFor)):
        target = node.target
    elif isinstance(node, cst.AsName):
        target = node.name
    elif isinstance(node, cst.ImportAlias):
        return [] if node.asname is not None else [node.evaluated_name.split(".")[0]]
    elif isinstance(node, (cst.FunctionDef, cst.ClassDef)):
        return [node.name.value]
    return _target_names(target)


def _target_names(target: cst.CSTNode | None) -> list[str]:
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [name for element in target.elements for name in _target_names(element.value)]
    if isinstance(target, cst.StarredElement):
        return _target_names(target.value)
    return []


def is_shadowed(ancestors: Sequence[cst.CSTNode], module: cst.Module, name: str) -> bool:
    """Whether `name` refers to something other than the builtin here."""
    scopes = [node for node in ancestors if isinstance(node, (cst.FunctionDef, cst.Lambda))]
    return any(binds(scope, name) for scope in scopes) or binds(module, name)
