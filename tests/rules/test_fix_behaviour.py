"""A safe fix keeps the program's behaviour: run the code before and after, compare.

Compiling is not enough: `def counter(n=[0])` compiles either way and counts
differently. Each rule's own fixed examples run here with the same inputs,
and so do programs where a fix would change behaviour: the test checks that
such fixes are offered only as unsafe, and that the unsafe ones really differ
(so the comparison itself can fail).
"""

from __future__ import annotations

import contextlib
import inspect
import io
import os
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pitfall_tutor.rules import ALL_RULES, Invalid
from pitfall_tutor.rules.engine.engine import lint_text
from pitfall_tutor.rules.engine.fixes import fix_text

FILES = {
    "notes.txt": "one\ntwo\n",
    "log.txt": "a\nb\n",
    "names.txt": " ann \nbob\n",
    "a.txt": "x\ny\n",
    "a.csv": "1,2\n",
}


def _world() -> dict[str, Any]:
    """The free names the rules' examples use, fresh for every run."""
    printed: list[str] = []

    def check(row: object) -> bool:
        printed.append(f"check {row!r}")  # a side effect the fix must keep
        return bool(row)

    return {
        "__name__": "example",
        "values": [3, 1, 2],
        "words": ["bb", "a", "ccc"],
        "basket": [types.SimpleNamespace(price=p) for p in (3, 4)],
        "raw_tags": ["A", "b", "A"],
        "students": [types.SimpleNamespace(score=s) for s in (5, 9, 1)],
        "path": ["usr", "", "bin"],
        "rows": [[1, 2], [], [3]],
        "check": check,
        "printed": printed,
        "levels": [0, 2, 1],
        "width": 2,
        "height": 3,
        "start": 1,
        "end": 3,
        "lines": ["a\n", " \n", "b\n"],
        "fields": ["7", "8"],
        "people": [types.SimpleNamespace(age=a) for a in (30, 20)],
        "paths": ["notes.txt", "missing"],
        "name": "out.txt",
        "report": "r",
        "f2": io.StringIO(),
        "load": lambda p: [1, 2, 3],
    }


def _sample(parameter: str) -> Any:
    """A fresh argument for a parameter, so in-place changes show."""
    if parameter in {"n", "count", "number", "level"}:
        return 5
    if parameter in {"word", "item", "key", "text", "tag"}:
        return "w"
    return [3, 1, 2]


def _outcome(call: Any) -> str:
    try:
        return repr(call())
    except Exception as exc:
        return f"raised {type(exc).__name__}"


def _observe(code: str, folder: Path) -> list[str]:
    """What the code does: its output, its error, its values, and its functions' answers."""
    namespace = _world()
    before = set(namespace)
    seen: list[str] = []
    out = io.StringIO()
    old = Path.cwd()
    os.chdir(folder)
    try:
        with contextlib.redirect_stdout(out):
            try:
                exec(compile(code, "example.py", "exec", dont_inherit=True), namespace)
            except Exception as exc:
                seen.append(f"module raised {type(exc).__name__}")
            for name in sorted(set(namespace) - before - {"__builtins__"}):
                value = namespace[name]
                if inspect.isfunction(value):
                    seen.extend(_probe(name, value))
                elif not inspect.isclass(value) and not inspect.ismodule(value):
                    if isinstance(value, io.IOBase):
                        value.close()
                        continue
                    seen.append(f"{name} = {value!r}")
    finally:
        os.chdir(old)
    seen.append(f"stdout {out.getvalue()!r}")
    seen.append(f"printed {namespace['printed']!r}")
    return seen


def _probe(name: str, function: Any) -> Iterator[str]:
    """Call twice (defaults are shared between calls) and show the arguments after."""
    parameters = inspect.signature(function).parameters.values()
    required = [
        p.name
        for p in parameters
        if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    for attempt in range(2):
        args = [_sample(p) for p in required]
        result = _outcome(lambda args=args: function(*args))
        yield f"{name}#{attempt} -> {result} args after {args!r}"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for file_name, text in FILES.items():
        (tmp_path / file_name).write_text(text, encoding="utf-8")
    return tmp_path


FIXED = [
    pytest.param(rule, case, id=f"{rule.name}-{i}")
    for rule in ALL_RULES
    for i, case in enumerate(rule.invalid)
    if isinstance(case, Invalid) and case.fixed is not None and not case.unsafe_fixes
]


@pytest.mark.parametrize(("rule", "case"), FIXED)
def test_safe_fix_of_an_example_keeps_behaviour(rule: Any, case: Invalid, folder: Path) -> None:
    assert case.fixed is not None
    assert _observe(case.code, folder) == _observe(case.fixed, folder)


def _fix_all(code: str, unsafe: bool) -> str:
    fixed, _, _ = fix_text(code, lambda text: lint_text(text, "program.py", ALL_RULES), unsafe)
    return fixed


# Programs whose fix would change what they do: only an unsafe fix may touch them.
CHANGED_BY_FIX = {
    "counter": "def counter(n=[0]):\n    n[0] += 1\n    return n[0]\nprint(counter(), counter())\n",
    "memo": "def fib(n, _memo={}):\n    if n not in _memo:\n"
    "        _memo[n] = n if n < 2 else fib(n - 1) + fib(n - 2)\n    return _memo[n]\n"
    "fib(20)\nprint(len(fib.__defaults__[0]))\n",
    "escaping default": "def registry(table={}):\n    return table\n"
    "registry()['a'] = 1\nprint(registry())\n",
    "collected": "def add(item, bucket=[]):\n    bucket.append(item)\n    return bucket\n"
    "add(1)\nprint(add(2))\n",
    "unhashable tested value": "for word in [['a'], 'b']:\n"
    "    try:\n        print(word in ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'])\n"
    "    except TypeError:\n        print('TypeError')\n",
}


@pytest.mark.parametrize("name", sorted(CHANGED_BY_FIX))
def test_fixes_that_change_behaviour_are_unsafe(name: str, folder: Path) -> None:
    code = CHANGED_BY_FIX[name]
    assert _fix_all(code, unsafe=False) == code, "a safe fix changed this program"
    unsafe = _fix_all(code, unsafe=True)
    assert unsafe != code, "the rule should still offer an (unsafe) fix"
    assert _observe(unsafe, folder) != _observe(code, folder), "the unsafe fix changes behaviour"


# Programs the safe fixes may rewrite, with behaviour that must not move.
KEPT_BY_SAFE_FIX = {
    "read-only default": "def total(prices=[]):\n    return sum(prices)\n"
    "print(total(), total([1, 2]), total())\n",
    "read-only default, typed": "from typing import Any\n\n"
    "def show(items: list[Any] = []) -> list[str]:\n    return [str(i) for i in items]\n"
    "print(show(), show([1]))\n",
    "generator consumers": "values = [3, 1, 2]\nprint(sum([v * 2 for v in values]),"
    " max([v for v in values]), sorted([v for v in values], reverse=True))\n",
    "repeated key": "d = {'a': 1, 'b': 2, 'a': 1}\nprint(list(d.items()))\n",
}


@pytest.mark.parametrize("name", sorted(KEPT_BY_SAFE_FIX))
def test_safe_fixes_keep_behaviour_of_programs(name: str, folder: Path) -> None:
    code = KEPT_BY_SAFE_FIX[name]
    fixed = _fix_all(code, unsafe=False)
    assert fixed != code, "expected a safe fix here"
    assert _observe(fixed, folder) == _observe(code, folder)
