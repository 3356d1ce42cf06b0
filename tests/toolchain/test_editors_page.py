"""The docs site's editors page names every setting and command the VS Code extension has."""

from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PAGE = (REPO / "cli" / "site" / "editors.md").read_text(encoding="utf-8")
MANIFEST = json.loads((REPO / "editors" / "vscode" / "package.json").read_text(encoding="utf-8"))


def test_every_setting_is_on_the_editors_page() -> None:
    settings = MANIFEST["contributes"]["configuration"]["properties"]
    assert len(settings) > 5, "a control: the manifest lists the settings"
    for name in settings:
        short = name.removeprefix("tutor.codeActions.")
        assert name in PAGE or (short != name and f"`.{short}`" in PAGE), name


def test_every_command_is_on_the_editors_page() -> None:
    commands = MANIFEST["contributes"]["commands"]
    assert commands, "a control: the manifest lists the commands"
    for command in commands:
        assert command["title"] in PAGE, command["title"]
