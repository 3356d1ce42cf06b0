"""Every docs.python.org link we show lands on a real page and a real section.

A link with a wrong `#anchor` opens at the top of a long page, which is where a
learner gives up. Checked against Debian's offline copy of the Python docs
(`python3-doc`, which `.ci/run` installs): the page must exist and hold an
element with that id.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

import pytest

from pitfall_tutor.rules import ALL_RULES
from pitfall_tutor.rules.questions import QUESTIONS

DOCS = next(iter(sorted(Path("/usr/share/doc").glob("python3.*/html"), reverse=True)), None)
PREFIX = "https://docs.python.org/3/"
LINK = re.compile(r"https://docs\.python\.org/3/[^\s)>\"'`]*")


def shown_links() -> list[tuple[str, str]]:
    """(where, address) for every docs.python.org link in rules and question pages."""
    found = []
    for rule in ALL_RULES:
        for text in (*rule.references, rule.explanation, rule.fine_when):
            found += [(rule.name, address) for address in LINK.findall(text)]
    for item in QUESTIONS:
        found += [(item.page.name, address) for address in LINK.findall(item.text())]
    return sorted(set(found))


@cache
def ids_in(page: Path) -> frozenset[str]:
    return frozenset(re.findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8")))


def problem(address: str, docs: Path) -> str | None:
    path, _, anchor = address.removeprefix(PREFIX).partition("#")
    page = docs / (path or "index.html")
    if not page.is_file():
        return "no such page"
    if anchor and anchor not in ids_in(page):
        return f"no #{anchor} on the page"
    return None


@pytest.fixture(scope="module")
def docs() -> Path:
    if DOCS is None:
        if os.environ.get("CI"):
            pytest.fail("python3-doc is not installed; .ci/run installs it")
        pytest.skip("the offline Python docs (Debian's python3-doc) are not installed")
    return DOCS


def test_every_python_docs_link_resolves(docs: Path) -> None:
    links = shown_links()
    assert len(links) > 50  # the rules and pages really were read
    broken = [
        f"{where}: {address}: {why}" for where, address in links if (why := problem(address, docs))
    ]
    assert broken == []


def test_a_wrong_anchor_is_caught(docs: Path) -> None:
    assert problem(PREFIX + "library/gc.html", docs) is None
    assert problem(PREFIX + "library/gc.html#gc.collect", docs) is None
    assert (
        problem(PREFIX + "library/gc.html#no-such-section", docs)
        == "no #no-such-section on the page"
    )
    assert problem(PREFIX + "library/no-such-module.html", docs) == "no such page"
