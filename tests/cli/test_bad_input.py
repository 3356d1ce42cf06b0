"""Bad input gets a clear finding and the right exit code; other files still run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_tutor

BAD = "def add(item, bucket=[]):\n    return bucket\n"


def lint_json(folder: Path) -> dict:
    result = run_tutor("lint", "--format", "json", ".", cwd=folder)
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


def by_path(document: dict) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for diagnostic in document["diagnostics"]:
        out.setdefault(diagnostic["path"], []).append(diagnostic)
    return out


@pytest.mark.parametrize(
    ("content", "rule", "line"),
    [
        ("def f(:\n    pass\n", "syntax-error", 1),
        ("x = 1\n\x00\n", "syntax-error", 1),
        (b"x = '\xff\xfe'\n", "decode-error", 1),
        ("if True:\n\x0c    x = 1\n", None, None),  # CPython accepts it; not the user's error
        ("x = " + "(" * 1000 + ")" * 1000 + "\n", "syntax-error", 1),
    ],
    ids=["syntax", "nul", "invalid-utf8", "form-feed", "deep-parens"],
)
def test_bad_file_gets_one_clear_finding_and_others_still_run(
    tmp_path: Path, content: str | bytes, rule: str | None, line: int | None
) -> None:
    target = tmp_path / "bad.py"
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")
    (tmp_path / "good.py").write_text(BAD, encoding="utf-8")
    found = by_path(lint_json(tmp_path))
    assert [d["rule"] for d in found["good.py"]] == ["mutable-default-argument"]
    if rule is None:
        assert "bad.py" not in found
    else:
        [diagnostic] = found["bad.py"]
        assert diagnostic["rule"] == rule
        assert diagnostic["line"] == line
        assert diagnostic["url"] is None


def test_code_python_accepts_but_libcst_cannot_is_a_parser_limitation(tmp_path: Path) -> None:
    # Tabs after spaces in nested indentation: CPython accepts it, LibCST 1.x does not.
    source = "def f(x=[]):\n if x:\n\t return x\n"
    compile(source, "mixed.py", "exec")
    (tmp_path / "mixed.py").write_text(source, encoding="utf-8")
    [diagnostic] = lint_json(tmp_path)["diagnostics"]
    assert diagnostic["rule"] == "parser-limitation"
    assert diagnostic["severity"] == "warning"
    assert "Python can" in diagnostic["message"]


def test_form_feed_in_indentation_is_linted(tmp_path: Path) -> None:
    (tmp_path / "ff.py").write_text("def f(x=[]):\n\x0c    return x\n", encoding="utf-8")
    [diagnostic] = lint_json(tmp_path)["diagnostics"]
    assert diagnostic["rule"] == "mutable-default-argument"


def test_latin1_with_coding_line_is_honoured(tmp_path: Path) -> None:
    source = "# -*- coding: latin-1 -*-\nname = 'café'\ndef f(x=[]):\n    return x\n"
    (tmp_path / "old.py").write_bytes(source.encode("latin-1"))
    [diagnostic] = lint_json(tmp_path)["diagnostics"]
    assert diagnostic["rule"] == "mutable-default-argument"
    assert diagnostic["line"] == 3


def test_fix_keeps_encoding_bom_and_crlf(tmp_path: Path) -> None:
    source = "\ufeffdef f(x=[]):\r\n    return len(x)\r\n"  # read only: a safe fix
    path = tmp_path / "win.py"
    path.write_bytes(source.encode("utf-8"))
    assert run_tutor("lint", "--fix", "win.py", cwd=tmp_path).returncode == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfdef f(x=None):\r\n    if x is None:\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_deeply_nested_file_is_handled(tmp_path: Path) -> None:
    # A huge implicit string concatenation, like pydoc_data/topics.py.
    # Locating a finding that sits after it needs a deep code generation pass.
    body = "\n".join(f"    'line {i} '" for i in range(2500))
    source = f"topics = {{'a': (\n{body}\n)}}\n" + BAD
    (tmp_path / "topics.py").write_text(source, encoding="utf-8")
    (tmp_path / "good.py").write_text(BAD, encoding="utf-8")
    found = by_path(lint_json(tmp_path))
    assert [(d["rule"], d["line"]) for d in found["topics.py"]] == [
        ("mutable-default-argument", 2503)
    ]
    assert found["good.py"]


def test_unknown_config_key_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.tutor]\nselct = ['ALL']\n", encoding="utf-8")
    (tmp_path / "a.py").write_text(BAD, encoding="utf-8")
    result = run_tutor("lint", cwd=tmp_path)
    assert result.returncode == 2
    assert "unknown key(s) selct" in result.stderr


def test_symlink_loop_does_not_hang(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "a" / "x.py").write_text(BAD, encoding="utf-8")
    assert len(lint_json(tmp_path)["diagnostics"]) == 1
