"""`tutor docs build OUT`: the question, rule and kata pages as a static HTML site.

Host the folder anywhere and point `docs-url` at it (docs/site.md shows the
template). Only typer is imported at start-up; the renderer and markdown-it-py
load when the command runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

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
