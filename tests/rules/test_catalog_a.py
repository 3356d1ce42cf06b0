"""Ranges, rule interplay and fix details of the Q2-Q8 and Q14 rules, beyond their examples."""

from __future__ import annotations

from textwrap import dedent

import pytest

from pitfall_tutor.rules import Rule, find_rule
from pitfall_tutor.rules.engine.engine import lint_text
from pitfall_tutor.rules.engine.findings import Finding
from pitfall_tutor.rules.engine.fixes import fix_text


def _rule(key: str) -> type[Rule]:
    rule = find_rule(key)
    assert rule is not None, key
    return rule


def _lint(code: str, *keys: str, path: str = "example.py") -> list[Finding]:
    return lint_text(dedent(code), path, [_rule(key) for key in keys])


def _spans(findings: list[Finding]) -> list[tuple[str, int, int, int, int]]:
    return [(f.rule, f.start.line, f.start.column, f.end.line, f.end.column) for f in findings]


def _fix(code: str, key: str) -> str:
    rule = _rule(key)
    fixed, _, remaining = fix_text(
        dedent(code), lambda text: lint_text(text, "example.py", [rule]), unsafe=True
    )
    assert [f for f in remaining if f.fix is not None] == []
    compile(fixed, "fixed.py", "exec")
    return fixed


DEDUPE = """\
def unique(items):
    out = []
    for item in items:
        if item not in out:
            out.append(item)
    return out
"""


def test_dedupe_pattern_is_taught_by_one_rule_only() -> None:
    findings = _lint(DEDUPE, "list-membership-in-loop", "dedupe-with-list")
    assert _spans(findings) == [("dedupe-with-list", 4, 11, 4, 26)]


def test_list_membership_still_fires_next_to_a_dedupe() -> None:
    code = DEDUPE.replace("    return out\n", "    return [x for x in items if x in out]\n")
    rules = {f.rule for f in _lint(code, "list-membership-in-loop", "dedupe-with-list")}
    assert rules == {"list-membership-in-loop", "dedupe-with-list"}


@pytest.mark.parametrize(
    ("key", "code", "span"),
    [
        # Q2: the assignment; the unhashable display itself.
        ("TUT021", "xs = []\nfor i in r:\n    xs = xs + [i]\n", (3, 4, 3, 17)),
        ("TUT022", "d = {(1, [2]): 3}\n", (1, 9, 1, 12)),
        # Q3: the first read, which for `+=` is its target.
        ("TUT032", "n = 0\ndef f():\n    print(1)\n    n += 1\n", (4, 4, 4, 5)),
        ("TUT033", "def f(rows):\n    a, list = rows\n", (2, 7, 2, 11)),
        # Q5: the outer multiplication.
        ("TUT051", "g = [[0] * 3] * 2\n", (1, 4, 1, 17)),
        # Q8: the later key; the comprehension.
        ("TUT081", "d = {'a': 1,\n     'a': 2}\n", (2, 5, 2, 8)),
        ("TUT082", "d = {0: x for x in xs}\n", (1, 4, 1, 22)),
    ],
)
def test_ranges(key: str, code: str, span: tuple[int, int, int, int]) -> None:
    findings = _lint(code, key)
    assert [_spans(findings)[0][1:]] == [span]


def test_unbound_local_suggests_nonlocal_or_global() -> None:
    nested = "def outer():\n    total = 0\n    def add():\n        total += 1\n"
    module = "total = 0\ndef add():\n    total += 1\n"
    assert "`nonlocal total`" in _lint(nested, "TUT032")[0].message
    assert "`global total`" in _lint(module, "TUT032")[0].message


def test_unbound_local_is_silent_for_reads_in_nested_scopes() -> None:
    code = """\
    size = 1
    def f(items):
        key = lambda item: item[size]
        size = 2
        return sorted(items, key=key)
    """
    assert _lint(code, "TUT032") == []


def test_shadowed_builtin_is_reported_once_per_scope() -> None:
    code = "def f(rows):\n    for id in rows:\n        id = id.strip()\n"
    assert len(_lint(code, "TUT033")) == 1


def test_list_concat_keeps_comments_and_uses_extend_for_many_items() -> None:
    code = """\
    out = []
    for row in rows:
        out = out + [  # the pair
            row.a,
            row.b,
        ]
    """
    fixed = _fix(code, "list-concat-in-loop")
    assert fixed == dedent(
        """\
        out = []
        for row in rows:
            out += [  # the pair
                row.a,
                row.b,
            ]
        """
    )


def test_list_concat_is_silent_when_the_list_escapes_in_the_loop() -> None:
    code = "acc = []\nfor x in xs:\n    acc = acc + [x]\n    snapshots.append(acc)\n"
    assert _lint(code, "TUT021") == []


def test_duplicate_key_fix_keeps_the_other_comments() -> None:
    code = """\
    table = {
        'a': 1,  # first
        # the b entry
        'b': 2,
        'a': 1,
    }
    """
    assert _fix(code, "duplicate-dict-key") == dedent(
        """\
        table = {
            'a': 1,  # first
            # the b entry
            'b': 2,
        }
        """
    )


def test_duplicate_key_next_to_a_comment_is_reported_without_a_fix() -> None:
    code = "table = {\n    'a': 1,\n    'b': 2,  # keep me\n    'a': 1,\n}\n"
    findings = _lint(code, "TUT081")
    assert len(findings) == 1 and findings[0].fix is None


def test_duplicate_key_with_a_spread_between_is_reported_without_a_fix() -> None:
    findings = _lint("d = {'a': 1, **other, 'a': 1}\n", "TUT081")
    assert len(findings) == 1 and findings[0].fix is None


def test_multiplied_nested_list_has_no_fix_in_a_class_body() -> None:
    findings = _lint("class Board:\n    cells = [[0] * N] * N\n", "TUT051")
    assert len(findings) == 1 and findings[0].fix is None


def test_del_at_function_end_keeps_a_commented_del() -> None:
    findings = _lint("def f():\n    x = 1\n    del x  # free it\n", "TUT141")
    assert len(findings) == 1 and findings[0].fix is None


@pytest.mark.parametrize("key", ["TUT061", "TUT141"])
def test_test_files_are_left_alone(key: str) -> None:
    code = "import gc\n\ndef test_it():\n    obj = make()\n    gc.collect()\n    del obj\n"
    assert _lint(code, key, path="src/app.py")
    assert _lint(code, key, path="tests/test_app.py") == []


def test_shallow_copy_fix_needs_the_copy_module() -> None:
    code = "grid = [[0], [1]]\nclone = grid[:]\nclone[0].append(2)\n"
    findings = _lint(code, "TUT052")
    assert len(findings) == 1 and findings[0].fix is None
    assert _spans(findings) == [("shallow-copy-of-nested", 2, 8, 2, 15)]


def test_complex_comprehension_leaves_any_over_the_item_alone() -> None:
    code = "ok = [r for r in rows if any(c.bad for c in r.cells)]\n"
    assert _lint(code, "TUT083") == []
