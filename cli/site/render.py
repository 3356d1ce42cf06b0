"""Markdown to HTML for the site, with markdown-it-py (CommonMark plus tables).

Raw HTML in the Markdown is escaped, not passed through, so a page can never
inject markup. Two passes over the tokens add what the terminal does not need:
an id on every heading, and a link on every code span that names a page
(`mutable-default-argument`, `tutor explain q7`, `tutor kata scope`).
"""

from __future__ import annotations

import posixpath
import re
from itertools import pairwise

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .pages import Page


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def relative(from_page: str, to_path: str) -> str:
    """The href from one site path to another (`rules/a.html` to `q07-x.html#b`)."""
    target, _, fragment = to_path.partition("#")
    href = posixpath.relpath(target, posixpath.dirname(from_page) or ".")
    return f"{href}#{fragment}" if fragment else href


def render(page: Page, targets: dict[str, str]) -> str:
    parser = _parser()
    tokens = parser.parse(page.markdown)
    _add_heading_ids(tokens)
    _link_code_spans(tokens, page, targets)
    return str(parser.renderer.render(tokens, parser.options, {}))


def plain_text(markdown: str) -> str:
    """The words of a page for the search index: prose and inline code, no code blocks."""
    words: list[str] = []
    for token in _parser().parse(markdown):
        if token.type == "inline":
            words.append(
                "".join(
                    " " if child.type in ("softbreak", "hardbreak") else child.content
                    for child in token.children or []
                )
            )
    return " ".join(" ".join(words).split())


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def _add_heading_ids(tokens: list[Token]) -> None:
    used: set[str] = set()
    for opening, inline in pairwise(tokens):
        if opening.type != "heading_open":
            continue
        base = slugify(inline.content)
        slug, number = base, 1
        while slug in used:
            number += 1
            slug = f"{base}-{number}"
        used.add(slug)
        opening.attrSet("id", slug)


def _link_code_spans(tokens: list[Token], page: Page, targets: dict[str, str]) -> None:
    anchored: set[str] = set()
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        children: list[Token] = []
        inside_link = 0
        for child in token.children:
            inside_link += {"link_open": 1, "link_close": -1}.get(child.type, 0)
            target = targets.get(child.content) if child.type == "code_inline" else None
            if target is None or target == page.path or inside_link:
                children.append(child)
                continue
            opening = Token("link_open", "a", 1)
            opening.attrSet("href", relative(page.path, target))
            if child.content in page.anchors and child.content not in anchored:
                anchored.add(child.content)
                opening.attrSet("id", child.content)
            children += [opening, child, Token("link_close", "a", -1)]
        token.children = children
