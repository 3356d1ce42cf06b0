"""`tutor lint` on .ipynb files, through the real command line."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import nbformat
import pytest

from pitfall_tutor.rules import ALL_RULES
from pitfall_tutor.rules.engine.notebook import lint_notebook, mask_magics
from tests.conftest import run_tutor

from .helpers import notebook, write

MUTABLE = "def add(item, bucket=[]):\n    return bucket + [item]"


def lint_json(folder: Path, *args: str) -> tuple[int, list[dict]]:
    result = run_tutor("lint", "--no-cache", "--format", "json", *args, cwd=folder)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout)["diagnostics"]


def test_text_names_the_cell_and_the_line_inside_it(tmp_path: Path) -> None:
    write(tmp_path / "analysis.ipynb", notebook("x = 1", ("markdown", "# Notes"), "y = 2", MUTABLE))
    result = run_tutor("lint", "--no-cache", "analysis.ipynb", cwd=tmp_path)
    assert result.returncode == 1
    assert "analysis.ipynb:cell 4:1:22: TUT071 mutable-default-argument" in result.stdout
    assert "1 | def add(item, bucket=[]):" in result.stdout  # the snippet is the cell's line


def test_json_and_sarif_carry_the_cell(tmp_path: Path) -> None:
    write(tmp_path / "a.ipynb", notebook("import os", MUTABLE))
    (tmp_path / "b.py").write_text(MUTABLE + "\n", encoding="utf-8")
    _, found = lint_json(tmp_path)
    by_path = {item["path"]: item for item in found}
    assert (by_path["a.ipynb"]["cell"], by_path["a.ipynb"]["line"]) == (2, 1)
    assert by_path["b.py"]["cell"] is None
    sarif = json.loads(run_tutor("lint", "--no-cache", "--format", "sarif", cwd=tmp_path).stdout)
    results = sarif["runs"][0]["results"]
    cells = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r.get("properties")
        for r in results
    }
    assert cells == {"a.ipynb": {"cell": 2}, "b.py": None}


def test_names_from_earlier_cells_reach_later_cells(tmp_path: Path) -> None:
    merge = "merged = pd.merge(orders, customers, on='id')"
    write(tmp_path / "with.ipynb", notebook("import pandas as pd", ("markdown", "x"), merge))
    write(tmp_path / "without.ipynb", notebook(merge, "import pandas as pd"))
    _, found = lint_json(tmp_path)
    assert [(f["path"], f["cell"], f["rule"]) for f in found] == [
        ("with.ipynb", 3, "merge-without-how")
    ]


def test_cell_magics_are_skipped_and_line_magics_keep_positions(tmp_path: Path) -> None:
    cells = (
        "%%bash\ndef f(x=[]): pass",  # not Python: never linted
        "%matplotlib inline\n!pip install pandas\nfiles = !ls\n" + MUTABLE,
        "for i in range(3):\n    %time print(i)\nlist = [1]",
        "help?\n" + MUTABLE,
    )
    write(tmp_path / "m.ipynb", notebook(*cells))
    _, found = lint_json(tmp_path)
    assert [(f["cell"], f["line"], f["column"], f["rule"]) for f in found] == [
        (2, 4, 22, "mutable-default-argument"),
        (3, 3, 1, "shadowed-builtin"),
        (4, 2, 22, "mutable-default-argument"),
    ]


def test_masking_leaves_valid_python_alone() -> None:
    text = 'print("""\n%d items\n""" % 3)\n'
    assert mask_magics(text) == (text, frozenset())
    masked, lines = mask_magics("x = 1\n  %time f()\n!ls \\\n  -l\n")
    assert masked == "x = 1\n  pass\npass\n\n"
    assert lines == {2, 3, 4}


def test_ignore_comment_works_in_a_cell(tmp_path: Path) -> None:
    hidden = (
        "def add(item, bucket=[]):  # tutor: ignore[mutable-default-argument]\n    return bucket"
    )
    write(tmp_path / "n.ipynb", notebook("x = 1", hidden))
    code, found = lint_json(tmp_path)
    assert (code, found) == (0, [])


def test_a_cell_with_a_syntax_error_does_not_hide_the_others(tmp_path: Path) -> None:
    write(tmp_path / "s.ipynb", notebook("if x:", MUTABLE))
    _, found = lint_json(tmp_path)
    assert [(f["cell"], f["rule"]) for f in found] == [
        (1, "syntax-error"),
        (2, "mutable-default-argument"),
    ]


def test_discovery_exclude_and_switch_off(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "a.ipynb", notebook(MUTABLE))
    write(tmp_path / "skip.ipynb", notebook(MUTABLE))
    (tmp_path / "pyproject.toml").write_text('[tool.tutor]\nexclude = ["skip.ipynb"]\n')
    _, found = lint_json(tmp_path)
    assert [f["path"] for f in found] == ["sub/a.ipynb"]
    (tmp_path / "pyproject.toml").write_text("[tool.tutor]\nnotebooks = false\n")
    code, found = lint_json(tmp_path)
    assert (code, found) == (0, [])
    _, found = lint_json(tmp_path, "skip.ipynb")  # named on the command line: checked
    assert [f["path"] for f in found] == ["skip.ipynb"]
    (tmp_path / "pyproject.toml").write_text('[tool.tutor]\nnotebooks = "no"\n')
    result = run_tutor("lint", cwd=tmp_path)
    assert result.returncode == 2
    assert "`notebooks` must be true or false" in result.stderr


def test_non_python_notebook_is_a_clean_pass(tmp_path: Path) -> None:
    node = notebook("x <- c(1, 2)")
    node.metadata["kernelspec"] = {"name": "ir", "language": "R", "display_name": "R"}
    write(tmp_path / "r.ipynb", node)
    assert lint_json(tmp_path) == (0, [])


def git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.email=t@t", "-c", "user.name=t", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_fix_changes_only_the_fixed_lines(tmp_path: Path) -> None:
    """Outputs, metadata, key order and indentation stay; `git diff` shows the fix alone."""
    path = write(tmp_path / "n.ipynb", notebook("import os", MUTABLE, "y = 2", outputs=2))
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "start")
    result = run_tutor("lint", "--no-cache", "--fix", "n.ipynb", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    diff = git(tmp_path, "diff", "-U0")
    changed = [
        line
        for line in diff.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == [
        '-    "def add(item, bucket=[]):\\n",',
        '+    "def add(item, bucket=None):\\n",',
        '+    "    if bucket is None:\\n",',
        '+    "        bucket = []\\n",',
    ]
    fixed = nbformat.read(path, as_version=4)
    nbformat.validate(fixed)
    assert [len(cell.get("outputs", [])) for cell in fixed.cells] == [2, 2, 2]


STYLES = {
    "nbformat": {"indent": 1},
    "string-source-no-final-newline": {"indent": 2, "as_list": False, "newline": ""},
    "four-spaces": {"indent": 4, "newline": ""},
    "one-line-json": {"indent": None},
    "crlf-and-bom": {"indent": 1, "crlf": True, "bom": True},
    "escaped-non-ascii": {"indent": 1, "ascii": True},
    "tab-indent": {"indent": "\t"},
}


@pytest.mark.parametrize("style", list(STYLES))
def test_fix_keeps_the_files_own_style(tmp_path: Path, style: str) -> None:
    options = {"as_list": True, "newline": "\n", "crlf": False, "bom": False, "ascii": False}
    options.update(STYLES[style])
    node = json.loads(nbformat.writes(notebook("name = 'café'", MUTABLE, outputs=1)))
    node = {"nbformat": node.pop("nbformat"), **node}  # a key order nbformat would not write
    for cell in node["cells"]:
        if not options["as_list"]:
            cell["source"] = "".join(cell["source"])

    def dumps(value: object) -> bytes:
        text = json.dumps(value, indent=options["indent"], ensure_ascii=options["ascii"])
        text += str(options["newline"])
        if options["crlf"]:
            text = text.replace("\n", "\r\n")
        return (b"\xef\xbb\xbf" if options["bom"] else b"") + text.encode("utf-8")

    path = tmp_path / "n.ipynb"
    path.write_bytes(dumps(node))
    assert run_tutor("lint", "--no-cache", "--fix", "n.ipynb", cwd=tmp_path).returncode == 0
    source = MUTABLE.replace(
        "bucket=[]):", "bucket=None):\n    if bucket is None:\n        bucket = []"
    )
    node["cells"][1]["source"] = source.splitlines(keepends=True) if options["as_list"] else source
    assert path.read_bytes() == dumps(node)


def test_diff_shows_each_cell_and_writes_nothing(tmp_path: Path) -> None:
    path = write(tmp_path / "n.ipynb", notebook(MUTABLE, "x = 1", MUTABLE.replace("add", "put")))
    before = path.read_bytes()
    result = run_tutor("lint", "--no-cache", "--diff", "n.ipynb", cwd=tmp_path)
    assert result.returncode == 1
    assert path.read_bytes() == before
    assert "--- a/n.ipynb:cell 1\n+++ b/n.ipynb:cell 1\n" in result.stdout
    assert "--- a/n.ipynb:cell 3\n+++ b/n.ipynb:cell 3\n" in result.stdout
    assert "+def put(item, bucket=None):" in result.stdout
    assert "cell 2" not in result.stdout


def test_cache_keeps_the_cell(tmp_path: Path) -> None:
    write(tmp_path / "n.ipynb", notebook("x = 1", MUTABLE))
    first = run_tutor("lint", "--format", "json", cwd=tmp_path).stdout
    second = run_tutor("lint", "--format", "json", cwd=tmp_path).stdout
    assert first == second
    assert json.loads(second)["diagnostics"][0]["cell"] == 2


def test_engine_counts_every_cell() -> None:
    data = nbformat.writes(notebook(("markdown", "a"), ("markdown", "b"), MUTABLE)).encode()
    read, findings = lint_notebook(data, "n.ipynb", ALL_RULES)
    assert read is not None
    assert [(f.cell, f.start.line, f.rule) for f in findings] == [
        (3, 1, "mutable-default-argument")
    ]


CELLS = [
    "import os\n\n\ndef read(path):\n    return open(path).read()",
    "%load_ext autoreload\n%autoreload 2",
    "def add(item, bucket=[]):\n    return bucket + [item]\n",
    "!ls\nfor i in range(3):\n    list = i\n",
    "x = {'a': 1, 'a': 2}",
    "\n\n\ndef later(d={}):\n    return d",
]


@pytest.mark.parametrize("rotation", range(len(CELLS)))
def test_each_finding_is_where_linting_its_cell_alone_puts_it(rotation: int) -> None:
    """Cells that share no names: the notebook's findings are each cell's own, placed in it."""
    from pitfall_tutor.rules.engine.engine import lint_text
    from pitfall_tutor.rules.engine.notebook import lint_cells

    cells = CELLS[rotation:] + CELLS[:rotation]
    code = list(enumerate(cells))
    expected = set()
    for index, source in code:
        alone = lint_text(mask_magics(source)[0], "cell.py", ALL_RULES)
        expected |= {(index + 1, f.start, f.end, f.rule) for f in alone}
    found = {(f.cell, f.start, f.end, f.rule) for f in lint_cells(code, "n.ipynb", ALL_RULES, None)}
    assert found == expected
    assert len(expected) >= 4


def test_a_rewrite_that_would_not_read_back_the_same_is_refused() -> None:
    """The rewrite is parsed again and compared with the notebook as read, whole."""
    from pitfall_tutor.rules.engine.notebook_file import Notebook, read_notebook

    data = nbformat.writes(notebook("x = 1", MUTABLE, outputs=2)).encode()
    read = read_notebook(data)
    assert isinstance(read, Notebook)
    assert b"y = 2" in read.with_sources({1: "y = 2\n"})
    read.document["cells"][0]["outputs"].pop()  # as if the splice had dropped an output
    with pytest.raises(ValueError, match="would not read back the same"):
        read.with_sources({1: "y = 2\n"})


def test_github_annotations_name_the_cell(tmp_path: Path) -> None:
    write(tmp_path / "a.ipynb", notebook("import os", MUTABLE))
    result = run_tutor("lint", "--no-cache", "--format", "github", cwd=tmp_path)
    [line] = result.stdout.splitlines()
    assert line.startswith("::warning file=a.ipynb,line=1,col=22,")
    assert "title=TUT071 mutable-default-argument (cell 2)" in line
    assert "::cell 2, line 1: mutable default" in line
