"""Keeps each question page's "Rules and katas that teach this" list current.

The list is generated from the rule registry and the kata catalogue, so the page
and the code cannot drift; a test fails when a page is stale. It lives in the CLI
because it joins two layers: the engine knows no kata.
"""

from __future__ import annotations

from pitfall_tutor.rules.questions import LINKS_END, LINKS_START, QUESTIONS, Question


def links_markdown(item: Question) -> str:
    from pitfall_tutor.rules import ALL_RULES

    lines = [
        f"- `{rule.name}` ({rule.code}): {rule.message}"
        for rule in ALL_RULES
        if rule.question == item.number
    ]
    if not lines:
        lines = ["- No rule yet: this question is about ideas more than code patterns."]
    from pitfall_tutor.katas.catalogue import katas_for_question

    lines += [
        f"- Kata: `tutor kata {kata.slug}`: {kata.title}"
        for kata in katas_for_question(item.number)
    ]
    return "\n".join(lines)


def with_links(item: Question, text: str) -> str:
    start = text.index(LINKS_START) + len(LINKS_START)
    end = text.index(LINKS_END)
    return text[:start] + "\n" + links_markdown(item) + "\n" + text[end:]


def sync_pages() -> list[str]:
    """Rewrite stale pages; returns the names of those changed."""
    changed = []
    for item in QUESTIONS:
        text = item.text()
        fresh = with_links(item, text)
        if fresh != text:
            item.page.write_text(fresh, encoding="utf-8")
            changed.append(item.page.name)
    return changed


if __name__ == "__main__":
    for name in sync_pages():
        print(f"updated {name}")
