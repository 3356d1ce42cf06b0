"""The twenty question pages: complete, current, and their examples run."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys

import pytest

from pitfall_tutor.cli.question_links import with_links
from pitfall_tutor.rules import ALL_RULES
from pitfall_tutor.rules.questions import QUESTIONS, find_question, page_url

SECTIONS = [
    "## What the interviewer is checking",
    "## Example",
    "## Pitfalls",
    "## How to answer well",
    "## Rules and katas that teach this",
]


def test_twenty_questions_in_guide_order() -> None:
    assert [q.number for q in QUESTIONS] == list(range(1, 21))
    assert QUESTIONS[6].slug == "q07-arguments"
    assert QUESTIONS[19].slug == "q20-files"
    assert [q.level for q in QUESTIONS].count("basics") == 8


@pytest.mark.parametrize("item", QUESTIONS, ids=lambda q: q.slug)
def test_page_has_every_section_in_order(item) -> None:
    text = item.text()
    positions = [text.index(section) for section in SECTIONS]
    assert positions == sorted(positions)


@pytest.mark.parametrize("item", QUESTIONS, ids=lambda q: q.slug)
def test_links_section_is_current(item) -> None:
    text = item.text()
    assert with_links(item, text) == text, "run python -m pitfall_tutor.cli.question_links"
    for rule in ALL_RULES:
        assert (f"`{rule.name}`" in text) == (rule.question == item.number)


@pytest.mark.parametrize("item", QUESTIONS, ids=lambda q: q.slug)
def test_example_runs(item, tmp_path) -> None:
    [code] = re.findall(r"## Example\n+```python\n(.*?)```", item.text(), re.S)
    if "import pandas" in code and importlib.util.find_spec("pandas") is None:
        compile(code, item.slug, "exec")
        pytest.skip("pandas is not installed")
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def test_lookup_and_urls() -> None:
    assert find_question("q7") is find_question("Q07") is find_question("7") is QUESTIONS[6]
    assert find_question("q07-arguments") is QUESTIONS[6]
    assert find_question("q0") is None and find_question("nonsense") is None
    assert page_url(7).startswith("file://") and page_url(7).endswith("q07-arguments.md")
    assert page_url(7, "x", "https://h/{question}/{slug}/{rule}") == "https://h/7/q07-arguments/x"


@pytest.mark.parametrize("item", QUESTIONS, ids=lambda q: q.slug)
def test_page_has_cards_and_references(item) -> None:
    """Each page has its own flashcards and one or two references to read on."""
    text = item.text()
    assert text.index("## How to answer well") < text.index("## Flashcards")
    assert text.index("## Flashcards") < text.index("## Read more") < text.index(SECTIONS[-1])
    cards = item.cards()
    assert cards, f"{item.slug} has no flashcards"
    for front, back in cards:
        assert front.endswith("?") and 100 < len(back) < 600, front
    section = text.split("## Read more", 1)[1].split("\n## ", 1)[0]
    references = re.findall(r"<(https://[^>]+)>", section)
    assert 1 <= len(references) <= 2, references
    assert any(
        r.startswith(("https://docs.python.org/3/", "https://peps.python.org/"))
        or "pandas" in item.slug
        for r in references
    ), references
