"""Which pages the site has, where each one lives, and its Markdown.

File names are part of the contract with `docs-url`: a question is
`<slug>.html` (with an anchor per rule, `#<rule>`), a rule is
`rules/<rule>.html` and a kata `katas/<kata>.html`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pitfall_tutor import __version__
from pitfall_tutor.cli.question_links import with_links
from pitfall_tutor.katas.catalogue import INSTRUCTIONS, KATAS, Kata, done_when
from pitfall_tutor.rules import ALL_RULES, Rule
from pitfall_tutor.rules.questions import LINKS_END, LINKS_START, QUESTIONS, Question, question

from ..explain import rule_markdown

HOME = "index.html"
EDITORS = "editors.html"


@dataclass(frozen=True)
class Link:
    title: str
    path: str


@dataclass(frozen=True)
class Page:
    """One HTML file. `path` is relative to the site's root, with forward slashes."""

    path: str
    title: str
    kind: str  # home, question, rule or kata
    markdown: str
    keywords: tuple[str, ...] = ()
    crumbs: tuple[Link, ...] = ()
    previous: Link | None = None
    next: Link | None = None
    # Code spans that get an id on this page, so `docs-url` can point at `#<rule>`.
    anchors: frozenset[str] = field(default_factory=frozenset)
    # (summary, Markdown) shown after the page, each folded behind a click (<details>).
    folded: tuple[tuple[str, str], ...] = ()


def question_path(item: Question) -> str:
    return f"{item.slug}.html"


def rule_path(rule: type[Rule]) -> str:
    return f"rules/{rule.name}.html"


def kata_path(kata: Kata) -> str:
    return f"katas/{kata.slug}.html"


def link_targets() -> dict[str, str]:
    """Code spans that name something the site has a page for, and that page.

    The pages already say `mutable-default-argument`, `tutor explain q7` or
    `tutor kata arguments`; the site turns exactly those spans into links.
    """
    targets: dict[str, str] = {}
    for item in QUESTIONS:
        for key in (f"q{item.number}", f"Q{item.number}", item.slug):
            targets[f"tutor explain {key}"] = question_path(item)
    for rule in ALL_RULES:
        for key in (rule.name, rule.code):
            targets[key] = targets[f"tutor explain {key}"] = rule_path(rule)
    for kata in KATAS:
        targets[f"tutor kata {kata.slug}"] = kata_path(kata)
    return targets


def collect_pages() -> list[Page]:
    """Home first, then the questions, rules and katas in learning order."""
    return [_home(), *_question_pages(), *_rule_pages(), *_kata_pages(), _editors()]


def escape(text: str) -> str:
    """Literal text inside generated Markdown (titles such as `*args and **kwargs`)."""
    return re.sub(r"([\\`*_\[\]<>#|!])", r"\\\1", text)


def _question_link(item: Question) -> Link:
    return Link(f"Q{item.number}. {item.title}", question_path(item))


def _sequence(links: list[Link], index: int) -> tuple[Link | None, Link | None]:
    previous = links[index - 1] if index > 0 else None
    following = links[index + 1] if index + 1 < len(links) else None
    return previous, following


def _question_pages() -> list[Page]:
    links = [_question_link(item) for item in QUESTIONS]
    pages = []
    for index, item in enumerate(QUESTIONS):
        text = with_links(item, item.text())
        text = text.replace(LINKS_START + "\n", "").replace(LINKS_END, "")
        previous, following = _sequence(links, index)
        rules = [rule for rule in ALL_RULES if rule.question == item.number]
        pages.append(
            Page(
                path=question_path(item),
                title=links[index].title,
                kind="question",
                markdown=f"{text.rstrip()}\n\n*Level: {item.level}.*\n",
                keywords=(f"Q{item.number}", item.level),
                crumbs=(Link("Home", HOME),),
                previous=previous,
                next=following,
                anchors=frozenset(rule.name for rule in rules),
            )
        )
    return pages


def katas_for_rule(rule: type[Rule]) -> list[Kata]:
    """The katas whose file must end quiet for this rule, else its question's katas."""
    chosen = [kata for kata in KATAS if rule.name in kata.rule_names]
    return chosen or [kata for kata in KATAS if kata.question == rule.question]


def _rule_pages() -> list[Page]:
    links = [Link(f"{rule.code} {rule.name}", rule_path(rule)) for rule in ALL_RULES]
    pages = []
    for index, rule in enumerate(ALL_RULES):
        item = question(rule.question)
        practice = [
            f"- `tutor kata {kata.slug}`: {escape(kata.title)}" for kata in katas_for_rule(rule)
        ]
        markdown = rule_markdown(rule).rstrip() + "\n"
        if practice:
            markdown += "\n## Practise it\n\n" + "\n".join(practice) + "\n"
        previous, following = _sequence(links, index)
        pages.append(
            Page(
                path=rule_path(rule),
                title=links[index].title,
                kind="rule",
                markdown=markdown,
                keywords=(rule.code, rule.name, f"Q{rule.question}", rule.severity.value),
                crumbs=(Link("Home", HOME), _question_link(item)),
                previous=previous,
                next=following,
            )
        )
    return pages


def _kata_pages() -> list[Page]:
    links = [Link(f"Kata: {kata.slug}", kata_path(kata)) for kata in KATAS]
    pages = []
    for index, kata in enumerate(KATAS):
        item = question(kata.question)
        total = len(kata.hints)
        folded = tuple(
            (f"Hint {number} of {total}", hint) for number, hint in enumerate(kata.hints, 1)
        )
        sections = "\n\n".join(
            section
            for section in [
                kata.text(INSTRUCTIONS).rstrip(),
                done_when(kata),
                f"## Start it\n\nRun `tutor kata {kata.slug}`: it writes the starter file "
                "and checks it; `tutor kata check` checks again after each edit.",
                f"Interview question Q{item.number}: {escape(item.title)} "
                f"(`tutor explain q{item.number}`)",
                "## Hints\n\nEach hint says a little more than the one before: open one at a "
                "time, and only when you are stuck."
                if folded
                else "",
            ]
            if section
        )
        previous, following = _sequence(links, index)
        pages.append(
            Page(
                path=kata_path(kata),
                title=f"Kata: {kata.slug}: {kata.title}",
                kind="kata",
                markdown=sections + "\n",
                folded=folded,
                keywords=(kata.slug, f"Q{kata.question}", *kata.rule_names),
                crumbs=(Link("Home", HOME), _question_link(item)),
                previous=previous,
                next=following,
            )
        )
    return pages


def _home() -> Page:
    lines = [
        "# pitfall-tutor",
        "",
        "Learn Python through the pitfalls interviewers probe. Each of the twenty "
        "interview questions below has a page; each lint rule is tied to one "
        "question and has its own page; each kata lets you practise one topic until "
        "its tests pass and its rules are quiet.",
        "",
        f"This site was built by `tutor docs build` (pitfall-tutor {__version__}).",
        "",
        "## The twenty questions",
    ]
    level = ""
    for item in QUESTIONS:
        if item.level != level:
            level = item.level
            lines += ["", f"### {level.capitalize()}", ""]
        rules = [f"`{rule.name}`" for rule in ALL_RULES if rule.question == item.number]
        katas = [f"`tutor kata {kata.slug}`" for kata in KATAS if kata.question == item.number]
        extra = ", ".join(rules + katas)
        title = escape(_question_link(item).title)
        lines.append(f"- [{title}]({question_path(item)})" + (f": {extra}" if extra else ""))
    lines += [
        "",
        "## Rules",
        "",
        "| rule | code | question | severity | fix |",
        "|---|---|---|---|---|",
    ]
    for rule in ALL_RULES:
        item = question(rule.question)
        lines.append(
            f"| `{rule.name}` | {rule.code} | [Q{item.number}]({question_path(item)}) "
            f"| {rule.severity.value} | {rule.fixable or '-'} |"
        )
    lines += ["", f"In your editor: [VS Code, Neovim and other LSP clients]({EDITORS}).", ""]
    lines += ["", "## Katas", ""]
    lines += [
        f"{number}. `tutor kata {kata.slug}`: {escape(kata.title)} (Q{kata.question})"
        for number, kata in enumerate(KATAS, 1)
    ]
    return Page(path=HOME, title="pitfall-tutor", kind="home", markdown="\n".join(lines) + "\n")


def _editors() -> Page:
    """The editors page: everything the VS Code extension and the server do (editors.md)."""
    from importlib.resources import files

    text = files("pitfall_tutor.cli.site").joinpath("editors.md").read_text(encoding="utf-8")
    return Page(path=EDITORS, title="Editors", kind="editors", markdown=text)
