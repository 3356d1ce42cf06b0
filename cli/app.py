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
from .completion import explain_topics, lint_formats, rule_names
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
        typer.Option(
            help="Rules to run: names or codes, comma-separated, or ALL.",
            autocompletion=rule_names,
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            help="Rules to skip: names or codes, comma-separated.", autocompletion=rule_names
        ),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option("--format", help="text, json, sarif or github.", autocompletion=lint_formats),
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
    name: Annotated[
        str | None,
        typer.Option(help="Whose work this is, written into --format json for `tutor report`."),
    ] = None,
) -> None:
    """Check Python files for pitfalls. Exit 0: clean, 1: findings, 2: usage error."""
    from .lint_command import lint_command

    raise typer.Exit(
        lint_command(
            paths=paths,
            select=select,
            ignore=ignore,
            output_format=output_format,
            fix=fix,
            unsafe_fixes=unsafe_fixes,
            diff=diff,
            no_cache=no_cache,
            jobs=jobs,
            quiet=quiet,
            statistics=statistics,
            config=config,
            stdin_filename=stdin_filename,
            name=name,
        )
    )


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
    topic: Annotated[
        str,
        typer.Argument(
            help="A rule name or code (TUT071), or a question (q7).",
            autocompletion=explain_topics,
        ),
    ],
) -> None:
    """Explain a rule or an interview question in the terminal."""
    from .explain import explain_topic, suggestions

    if not explain_topic(topic, sys.stdout):
        raise _fail(
            f"no rule or question called {topic!r}.{suggestions(topic)} "
            "See `tutor rules`, or q1 to q20."
        )


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


@app.command()
def report(
    results: Annotated[
        list[Path],
        typer.Argument(
            help="`tutor lint --format json` files, or folders of them (one per learner)."
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Where to write (default report.html; CSV: stdout)."),
    ] = None,
    output_format: Annotated[str, typer.Option("--format", help="html or csv.")] = "html",
    docs_url: Annotated[
        str | None,
        typer.Option(help="Link question pages here ({question}, {slug}, {rule}), e.g. your site."),
    ] = None,
    title: Annotated[str, typer.Option(help="The page's heading.")] = "Class report",
) -> None:
    """A class report from many learners' lint results: heatmap, top pitfalls, trend."""
    from .report import make_report

    if output_format not in ("html", "csv"):
        raise _fail(f"unknown format {output_format!r}; use html or csv")
    try:
        outcome = make_report(results, output, output_format, docs_url, title, sys.stdout)
    except OSError as exc:
        raise _fail(f"cannot write {exc.filename or output}: {exc.strerror or exc}") from None
    for error in outcome.errors:
        typer.echo(f"tutor: error: {error}", err=True)
    if outcome.written != "-":
        typer.echo(
            f"Wrote {outcome.written}: {outcome.learners} learner"
            f"{'s' * (outcome.learners != 1)} from {outcome.results} result"
            f"{'s' * (outcome.results != 1)}.",
            err=True,
        )
    if outcome.errors:
        raise typer.Exit(EXIT_USAGE)


@app.command()
def progress(
    enable: Annotated[
        bool, typer.Option("--enable", help="Start keeping your history of pitfalls (counts only).")
    ] = False,
    disable: Annotated[bool, typer.Option("--disable", help="Stop keeping it.")] = False,
    forget: Annotated[bool, typer.Option("--forget", help="Delete the history.")] = False,
    html: Annotated[
        Path | None, typer.Option("--html", help="Write a one-page report that opens offline.")
    ] = None,
    output_format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    directory: Annotated[
        Path | None, typer.Option("--dir", help="The kata workspace (default ./tutor-katas).")
    ] = None,
) -> None:
    """Per question: pitfalls your code showed, katas passed, cards known. History is opt-in."""
    from .learner import run_progress

    if output_format not in ("text", "json"):
        raise _fail(f"unknown format {output_format!r}; use text or json")
    raise typer.Exit(run_progress(enable, disable, forget, html, output_format, directory))


# Practice: katas and flashcards (both modules import only typer at start-up).
app.add_typer(kata_app, name="kata")
app.command("cards")(cards)
# Project set-up and the documentation site (both import only typer at start-up).
app.command("init")(init)
app.add_typer(docs_app, name="docs")


def main() -> None:
    app()
