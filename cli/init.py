"""`tutor init`: start a project's `[tool.tutor]` settings, every key explained.

The section goes at the end of pyproject.toml (created when missing). A file
that already has the table, in any TOML spelling, is never touched, and
neither is one the new section would make invalid.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

EXIT_USAGE = 2

# Every example names real rules and valid values: a test uncomments them all
# and lints with the result.
SECTION = """\
[tool.tutor]
# pitfall-tutor: `tutor rules` lists every rule, `tutor explain NAME` explains one.
# Rules to run: names, codes (TUT071), code prefixes (TUT07) or "ALL".
select = ["ALL"]
# Rules to skip everywhere.
ignore = []
# Rules to skip in some files (gitignore-style patterns, relative to this file).
# per-file-ignores = { "tests/*.py" = ["mutable-default-argument"] }
# A rule's level: "error", "warning" or "info".
# severity = { open-without-with = "error" }
# Paths never to lint, on top of what .gitignore ignores.
# exclude = ["generated/"]
# Where each finding's link points, e.g. a hosted `tutor docs build` site.
# {question} becomes 7, {slug} q07-arguments and {rule} mutable-default-argument.
# docs-url = "https://example.org/tutor/rules/{rule}.html"
"""

CREATED, ADDED, PRESENT = "created", "added", "present"


class InitError(Exception):
    """pyproject.toml cannot take the section; nothing was written."""


def add_section(path: Path) -> str:
    """Write SECTION into the pyproject.toml at `path`; says what it did."""
    if not path.exists():
        _write(path, SECTION)
        return CREATED
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InitError(f"{path}: cannot read: {exc}") from None
    tool = _parse(text, path).get("tool", {})
    if isinstance(tool, dict) and "tutor" in tool:
        return PRESENT
    newline = "\r\n" if "\r\n" in text else "\n"
    if text and not text.endswith("\n"):
        text += newline
    updated = text + (newline if text.strip() else "") + SECTION.replace("\n", newline)
    try:
        _parse(updated, path)
    except InitError:
        raise InitError(
            f"{path}: adding a [tool.tutor] table here would make the file invalid TOML "
            "(is `tool` an inline table?); add the section by hand"
        ) from None
    _write(path, updated)
    return ADDED


def _write(path: Path, text: str) -> None:
    try:
        path.write_bytes(text.encode("utf-8"))
    except OSError as exc:
        raise InitError(f"{path}: cannot write: {exc.strerror}") from None


def _parse(text: str, path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InitError(f"{path}: invalid TOML: {exc}") from None


def init(
    folder: Annotated[
        Path, typer.Argument(help="The project folder (default: the current one).")
    ] = Path("."),
) -> None:
    """Write a commented [tool.tutor] section into pyproject.toml (never replaces one)."""
    if not folder.is_dir():
        typer.echo(f"tutor: error: {folder}: no such folder", err=True)
        raise typer.Exit(EXIT_USAGE)
    path = folder / "pyproject.toml"
    try:
        outcome = add_section(path)
    except InitError as exc:
        typer.echo(f"tutor: error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    messages = {
        CREATED: f"Created {path} with a commented [tool.tutor] section.",
        ADDED: f"Added a commented [tool.tutor] section to {path}.",
        PRESENT: f"{path} already has a [tool.tutor] section; left it as it is.",
    }
    typer.echo(messages[outcome])
