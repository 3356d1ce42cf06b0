"""The HTML around each page: header with the search box, breadcrumbs, pager.

Every link is relative, so the site works from any folder, on any host, and
opened straight from disk. `data-root` tells the search script where the
root is from the current page.
"""

from __future__ import annotations

import posixpath
from html import escape

from .pages import Link, Page
from .render import relative

SITE_NAME = "pitfall-tutor"


def page_html(page: Page, body: str) -> str:
    root = _root(page.path)
    title = page.title if page.kind == "home" else f"{page.title} · {SITE_NAME}"
    return "\n".join(
        [
            "<!doctype html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>",
            f'<link rel="stylesheet" href="{root}assets/style.css">',
            f'<link rel="stylesheet" href="{root}assets/highlight.css">',
            f'<script defer src="{root}search-index.js"></script>',
            f'<script defer src="{root}assets/search.js"></script>',
            "</head>",
            f'<body class="{page.kind}" data-root="{root}">',
            _header(page),
            _crumbs(page),
            f"<main>\n{body}</main>",
            _pager(page),
            f'<footer>Built with <code>tutor docs build</code>. <a href="{root}index.html">'
            "All questions, rules and katas</a></footer>",
            "</body>",
            "</html>",
            "",
        ]
    )


def _root(path: str) -> str:
    depth = posixpath.dirname(path).count("/") + 1 if posixpath.dirname(path) else 0
    return "../" * depth


def _anchor(page: Page, link: Link, rel: str = "") -> str:
    extra = f' rel="{rel}"' if rel else ""
    return f'<a href="{escape(relative(page.path, link.path))}"{extra}>{escape(link.title)}</a>'


def _header(page: Page) -> str:
    root = _root(page.path)
    return (
        '<header class="top">\n'
        f'<a class="site" href="{root}index.html">{SITE_NAME}</a>\n'
        '<form class="search" role="search" hidden>\n'
        '<label for="search-box">Search</label>\n'
        '<input id="search-box" type="search" autocomplete="off" '
        'placeholder="rules, questions, katas: try mutable default">\n'
        '<ol id="search-results" hidden></ol>\n'
        "</form>\n"
        "</header>"
    )


def _crumbs(page: Page) -> str:
    if not page.crumbs:
        return ""
    trail = " &rsaquo; ".join(_anchor(page, link) for link in page.crumbs)
    return f'<nav class="crumbs" aria-label="Breadcrumbs">{trail}</nav>'


def _pager(page: Page) -> str:
    parts = []
    if page.previous is not None:
        parts.append(f'<span class="previous">← {_anchor(page, page.previous, "prev")}</span>')
    if page.next is not None:
        parts.append(f'<span class="next">{_anchor(page, page.next, "next")} →</span>')
    return f'<nav class="pager">{"".join(parts)}</nav>' if parts else ""
