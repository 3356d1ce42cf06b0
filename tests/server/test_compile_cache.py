"""The compiled-class cache behind the server's start (server/compile_cache.py).

Real attrs and dataclasses classes, built in fresh processes where a start is
what matters; no timing here (benchmarks/server_latency.py measures the start).
"""

from __future__ import annotations

import builtins
import dataclasses
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pitfall_tutor.server.compile_cache import compiled_from_cache
from tests.conftest import TUTOR

SHAPES = """
from __future__ import annotations

import dataclasses

import attrs


@attrs.define
class Point:
    x: int
    y: int = 0


@dataclasses.dataclass(frozen=True)
class Size:
    width: int
    height: int = 1
"""

START = """
import sys

import attrs  # attrs' own classes hash a per-process string: compiled at every start

from pitfall_tutor.server.compile_cache import compiled_from_cache

sys.path.insert(0, sys.argv[2])
with compiled_from_cache(__import__("pathlib").Path(sys.argv[1])) as cache:
    import shapes
assert shapes.Point(1, 2) == shapes.Point(1, 2) != shapes.Point(1)
assert repr(shapes.Point(1)) == "Point(x=1, y=0)"
assert shapes.Size(3) == shapes.Size(3, 1) and hash(shapes.Size(3)) == hash(shapes.Size(3, 1))
print(cache.compiled, len(cache.used))
"""


def start(cache: Path, folder: Path) -> tuple[int, int]:
    done = subprocess.run(
        [sys.executable, "-c", START, str(cache), str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert done.returncode == 0, done.stderr
    compiled, used = done.stdout.split()
    return int(compiled), int(used)


def test_a_second_start_compiles_none_of_the_texts_the_first_kept(tmp_path: Path) -> None:
    (tmp_path / "shapes.py").write_text(SHAPES)
    cache = tmp_path / "cache" / "compiled.marshal"
    compiled, used = start(cache, tmp_path)
    assert compiled == used > 4  # attrs and dataclasses wrote methods for both classes
    assert cache.is_file()
    assert start(cache, tmp_path) == (0, used)  # the same classes, from the file


def test_the_callers_future_flags_choose_the_code(tmp_path: Path) -> None:
    """This module has `from __future__ import annotations`: a compile called here
    inherits it, one with dont_inherit does not, and the cache keeps them apart."""
    source = "def f(x: int) -> None: pass\n"
    cache_path = tmp_path / "compiled.marshal"
    for round_ in range(2):
        with compiled_from_cache(cache_path) as cache:
            inherited: dict[str, object] = {}
            plain: dict[str, object] = {}
            exec(compile(source, "<t>", "exec"), inherited)
            exec(compile(source, "<t>", "exec", dont_inherit=True), plain)
        assert inherited["f"].__annotations__ == {"x": "int", "return": "None"}
        assert plain["f"].__annotations__ == {"x": int, "return": None}
        assert cache.compiled == (2 if round_ == 0 else 0)


def test_a_corrupt_file_is_compiled_around_and_replaced(tmp_path: Path) -> None:
    cache_path = tmp_path / "compiled.marshal"
    cache_path.write_bytes(b"\x00not marshal at all")
    with compiled_from_cache(cache_path) as cache:
        namespace: dict[str, object] = {}
        exec(compile("answer = 6 * 7\n", "<t>", "exec"), namespace)
    assert namespace["answer"] == 42 and cache.compiled == 1
    with compiled_from_cache(cache_path) as again:
        exec(compile("answer = 6 * 7\n", "<t>", "exec"), namespace)
    assert again.compiled == 0


def test_a_damaged_entry_is_compiled_again(tmp_path: Path) -> None:
    cache_path = tmp_path / "compiled.marshal"
    with compiled_from_cache(cache_path):
        compile("answer = 6 * 7\n", "<t>", "exec")
    data = bytearray(cache_path.read_bytes())
    data[-8:] = b"\xff" * 8  # the end of the one code object kept
    cache_path.write_bytes(bytes(data))
    namespace: dict[str, object] = {}
    with compiled_from_cache(cache_path) as cache:
        exec(compile("answer = 6 * 7\n", "<t>", "exec"), namespace)
    assert namespace["answer"] == 42 and cache.compiled == 1


def test_an_unwritable_folder_only_costs_the_compiles(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("")
    with compiled_from_cache(tmp_path / "a-file" / "compiled.marshal") as cache:

        @dataclasses.dataclass
        class Pair:
            first: int

    assert Pair(1) == Pair(1) and cache.compiled > 0


def test_compile_and_dataclasses_exec_are_put_back_even_after_an_error(tmp_path: Path) -> None:
    real_compile = builtins.compile
    with pytest.raises(RuntimeError), compiled_from_cache(tmp_path / "compiled.marshal"):
        assert builtins.compile is not real_compile
        assert "exec" in vars(dataclasses)
        raise RuntimeError("an import failed")
    assert builtins.compile is real_compile
    assert "exec" not in vars(dataclasses)
    assert not (tmp_path / "compiled.marshal").exists()  # nothing kept from a failed start


def test_serve_compiles_its_classes_once(tmp_path: Path) -> None:
    """The real server: its second start finds nearly every class text in the cache."""
    env = {**os.environ, "TUTOR_CACHE_DIR": str(tmp_path), "TUTOR_LOG_LEVEL": "debug"}
    counts = []
    for _ in range(2):
        done = subprocess.run(
            [str(TUTOR), "serve"], input="", capture_output=True, text=True, env=env, timeout=120
        )
        found = re.search(r"compiled (\d+) of (\d+) generated texts", done.stderr)
        assert found, textwrap.shorten(done.stderr, 2000)
        counts.append((int(found[1]), int(found[2])))
    (first, total), (second, _) = counts
    assert first == total > 1000  # lsprotocol's and libcst's classes
    assert second * 10 < total  # only the few whose text changes at every start
