"""The layers stay apart: the engine knows no editor, terminal or kata, and katas know no CLI.

Read from the source with `ast`, so a lazy import inside a function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = {
    "rules": ("cli", "server", "katas"),
    "katas": ("cli", "server"),
}


def imported_parts(path: Path, folder: Path) -> set[str]:
    """The top-level parts of `pitfall_tutor` a module imports (`cli`, `rules`...)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    depth_of_file = len(path.relative_to(folder).parts) - 1
    parts: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                names = [node.module or ""]
            elif node.level > depth_of_file + 1:  # climbs out of the folder
                names = [f"pitfall_tutor.{node.module or ''}"]
        for name in names:
            pieces = name.split(".")
            if pieces[0] == "pitfall_tutor" and len(pieces) > 1:
                parts.add(pieces[1])
    return parts


@pytest.mark.parametrize("folder", sorted(FORBIDDEN))
def test_no_layer_imports_the_ones_above_it(folder: str) -> None:
    offenders = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        if "misconceptions" in path.parts:  # learners' wrong ideas, not our code
            continue
        bad = imported_parts(path, ROOT / folder) & set(FORBIDDEN[folder])
        if bad:
            offenders.append(f"{path.relative_to(ROOT)} imports {sorted(bad)}")
    assert offenders == []


def test_the_check_sees_offending_imports(tmp_path: Path) -> None:
    module = tmp_path / "katas" / "q01" / "probe.py"
    module.parent.mkdir(parents=True)
    module.write_text(
        "from pitfall_tutor.cli.formats import as_text\n"
        "def later():\n"
        "    from ...server import hover\n"
        "from ..rules import ALL_RULES\n",
        encoding="utf-8",
    )
    assert imported_parts(module, tmp_path / "katas") == {"cli", "server"}
