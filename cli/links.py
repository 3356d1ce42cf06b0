"""Learn links as the terminal shows them: the rendered page, rendered on first need."""

from __future__ import annotations

from pitfall_tutor.rules.questions.learn import LearnLink, learn_link


def local_link(
    number: int, rule: str = "", code: str = "", docs_url: str | None = None
) -> LearnLink:
    link = learn_link(number, rule, code, docs_url, local=True)
    if link.url and link.url.startswith("file:"):
        from .site.cache import ensure_site

        if ensure_site() is None:  # could not render: say the command instead
            return learn_link(number, rule, code, docs_url, local=False)
    return link


def local_learn_link(number: int, rule: str = "", code: str = "") -> str:
    return local_link(number, rule, code).text()
