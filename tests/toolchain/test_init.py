"""`tutor init`: a commented [tool.tutor] section that tutor itself accepts."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import run_tutor

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

BAD = "def add(item, bucket=[]):\n    bucket.append(item)\n    print(bucket)\n"


def tutor_table(path: Path) -> dict[str, object]:
    table: dict[str, object] = tomllib.loads(path.read_text(encoding="utf-8"))["tool"]["tutor"]
    return table


def test_creates_pyproject_with_a_section_tutor_reads(tmp_path: Path) -> None:
    result = run_tutor("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Created" in result.stdout
    assert tutor_table(tmp_path / "pyproject.toml") == {"select": ["ALL"], "ignore": []}
    (tmp_path / "cart.py").write_text(BAD, encoding="utf-8")
    lint = run_tutor("lint", "--no-cache", "cart.py", cwd=tmp_path)
    assert lint.returncode == 1
    assert "TUT071" in lint.stdout


def test_every_commented_example_is_a_valid_setting(tmp_path: Path) -> None:
    """Uncomment every `# key = value` line: tutor must accept all of them."""
    assert run_tutor("init", str(tmp_path)).returncode == 0
    path = tmp_path / "pyproject.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    examples = [line[2:] for line in lines if line.startswith("# ") and " = " in line]
    assert len(examples) == 4
    path.write_text("\n".join([*lines, *examples]) + "\n", encoding="utf-8")
    table = tutor_table(path)
    assert set(table) == {"select", "ignore", "per-file-ignores", "severity", "exclude", "docs-url"}

    (tmp_path / "cart.py").write_text(BAD, encoding="utf-8")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_cart.py").write_text(BAD, encoding="utf-8")
    lint = run_tutor("lint", "--no-cache", ".", cwd=tmp_path)
    assert lint.returncode == 1, lint.stderr
    # per-file-ignores silences the test file; docs-url rewrites the link.
    assert "cart.py:1:22: TUT071" in lint.stdout
    assert "test_cart.py" not in lint.stdout
    assert "https://example.org/tutor/rules/mutable-default-argument.html" in lint.stdout


def test_appends_to_an_existing_pyproject_and_keeps_its_text(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    original = '[project]\nname = "demo"\n\n[tool.ruff]\nline-length = 88'  # no final newline
    path.write_text(original, encoding="utf-8")
    result = run_tutor("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Added" in result.stdout
    text = path.read_text(encoding="utf-8")
    assert text.startswith(original + "\n\n[tool.tutor]\n")
    data = tomllib.loads(text)
    assert data["tool"]["ruff"] == {"line-length": 88}
    assert data["tool"]["tutor"]["select"] == ["ALL"]


def test_keeps_windows_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_bytes(b'[project]\r\nname = "demo"\r\n')
    assert run_tutor("init", cwd=tmp_path).returncode == 0
    data = path.read_bytes()
    assert b"[tool.tutor]\r\n" in data
    assert b"\n" not in data.replace(b"\r\n", b"")


@pytest.mark.parametrize(
    "existing",
    [
        '[tool.tutor]\nignore = ["global-statement"]\n',
        '[tool.tutor.severity]\nopen-without-with = "error"\n',
        '[tool]\ntutor.ignore = ["global-statement"]\n',
    ],
    ids=["table", "subtable", "dotted-key"],
)
def test_never_clobbers_an_existing_section(tmp_path: Path, existing: str) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(existing, encoding="utf-8")
    result = run_tutor("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "already has a [tool.tutor] section" in result.stdout
    assert path.read_text(encoding="utf-8") == existing


@pytest.mark.parametrize(
    ("existing", "message"),
    [
        ("[project\nname = 1\n", "invalid TOML"),
        ("tool = { ruff = { line-length = 88 } }\n", "inline table"),
    ],
    ids=["invalid", "inline-tool-table"],
)
def test_refuses_files_it_cannot_extend(tmp_path: Path, existing: str, message: str) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(existing, encoding="utf-8")
    result = run_tutor("init", cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert path.read_text(encoding="utf-8") == existing


def test_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = run_tutor("init", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "no such folder" in result.stderr
