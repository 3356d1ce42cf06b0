"""The twenty interview questions: numbers, slugs, titles and their pages.

Pages are Markdown files beside this module and ship inside the package. Each
ends with a generated list of the rules (and katas) that teach it; run
`python -m pitfall_tutor.cli.question_links` after adding a rule to refresh it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
LINKS_START = "<!-- tutor:links:start -->"
LINKS_END = "<!-- tutor:links:end -->"
FLASHCARDS = "## Flashcards"
_CARD = re.compile(r"^\*\*Q: (.+?)\*\*\n+(.+?)(?=^\*\*Q: |\Z)", re.M | re.S)

LEVELS = (
    (range(1, 9), "basics"),
    (range(9, 13), "intermediate"),
    (range(13, 17), "advanced"),
    (range(17, 21), "coding challenge"),
)


@dataclass(frozen=True)
class Question:
    number: int
    slug: str
    title: str

    @property
    def page(self) -> Path:
        return HERE / f"{self.slug}.md"

    @property
    def level(self) -> str:
        return next(name for numbers, name in LEVELS if self.number in numbers)

    def text(self) -> str:
        return self.page.read_text(encoding="utf-8")

    def cards(self) -> list[tuple[str, str]]:
        """The page's own flashcards, (front, back): `**Q: ...**` then its answer."""
        text = self.text()
        if FLASHCARDS not in text:
            return []
        section = text.split(FLASHCARDS, 1)[1].split("\n## ", 1)[0]
        found = []
        for match in _CARD.finditer(section):
            back = " ".join(match.group(2).split())
            found.append((match.group(1).strip(), back))
        return found


def _load() -> tuple[Question, ...]:
    found = []
    for page in sorted(HERE.glob("q[0-9][0-9]-*.md")):
        with page.open(encoding="utf-8") as handle:
            heading = handle.readline()
        match = re.match(r"# Q(\d+)\. (.+)", heading)
        if match is None:
            raise RuntimeError(f"{page.name}: first line must be '# Q<N>. <title>'")
        found.append(Question(int(match.group(1)), page.stem, match.group(2).strip()))
    return tuple(found)


QUESTIONS: tuple[Question, ...] = _load()


def question(number: int) -> Question:
    return QUESTIONS[number - 1]


def find_question(key: str) -> Question | None:
    """`7`, `q7`, `Q07` or a slug like `q07-arguments`."""
    match = re.fullmatch(r"[qQ]?0*(\d+)", key.strip())
    if match:
        number = int(match.group(1))
        return question(number) if 1 <= number <= len(QUESTIONS) else None
    return next((item for item in QUESTIONS if item.slug == key), None)


def page_url(number: int, rule: str = "", docs_url: str | None = None) -> str:
    """Where a finding links to: the installed page, or the configured site."""
    item = question(number)
    if docs_url:
        return docs_url.format(question=item.number, slug=item.slug, rule=rule)
    return item.page.as_uri()
