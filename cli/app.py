"""The `tutor` command: lint, rules and explain (more commands join here).

Heavy modules are imported inside the commands so `tutor --help` stays quick.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from pitfall_tutor import __version__

from .cards import cards
from .docs import docs_app
from .init import init
from .kata import kata_app

app = typer.Typer(
    name="tutor",
    help="Learn Python through its pitfalls: lint rules tied to twenty interview questions.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _split(values: list[str] | None) -> tuple[str, ...]:
    return tuple(
        part.strip() for value in values or [] for part in value.split(",") if part.strip()
    )


def _fail(message: str) -> typer.Exit:
    typer.echo(f"tutor: error: {message}", err=True)
    return typer.Exit(EXIT_USAGE)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tutor {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Learn Python through its pitfalls."""


@app.command()
def lint(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Files or folders; '-' reads stdin.")
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(help="Rules to run: names or codes, comma-separated, or ALL."),
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option(help="Rules to skip: names or codes, comma-separated.")
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", help="text, json, sarif or github.")
    ] = "text",
    fix: Annotated[bool, typer.Option("--fix", help="Apply safe fixes.")] = False,
    unsafe_fixes: Annotated[
        bool, typer.Option("--unsafe-fixes", help="Also apply unsafe fixes.")
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Show the fixes as a diff; write nothing.")
    ] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Do not read or write the cache.")
    ] = False,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Processes to use (default: CPUs).")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the finding lines.")] = False,
    statistics: Annotated[
        bool, typer.Option("--statistics", help="Count findings per rule.")
    ] = False,
    config: Annotated[
        Path | None, typer.Option(help="Use this pyproject.toml for every file.")
    ] = None,
    stdin_filename: Annotated[str | None, typer.Option(help="The name to show for stdin.")] = None,
) -> None:
    """Check Python files for pitfalls. Exit 0: clean, 1: findings, 2: usage error."""
    from pitfall_tutor.rules.engine.config import ConfigError

    from .formats import Format
    from .lint import STDIN, Options, run_lint

    try:
        fmt = Format(output_format)
    except ValueError:
        raise _fail(f"unknown format {output_format!r}; use text, json, sarif or github") from None
    targets = paths or ["."]
    options = Options(
        select=_split(select),
        ignore=_split(ignore),
        fix=fix or diff or unsafe_fixes,
        unsafe_fixes=unsafe_fixes,
        write=not diff,
        config=config,
        stdin_filename=stdin_filename,
        jobs=jobs,
        no_cache=no_cache,
    )
    stdin = sys.stdin.buffer.read() if STDIN in targets else None
    try:
        from .progress import ProgressBar

        with ProgressBar(enabled=fmt is Format.TEXT and not quiet) as bar:
            run = run_lint(targets, options, stdin, progress=bar.update)
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    for message in run.path_errors:
        typer.echo(f"tutor: error: {message}", err=True)

    if diff:
        from .fixdiff import write_diff

        changed = write_diff(run, sys.stdout)
        raise typer.Exit(
            EXIT_USAGE if run.path_errors else EXIT_FINDINGS if changed else EXIT_CLEAN
        )
    if stdin is not None and options.fix and fmt is Format.TEXT:
        # Like other fixers: fixed code goes to stdout, findings to stderr.
        stdin_result = run.checked[0]
        fixed = stdin_result.fixed_text
        sys.stdout.write(fixed if fixed is not None else (stdin_result.result.text or ""))
        from .formats.as_text import write as write_text

        write_text(run, sys.stderr, quiet=quiet, statistics=statistics)
    elif fmt is Format.TEXT:
        from .formats.as_text import write as write_text

        write_text(run, sys.stdout, quiet=quiet, statistics=statistics)
    else:
        from .formats import writer

        writer(fmt)(run, sys.stdout)
    if run.path_errors or any(c.write_error for c in run.checked):
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_FINDINGS if run.findings else EXIT_CLEAN)


@app.command("rules")
def rules_command(
    output_format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """List every rule: code, name, question, severity and whether it can fix."""
    from .explain import list_rules

    if output_format not in ("text", "json"):
        raise _fail(f"unknown format {output_format!r}; use text or json")
    list_rules(output_format, sys.stdout)


@app.command()
def explain(
    topic: Annotated[str, typer.Argument(help="A rule name or code (TUT071), or a question (q7).")],
) -> None:
    """Explain a rule or an interview question in the terminal."""
    from .explain import explain_topic

    if not explain_topic(topic, sys.stdout):
        raise _fail(f"no rule or question called {topic!r}; try `tutor rules` or q1 to q20")


@app.command()
def serve(
    tcp: Annotated[
        str | None, typer.Option(help="Listen on [HOST:]PORT instead of stdio (for debugging).")
    ] = None,
    stdio: Annotated[
        bool,
        typer.Option(
            "--stdio", help="Talk over stdin and stdout (the default; editors often pass it)."
        ),
    ] = False,
) -> None:
    """Run the language server (stdio by default) for editors."""
    from pitfall_tutor.server.main import run

    if stdio and tcp is not None:
        raise _fail("--stdio and --tcp exclude each other")
    run(tcp=tcp)


# Practice: katas and flashcards (both modules import only typer at start-up).
app.add_typer(kata_app, name="kata")
app.command("cards")(cards)
# Project set-up and the documentation site (both import only typer at start-up).
app.command("init")(init)
app.add_typer(docs_app, name="docs")


def main() -> None:
    app()
