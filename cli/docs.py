"""`tutor docs build OUT`: the question, rule and kata pages as a static HTML site.

Host the folder anywhere and point `docs-url` at it (docs/site.md shows the
template). Only typer is imported at start-up; the renderer and markdown-it-py
load when the command runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .completion import docs_topics

EXIT_USAGE = 2

docs_app = typer.Typer(
    help="The documentation site: every question, rule and kata page as static HTML.",
    no_args_is_help=True,
    rich_markup_mode=None,
    add_completion=False,
)


@docs_app.command("build")
def build(
    out: Annotated[Path, typer.Argument(help="The folder to write (created if needed).")],
) -> None:
    """Render the site into OUT: HTML pages, a search box and its JSON index."""
    try:
        import markdown_it  # noqa: F401
    except ImportError:
        typer.echo(
            "tutor: error: `tutor docs build` needs markdown-it-py: "
            "pip install 'pitfall-tutor[docs]'",
            err=True,
        )
        raise typer.Exit(EXIT_USAGE) from None
    from .site.build import SiteError, build_site

    try:
        written = build_site(out)
    except (SiteError, OSError) as exc:
        typer.echo(f"tutor: error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    pages = sum(name.endswith(".html") for name in written)
    typer.echo(f"Wrote {pages} pages to {out}; open {out / 'index.html'}")


@docs_app.command("open")
def open_page(
    topic: Annotated[
        str | None,
        typer.Argument(
            help="A question (q7), a rule (TUT071 or its name) or a kata; default: home.",
            autocompletion=docs_topics,
        ),
    ] = None,
    print_only: Annotated[
        bool, typer.Option("--print", help="Print the page's address; open no browser.")
    ] = False,
) -> None:
    """Open a rendered page in the browser (rendered to the cache on first use)."""
    from pitfall_tutor.katas.catalogue import find_kata
    from pitfall_tutor.rules import find_rule
    from pitfall_tutor.rules.questions import find_question

    from .site.cache import ensure_site
    from .site.pages import HOME, kata_path, question_path, rule_path

    path = HOME
    if topic:
        item, rule, kata = find_question(topic), find_rule(topic), find_kata(topic)
        if item is not None:
            path = question_path(item)
        elif rule is not None:
            path = rule_path(rule)
        elif kata is not None:
            path = kata_path(kata)
        else:
            from .explain import suggestions

            hint = suggestions(topic)
            typer.echo(f"tutor: error: no page for {topic!r}.{hint}", err=True)
            raise typer.Exit(EXIT_USAGE)
    folder = ensure_site()
    if folder is None:
        typer.echo("tutor: error: could not render the pages into the cache folder", err=True)
        raise typer.Exit(EXIT_USAGE)
    url = (folder / path).as_uri()
    if print_only:
        typer.echo(url)
        return
    import webbrowser

    opened = webbrowser.open(url)
    typer.echo(f"{'Opened' if opened else 'Open this page in your browser:'} {url}")
