"""The walk skips subtrees that cannot hold a hooked node (walker.py, node_types.py).

Proof that it loses nothing: on real code (every rule's examples and this project's
own rules), it calls hooks on exactly the nodes, in the order and with the ancestors,
that a walk of every node finds.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import libcst as cst
import pytest

from pitfall_tutor.rules import ALL_RULES, Invalid
from pitfall_tutor.rules.engine.syntax import nodes_in
from pitfall_tutor.rules.engine.walker import Walk, children, pruned

RULES_FOLDER = Path(__file__).resolve().parents[2] / "rules"
HOOKED = frozenset(
    getattr(cst, name)
    for rule in ALL_RULES
    for kind in ("visit", "leave")
    for name in rule.hooks()[kind]
)
WANTED_SETS = [
    HOOKED,
    frozenset({cst.Call}),
    frozenset({cst.Name}),
    frozenset({cst.Yield, cst.Lambda}),
]


def _sources() -> list[str]:
    examples = [
        example.code if isinstance(example, Invalid) else example
        for rule in ALL_RULES
        for example in (*rule.valid, *rule.invalid)
    ]
    own = [path.read_text(encoding="utf-8") for path in sorted(RULES_FOLDER.rglob("*.py"))]
    return examples + own


MODULES = [cst.parse_module(source) for source in _sources()]


def _every_node(root: cst.CSTNode) -> Iterator[tuple[cst.CSTNode, tuple[cst.CSTNode, ...]]]:
    stack: list[tuple[cst.CSTNode, tuple[cst.CSTNode, ...]]] = [(root, ())]
    while stack:
        node, above = stack.pop()
        yield node, above
        stack.extend((child, (*above, node)) for child in reversed(children(node)))


def _hook_calls(
    module: cst.Module, wanted: frozenset[type], left: frozenset[type] = frozenset()
) -> list[tuple[str, int, tuple[int, ...]]]:
    """What a Walk hooking `wanted` (and leaving `left`) calls its hooks on: node and
    ancestors, by identity."""
    seen: list[tuple[str, int, tuple[int, ...]]] = []

    def hook(event: str) -> Callable[[cst.CSTNode], None]:
        return lambda node: seen.append((event, id(node), tuple(map(id, walk.ancestors))))

    walk = Walk({kind: hook("visit") for kind in wanted}, {kind: hook("leave") for kind in left})
    walk.run(module)
    return seen


def _expected(
    module: cst.Module, wanted: frozenset[type], left: frozenset[type] = frozenset()
) -> list[tuple[str, int, tuple[int, ...]]]:
    """The same, from a plain recursive walk of every node."""
    found: list[tuple[str, int, tuple[int, ...]]] = []

    def visit(node: cst.CSTNode, above: tuple[int, ...]) -> None:
        if type(node) in wanted:
            found.append(("visit", id(node), above))
        for child in children(node):
            visit(child, (*above, id(node)))
        if type(node) in left:
            found.append(("leave", id(node), above))

    visit(module, ())
    return found


@pytest.mark.parametrize("wanted", WANTED_SETS, ids=lambda kinds: f"{len(kinds)} types")
def test_the_pruned_walk_calls_the_hooks_a_full_walk_would(wanted: frozenset[type]) -> None:
    for module in MODULES:
        expected = [
            (id(node), tuple(map(id, above)))
            for node, above in _every_node(module)
            if type(node) in wanted
        ]
        assert [(node, above) for _, node, above in _hook_calls(module, wanted)] == expected
        assert [id(node) for node in nodes_in(module, wanted)] == [node for node, _ in expected]


def test_visits_and_leaves_interleave_as_in_a_full_walk() -> None:
    wanted = frozenset({cst.FunctionDef, cst.Call, cst.Return})
    left = frozenset({cst.FunctionDef, cst.Lambda, cst.ClassDef})
    for module in MODULES:
        assert _hook_calls(module, wanted, left) == _expected(module, wanted, left)


@pytest.mark.parametrize(
    "source",
    [
        "x = (" + " ".join(["'a'"] * 3000) + ")\n",  # 3,000 nested ConcatenatedStrings
        "x = " + " + ".join(["f(y)"] * 2000) + "\n",  # calls under 2,000 BinaryOperations
        "def f():\n    return " + "g(" * 200 + ")" * 200 + "\n",
    ],
    ids=["strings", "sums", "calls"],
)
def test_deep_trees_walk_with_a_stack_and_the_same_result(source: str) -> None:
    module = cst.parse_module(source)
    wanted = frozenset({cst.Call, cst.ConcatenatedString, cst.SimpleString})
    left = frozenset({cst.Call, cst.BinaryOperation, cst.FunctionDef})
    with _recursion_limit(10_000):  # for the recursive reference walk only
        expected = _expected(module, wanted, left)
    assert _hook_calls(module, wanted, left) == expected  # under the default limit


@contextmanager
def _recursion_limit(limit: int) -> Iterator[None]:
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, limit))
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


def test_leaves_and_what_cannot_hold_a_call_are_skipped() -> None:
    useful = pruned(frozenset({cst.Call})).useful
    assert {cst.Call, cst.Arg, cst.Attribute, cst.Module, cst.Lambda} <= useful
    assert not {cst.Name, cst.SimpleString, cst.Integer, cst.Dot, cst.Add} & useful
    assert cst.Call not in pruned(frozenset({cst.Global})).useful  # a call holds no statement


def test_a_finished_lint_leaves_no_tree_in_the_reused_walk() -> None:
    """The generated functions are reused from file to file; the hooks and ancestors
    they were last given (which hold the file's tree) are let go after each lint."""
    from pitfall_tutor.rules.engine import walker
    from pitfall_tutor.rules.engine.engine import lint_text

    walker._plans.__dict__.setdefault("by_types", {}).clear()  # not the walks tests made
    lint_text("def f(a=[]):\n    return g(a)\n", "m.py", ALL_RULES)
    plans = walker._plans.by_types.values()
    assert plans
    for plan in plans:
        assert plan.owner is None and plan.ancestors == []
        assert not any([*plan.visit_cells.values(), *plan.leave_cells.values()])
