"""The `tutor` entry point: the two commands that run on every keystroke or commit start fast.

`tutor serve` (an editor starts it) and `tutor lint` (pre-commit and editors on
save run it once per file) skip typer, which imports pydantic to coerce every
parameter: about a third of a one-file lint. Their arguments are read here with
argparse into the same calls the typer commands make; anything this reader is
not sure of (`--help`, a typo, a bad value) goes to typer, which owns the
messages. tests/toolchain/test_startup_imports.py checks both paths agree.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from typing import Any


class Unsure(Exception):
    """The fast reader leaves this command line to typer."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # never print or exit: typer says it better
        raise Unsure(message)


def serve_arguments(argv: Sequence[str]) -> dict[str, Any]:
    parser = _Parser(add_help=False, allow_abbrev=False)
    parser.add_argument("--tcp")
    parser.add_argument("--stdio", action="store_true")
    values = parser.parse_args(argv)
    if values.stdio and values.tcp is not None:
        raise Unsure("--stdio and --tcp exclude each other")  # typer says so
    return {"tcp": values.tcp}


def lint_arguments(argv: Sequence[str]) -> dict[str, Any]:
    """The keyword arguments of `cli.app.lint` for this command line."""
    if "--help" in argv or "--install-completion" in argv:
        raise Unsure("help")
    parser = _Parser(add_help=False, allow_abbrev=False)
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--select", action="append")
    parser.add_argument("--ignore", action="append")
    parser.add_argument("--format", dest="output_format", default="text")
    for flag in ("--fix", "--unsafe-fixes", "--diff", "--no-cache", "--statistics"):
        parser.add_argument(flag, action="store_true")
    parser.add_argument("--quiet", "-q", action="store_true")
    parser.add_argument("--jobs", "-j", type=int)
    parser.add_argument("--config")
    parser.add_argument("--stdin-filename")
    parser.add_argument("--name")
    values = vars(parser.parse_args(argv))
    if values["jobs"] is not None and values["jobs"] < 1:
        raise Unsure("--jobs must be 1 or more")
    values["paths"] = values["paths"] or None
    if values["config"] is not None:
        from pathlib import Path

        values["config"] = Path(values["config"])
    return values


def main(argv: Sequence[str] | None = None) -> None:
    try:
        _main(argv)
    except BrokenPipeError:
        # The reader went away (`tutor lint | head`): stop quietly, as cat and grep do,
        # with stdout pointed at /dev/null so the exit's final flush cannot fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)


def _main(argv: Sequence[str] | None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    command, rest = (args[0], args[1:]) if args else ("", [])
    try:
        if command == "serve":
            arguments = serve_arguments(rest)
            # The server's imports create thousands of classes (lsprotocol, libcst):
            # the cyclic collector would rescan them over and over, about a fifth of
            # the start's CPU. `run` freezes what startup made and turns it back on.
            gc.disable()
            from pitfall_tutor.server.main import run

            run(**arguments)
            return
        if command == "lint":
            lint_now(lint_arguments(rest))
            return
    except Unsure:
        pass
    from .app import main as typer_main

    typer_main()


def lint_now(arguments: dict[str, Any]) -> None:
    """Run the lint command's own function, with its exits, as typer would have."""
    from .lint import relax_collector
    from .lint_command import lint_command

    relax_collector()
    sys.exit(lint_command(**arguments))
