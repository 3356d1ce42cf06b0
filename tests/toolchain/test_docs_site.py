"""`tutor docs build OUT`: every page exists, every internal link resolves.

The site is built once per module through the installed command; the tests
read the files it wrote as a browser would (hrefs, ids, scripts).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from pitfall_tutor.katas.catalogue import KATAS
from pitfall_tutor.rules import ALL_RULES
from pitfall_tutor.rules.questions import QUESTIONS, page_url
from pitfall_tutor.rules.rule_page import examples
from tests.conftest import REPO, run_tutor


class Html(HTMLParser):
    """The links, ids and scripts of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("href", "src"):
            if values.get(key):
                self.links.append(str(values[key]))
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "script":
            self.scripts.append(str(values.get("src")))


def parse(path: Path) -> Html:
    page = Html()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "out"
    result = run_tutor("docs", "build", str(out))
    assert result.returncode == 0, result.stderr
    # home, questions, rules, katas and the editors page
    assert f"Wrote {2 + len(QUESTIONS) + len(ALL_RULES) + len(KATAS)} pages" in result.stdout
    return out


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def resolves(site: Path, page: Path, href: str) -> bool:
    """Does a relative href lead to a file, and its fragment to an id there?"""
    parts = urlsplit(href)
    target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    if not target.is_file() or site.resolve() not in target.parents:
        return False
    return not parts.fragment or parts.fragment in parse(target).ids


def test_every_question_rule_and_kata_has_a_page(site: Path) -> None:
    for item in QUESTIONS:
        assert (site / f"{item.slug}.html").is_file()
    for rule in ALL_RULES:
        assert (site / "rules" / f"{rule.name}.html").is_file()
    for kata in KATAS:
        assert (site / "katas" / f"{kata.slug}.html").is_file()
    assert (site / "index.html").is_file()


def test_every_internal_link_resolves(site: Path) -> None:
    broken = []
    checked = 0
    for page in html_pages(site):
        for href in parse(page).links:
            if urlsplit(href).scheme:
                continue  # none expected, but an external link is not ours to check
            checked += 1
            if not resolves(site, page, href):
                broken.append(f"{page.relative_to(site)} -> {href}")
    assert broken == []
    assert checked > 10 * len(html_pages(site))


def test_pages_are_cross_linked(site: Path) -> None:
    for rule in ALL_RULES:
        links = parse(site / "rules" / f"{rule.name}.html").links
        question = next(item for item in QUESTIONS if item.number == rule.question)
        assert f"../{question.slug}.html" in links, rule.name
        katas = [kata for kata in KATAS if rule.name in kata.rule_names]
        for kata in katas:
            assert f"../katas/{kata.slug}.html" in links, rule.name
            assert f"../rules/{rule.name}.html" in parse(site / "katas" / f"{kata.slug}.html").links
    for item in QUESTIONS:
        page = parse(site / f"{item.slug}.html")
        for rule in ALL_RULES:
            if rule.question == item.number:
                assert f"rules/{rule.name}.html" in page.links
                assert rule.name in page.ids  # the `#{rule}` anchor of docs-url
        for kata in KATAS:
            if kata.question == item.number:
                assert f"katas/{kata.slug}.html" in page.links


def test_rule_pages_teach_what_tutor_explain_teaches(site: Path) -> None:
    explained = run_tutor("explain", "mutable-default-argument").stdout
    page = (site / "rules" / "mutable-default-argument.html").read_text(encoding="utf-8")
    for rule in ALL_RULES:
        html = (site / "rules" / f"{rule.name}.html").read_text(encoding="utf-8")
        # Code blocks are highlighted: Pygments' token spans, styled by highlight.css.
        assert '<pre class="highlight"><code class="language-python"><span class=' in html
        text = re.sub(r"<span[^>]*>|</span>", "", html)
        bad, good = examples(rule)
        assert rule.code in text
        for snippet in (bad, good):
            first_line = snippet.strip().splitlines()[0]
            assert escape_html(first_line) in text, (rule.name, first_line)
    for line in ("## Why it matters", "## Flagged", "## Better", "offers a safe fix"):
        assert line.lstrip("# ") in explained
        assert line.lstrip("# ") in page


def escape_html(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def test_markdown_cannot_inject_markup(site: Path) -> None:
    for page in html_pages(site):
        parsed = parse(page)
        depth = len(page.relative_to(site).parts) - 1
        root = "../" * depth
        assert parsed.scripts == [f"{root}search-index.js", f"{root}assets/search.js"]
    # Q9's page talks about `<lambda>`: shown as text, not parsed as a tag.
    assert "<code>&lt;lambda&gt;</code>" in (site / "q09-lambda.html").read_text(encoding="utf-8")


def test_the_search_index_lists_every_page(site: Path) -> None:
    index = json.loads((site / "search-index.json").read_text(encoding="utf-8"))
    assert sorted(entry["url"] for entry in index) == sorted(
        page.relative_to(site).as_posix() for page in html_pages(site)
    )
    script = (site / "search-index.js").read_text(encoding="utf-8")
    assert json.loads(script.removeprefix("window.TUTOR_SEARCH_INDEX = ").rstrip(";\n")) == index
    rule = next(entry for entry in index if entry["url"] == "rules/mutable-default-argument.html")
    assert "TUT071" in rule["keywords"]
    assert "evaluated once" in rule["text"]


def documented_templates() -> list[str]:
    """The `docs-url` templates docs/site.md recommends, with the example host cut off."""
    text = (REPO / "docs" / "site.md").read_text(encoding="utf-8")
    found = re.findall(r'docs-url = "https://example\.org/tutor/([^"]+)"', text)
    assert len(found) >= 2
    return found


@pytest.mark.parametrize("template", documented_templates())
def test_documented_docs_url_templates_resolve(site: Path, template: str) -> None:
    for rule in ALL_RULES:
        href = page_url(rule.question, rule.name, template)
        assert resolves(site, site / "index.html", href), href


def test_rebuild_drops_stale_pages_and_keeps_other_files(site: Path) -> None:
    out = site.parent / "rebuilt"
    shutil.copytree(site, out)
    (out / "CNAME").write_text("docs.example.org\n", encoding="utf-8")
    (out / "rules" / "retired-rule.html").write_text("old", encoding="utf-8")
    manifest = out / ".tutor-site"
    manifest.write_text(
        manifest.read_text(encoding="utf-8") + "rules/retired-rule.html\n/etc/hostname\n",
        encoding="utf-8",
    )
    result = run_tutor("docs", "build", str(out))
    assert result.returncode == 0, result.stderr
    assert not (out / "rules" / "retired-rule.html").exists()
    assert (out / "CNAME").is_file()
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == sorted(
        [Path("CNAME")] + [p.relative_to(site) for p in site.rglob("*")]
    )
    # The same sources give the same bytes: a hosted copy changes only with the teaching.
    for page in site.rglob("*"):
        if page.is_file():
            assert (out / page.relative_to(site)).read_bytes() == page.read_bytes(), page


def test_refuses_a_folder_it_did_not_build(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_tutor("docs", "build", str(tmp_path))
    assert result.returncode == 2
    assert "not built by `tutor docs build`" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs chromium to run the script")
def test_the_search_box_finds_a_rule_in_a_real_browser(site: Path) -> None:
    """Headless Chromium runs search.js on a page opened from disk (file://)."""
    url = (site / "rules" / "gc-collect-call.html").as_uri() + "?q=mutable%20default"
    done = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", url],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    results = done.stdout.split('id="search-results"', 1)[1].split("</ol>", 1)[0]
    first = re.search(r'<a href="([^"]+)">([^<]+)</a>', results)
    assert first is not None, results
    assert first.groups() == (
        "../rules/mutable-default-argument.html",
        "TUT071 mutable-default-argument",
    )


def test_kata_pages_fold_each_hint_behind_a_click(site: Path) -> None:
    for kata in KATAS:
        html = (site / "katas" / f"{kata.slug}.html").read_text(encoding="utf-8")
        folded = re.findall(r'<details class="folded"><summary>Hint (\d+) of (\d+)</summary>', html)
        assert [int(number) for number, _ in folded] == list(range(1, len(kata.hints) + 1))
        assert "<details open" not in html
    assert (site / "assets" / "highlight.css").read_text(encoding="utf-8").count(".highlight") > 10
