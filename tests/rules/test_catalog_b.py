"""Edge cases of the Q9-Q20 catalogue rules that their examples do not pin down."""

from __future__ import annotations

import pytest

from pitfall_tutor.rules import Rule, find_rule
from pitfall_tutor.rules.engine.engine import lint_text
from pitfall_tutor.rules.engine.fixes import fix_text


def _rule(name: str) -> type[Rule]:
    rule = find_rule(name)
    assert rule is not None, name
    return rule


def _findings(name: str, code: str) -> list[tuple[int, int, str]]:
    """(line, column, code) of each finding of rule `name` on `code`."""
    found = lint_text(code, "case.py", [_rule(name)])
    return [(f.start.line, f.start.column, f.code) for f in found]


def _fixed(name: str, code: str, unsafe: bool = True) -> str:
    rule = _rule(name)
    fixed, _, remaining = fix_text(code, lambda text: lint_text(text, "case.py", [rule]), unsafe)
    compile(fixed, "fixed.py", "exec")
    # A second pass has nothing left to fix.
    assert [f for f in remaining if f.fix is not None and (f.fix.safe or unsafe)] == []
    return fixed


# --- Q9 -------------------------------------------------------------------------


def test_lambda_sharing_a_line_is_flagged_without_a_fix() -> None:
    code = "x = 1; double = lambda n: 2 * n\n"
    assert _findings("lambda-assigned-to-name", code) == [(1, 7, "TUT091")]
    assert _fixed("lambda-assigned-to-name", code) == code


def test_lambda_in_a_class_body_becomes_a_method_def() -> None:
    code = "class Money:\n    __lt__ = lambda self, other: self.cents < other.cents  # order\n"
    assert _fixed("lambda-assigned-to-name", code) == (
        "class Money:\n    def __lt__(self, other):  # order\n"
        "        return self.cents < other.cents\n"
    )


def test_forwarding_lambda_to_a_function_defined_earlier_is_flagged() -> None:
    code = "def shutdown():\n    pass\n\natexit.register(lambda: shutdown())\n"
    assert _fixed("lambda-only-forwards", code) == (
        "def shutdown():\n    pass\n\natexit.register(shutdown)\n"
    )


@pytest.mark.parametrize(
    "code",
    [
        "atexit.register(lambda: shutdown())\n\ndef shutdown():\n    pass\n",  # defined later
        "for fn in fns:\n    hooks.append(lambda x: fn(x))\nfn = None\n",  # rebound name
        "f = lambda x, y=1: g(x, y)\n",  # a default captures a value
        "f = lambda x: x.g(x)\n",  # the callee comes from the argument
        "def f(cb):\n    cb = wrap(cb)\n    return lambda x: cb(x)\n",  # a local rebound
    ],
)
def test_forwarding_lambdas_that_must_stay(code: str) -> None:
    assert _findings("lambda-only-forwards", code) == []


# --- Q11 ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "fixed"),
    [
        ("n = sum( [x for x in y] )\n", "n = sum( x for x in y )\n"),
        ("n = sum([x for x in y], 10)\n", "n = sum((x for x in y), 10)\n"),
        (
            "n = sum(\n    [x for x in y]  # total\n)\n",
            "n = sum(\n    x for x in y  # total\n)\n",
        ),
        ("s = set( # keep\n    [a for a in b])\n", "s = set( # keep\n    a for a in b)\n"),
        ("m = min([a for a in b], key=len)\n", "m = min((a for a in b), key=len)\n"),
    ],
)
def test_list_comprehension_fix_keeps_layout_and_comments(code: str, fixed: str) -> None:
    assert _fixed("unneeded-list-comprehension", code, unsafe=False) == fixed


def test_any_over_a_list_is_an_unsafe_fix_only() -> None:
    code = "ok = any([f(x) for x in y])\n"
    assert _fixed("unneeded-list-comprehension", code, unsafe=False) == code
    assert _fixed("unneeded-list-comprehension", code) == "ok = any(f(x) for x in y)\n"


@pytest.mark.parametrize(
    "code",
    [
        "n = sum([x async for x in y])\n",
        "n = max([a for a in b], [c])\n",
        "n = sorted([a for a in b], cmp)\n",
        "n = sum([a for a in b], *rest)\n",
        "class A:\n    set = 1\n    s = set([a for a in b])\n",
    ],
)
def test_list_comprehension_left_alone(code: str) -> None:
    assert _findings("unneeded-list-comprehension", code) == []


def test_generator_second_loop_is_the_range() -> None:
    code = "g = (x for x in y)\nfor a in g:\n    print(a)\nfor b in g:\n    print(b)\n"
    assert _findings("generator-used-twice", code) == [(4, 9, "TUT111")]


@pytest.mark.parametrize(
    "code",
    [
        # The first loop may stop early, leaving the rest for the second.
        "g = iter(y)\nfor a in g:\n    if a:\n        break\nfor b in g:\n    print(b)\n",
        # The first use may not run.
        "g = (x for x in y)\nx = ready and list(g)\nprint(list(g))\n",
        # Used inside a nested function: we cannot tell when.
        "g = (x for x in y)\ndef f():\n    return list(g)\nprint(list(g))\n",
        # A local function of that name, not the module's generator.
        "def rows():\n    yield 1\n\ndef f(rows):\n    r = rows()\n    list(r)\n    list(r)\n",
        # Not a generator function at all.
        "def rows():\n    return [1]\n\nr = rows()\nlist(r)\nlist(r)\n",
    ],
)
def test_generator_reuse_left_alone(code: str) -> None:
    assert _findings("generator-used-twice", code) == []


def test_peek_fix_keeps_parentheses_of_the_generator() -> None:
    code = "x = list((a for a in b))[0]\n"
    assert _fixed("list-to-count-or-peek", code) == "x = next((a for a in b))\n"


# --- Q12 ------------------------------------------------------------------------


def test_refusal_after_positive_test_is_replaced() -> None:
    code = (
        "class V:\n    def __radd__(self, other):\n        if type(other) == V:\n"
        "            return V()\n        raise TypeError('no')  # refuse\n"
    )
    assert _fixed("binary-dunder-rejects-type", code) == (
        "class V:\n    def __radd__(self, other):\n        if type(other) == V:\n"
        "            return V()\n        return NotImplemented  # refuse\n"
    )


@pytest.mark.parametrize(
    "code",
    [
        # A positive test that does not always return: the refusal is reached either way.
        "class V:\n    def __eq__(self, other):\n        if isinstance(other, V):\n"
        "            log(other)\n        return False\n",
        # A static method is not an operator method.
        "class V:\n    @staticmethod\n    def __eq__(a, b):\n"
        "        if not isinstance(b, V):\n            return False\n",
        # Not inside a class.
        "def __eq__(self, other):\n    if not isinstance(other, int):\n        return False\n",
    ],
)
def test_dunder_refusals_left_alone(code: str) -> None:
    assert _findings("binary-dunder-rejects-type", code) == []


def test_repr_returning_bare_return_points_at_the_return() -> None:
    code = "class A:\n    def __repr__(self):\n        if self.x:\n            return 'x'\n        return\n"
    assert _findings("str-or-repr-returns-non-string", code) == [(2, 8, "TUT123")]


# --- Q13, Q15 -------------------------------------------------------------------


def test_thread_target_shadowed_locally_is_left_alone() -> None:
    code = (
        "import threading\n\ndef spin(n):\n    while n:\n        n -= 1\n\n"
        "def main(spin):\n    threading.Thread(target=spin).start()\n"
    )
    assert _findings("cpu-bound-thread", code) == []


def test_process_pool_in_a_name_guard_variant_is_left_alone() -> None:
    code = "import multiprocessing\n\nif '__main__' == __name__:\n    multiprocessing.Pool(2)\n"
    assert _findings("unguarded-process-start", code) == []


# --- Q16 ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code",
    [
        "s = b''\nfor c in chunks:\n    s += c\n",  # bytes, not str
        "s = ''\nfor c in chunks:\n    s = c\n    s += c\n",  # reset inside the loop
        "def f():\n    global s\n    for c in chunks:\n        s += c\n",
        "s = ''\ns = None\nfor c in chunks:\n    s += c\n",
    ],
)
def test_string_concat_left_alone(code: str) -> None:
    assert _findings("string-concat-in-loop", code) == []


@pytest.mark.parametrize(
    "code",
    [
        "for i in range(len(xs)):\n    del xs[i]\n",
        "for i in range(len(xs)):\n    f(lambda: xs[i])\n",
        "for i in range(len(xs)):\n    xs[i]\nelse:\n    print(i)\n",
        "def f(range):\n    for i in range(len(xs)):\n        print(xs[i])\n",
        # Looping over `self` inside the class may be what `__iter__` does.
        "class Seq:\n    def __iter__(self):\n        for i in range(len(self)):\n"
        "            yield self[i]\n",
        # The index found is used after the loop.
        "def first(xs):\n    i = 0\n    for i in range(len(xs)):\n        if xs[i]:\n"
        "            break\n    return i\n",
    ],
)
def test_range_len_left_alone(code: str) -> None:
    assert _findings("range-len-loop", code) == []


# --- Q19, Q20 -------------------------------------------------------------------


def test_merge_on_an_object_of_unknown_type_is_left_alone() -> None:
    code = "import pandas as pd\n\nresult = other.merge(a)\n"
    assert _findings("merge-without-how", code) == []


@pytest.mark.parametrize(
    ("code", "fixed"),
    [
        ("f = open(\n    path,\n)\n", 'f = open(\n    path,\n    encoding="utf-8",\n)\n'),
        ("f = open(p , 'r' )\n", "f = open(p , 'r', encoding='utf-8' )\n"),
        ("f = open(p, mode='w')  # out\n", "f = open(p, mode='w', encoding='utf-8')  # out\n"),
    ],
)
def test_encoding_fix_keeps_layout(code: str, fixed: str) -> None:
    assert _fixed("open-without-encoding", code) == fixed


def test_encoding_fix_is_never_safe() -> None:
    code = "f = open(p)\n"
    assert _fixed("open-without-encoding", code, unsafe=False) == code


def test_named_lines_read_in_a_nested_loop_are_left_alone() -> None:
    code = (
        "with open(p, encoding='utf-8') as f:\n    lines = f.readlines()\n"
        "    for x in xs:\n        for line in lines:\n            print(x, line)\n"
    )
    assert _findings("readlines-to-iterate", code) == []


def test_named_lines_read_once_are_flagged() -> None:
    code = (
        "with open(p, encoding='utf-8') as f:\n    lines = f.readlines()\n"
        "    for line in lines:\n        print(line)\n"
    )
    assert _findings("readlines-to-iterate", code) == [(2, 12, "TUT203")]
