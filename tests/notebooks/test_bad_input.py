"""Bad notebooks: a clear message or a clean pass, never a crash, never a rewrite.

Each case sits next to a good notebook with one pitfall, through the real
`tutor` command (with `--fix`, the strongest temptation to write): the bad
file is left byte for byte as it was, and the good one is still checked.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from nbformat.v4 import new_output

from tests.conftest import run_tutor

from .helpers import notebook, write

PITFALL = "def add(item, bucket=[]):\n    return bucket + [item]"


def cell(source: object, kind: str = "code") -> dict[str, object]:
    made: dict[str, object] = {"cell_type": kind, "metadata": {}, "source": source}
    if kind == "code":
        made.update(execution_count=None, outputs=[])
    return made


def document(cells: object, nbformat: object = 4) -> bytes:
    return json.dumps(
        {"cells": cells, "metadata": {}, "nbformat": nbformat, "nbformat_minor": 5}
    ).encode()


CASES = {
    "not-json": (b'{"cells": [', "TUT902", "invalid JSON"),
    "empty-file": (b"", "TUT902", "the file is empty"),
    "not-utf8": (b'{"cells": [], "x": "\xff"}', "TUT902", "not valid UTF-8"),
    "json-list": (b"[1, 2]", "TUT902", "not an object"),
    "nbformat-3": (
        json.dumps({"nbformat": 3, "worksheets": [{"cells": []}], "metadata": {}}).encode(),
        "TUT903",
        "nbformat 3 is not supported",
    ),
    "nbformat-missing": (b'{"cells": []}', "TUT903", "nbformat missing is not supported"),
    "no-cells-key": (json.dumps({"nbformat": 4, "metadata": {}}).encode(), "TUT903", "no `cells`"),
    "source-not-text": (document([cell(42), cell("x = 1")]), "TUT903", "neither a string nor"),
    "deep-json": (b"[" * 100_000 + b"]" * 100_000, "TUT902", ""),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_notebook_gets_one_clear_finding(tmp_path: Path, name: str) -> None:
    content, code, words = CASES[name]
    bad = tmp_path / "bad.ipynb"
    bad.write_bytes(content)
    write(tmp_path / "good.ipynb", notebook(PITFALL))
    result = run_tutor("lint", "--no-cache", "--fix", "--format", "json", cwd=tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    assert bad.read_bytes() == content
    found = json.loads(result.stdout)["diagnostics"]
    about_bad = [(f["code"], f["message"]) for f in found if f["path"] == "bad.ipynb"]
    assert len(about_bad) == 1, about_bad
    assert about_bad[0][0] == code
    assert words in about_bad[0][1]
    good = json.loads((tmp_path / "good.ipynb").read_text(encoding="utf-8"))
    assert "bucket=None" in "".join(good["cells"][0]["source"])  # the good one was fixed


@pytest.mark.parametrize(
    "content",
    [
        document([]),
        document([cell("# Title", "markdown"), cell("raw text", "raw")]),
        document([cell(["import os\n", "x = 1\n"]), cell([]), cell("")]),
        document([cell(["%%timeit\n", "def f(x=[]): pass\n"])]),
    ],
    ids=["no-cells", "no-code-cells", "source-as-list-and-empty", "only-cell-magics"],
)
def test_notebooks_with_nothing_to_find_are_a_clean_pass(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "quiet.ipynb"
    path.write_bytes(content)
    result = run_tutor("lint", "--no-cache", "--fix", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["diagnostics"] == []
    assert path.read_bytes() == content


def test_fifty_megabyte_output_is_checked_and_kept(tmp_path: Path) -> None:
    node = notebook("import os", PITFALL)
    line = "x" * 1000 + "\n"
    node.cells[0].outputs = [new_output("stream", name="stdout", text=line * 50_000)]
    path = write(tmp_path / "big.ipynb", node)
    assert path.stat().st_size > 50_000_000
    result = run_tutor("lint", "--no-cache", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    found = json.loads(result.stdout)["diagnostics"]
    assert [(f["cell"], f["rule"]) for f in found] == [(2, "mutable-default-argument")]
    before = path.read_bytes()
    assert run_tutor("lint", "--no-cache", "--fix", cwd=tmp_path).returncode == 0
    after = path.read_bytes()
    prefix = next(
        i for i in range(0, len(before), 4096) if before[i : i + 4096] != after[i : i + 4096]
    )
    suffix = next(
        i
        for i in range(0, len(before), 4096)
        if before[-i - 4096 : len(before) - i] != after[-i - 4096 : len(after) - i]
    )
    changed = after[prefix : len(after) - suffix]
    assert len(changed) < 3 * 4096  # the fix's block or two, nothing of the 50 MB around it
    assert b"bucket is None" in changed


def test_read_only_notebook_is_not_replaced(tmp_path: Path) -> None:
    path = write(tmp_path / "ro.ipynb", notebook(PITFALL))
    before = path.read_bytes()
    path.chmod(0o444)
    try:
        result = run_tutor("lint", "--no-cache", "--fix", cwd=tmp_path)
    finally:
        path.chmod(0o644)
    assert result.returncode == 2
    assert "read-only; not written" in result.stdout
    assert path.read_bytes() == before


def test_stdin_notebook_fix_prints_the_whole_notebook(tmp_path: Path) -> None:
    node = notebook("x = 1", PITFALL)
    from nbformat import writes

    text = writes(node) + "\n"
    result = run_tutor(
        "lint", "--fix", "--stdin-filename", "n.ipynb", "-", input=text, cwd=tmp_path
    )
    assert "Traceback" not in result.stderr
    fixed = json.loads(result.stdout)
    assert "bucket=None" in "".join(fixed["cells"][1]["source"])
    assert fixed["cells"][0] == json.loads(text)["cells"][0]
