"""Which katas exist, in learning order, and what each one holds.

A kata is a folder `q<NN>-<slug>/` of data files, so adding one needs no code:
the question number and the slug come from the folder's name, the rest from
`kata.toml` and the files beside it. Sorting by folder name is the guide's
learning path (basics, intermediate, advanced, coding challenges).
"""

from __future__ import annotations

import difflib
import re
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pitfall_tutor.rules.engine.rule import Rule

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

HERE = Path(__file__).resolve().parent
FOLDER = re.compile(r"q(\d\d)-([a-z0-9]+(?:-[a-z0-9]+)*)")

INSTRUCTIONS = "instructions.md"
STARTER = "starter.py"
SOLUTION = "solution.py"
TESTS = "tests.py"
METADATA = "kata.toml"


@dataclass(frozen=True)
class Kata:
    """One exercise. `module` is the importable name of the learner's file."""

    slug: str
    question: int
    folder: Path

    @property
    def module(self) -> str:
        return self.slug.replace("-", "_")

    @property
    def file_name(self) -> str:
        return f"{self.module}.py"

    @property
    def tests_name(self) -> str:
        return f"test_{self.module}.py"

    @cached_property
    def metadata(self) -> dict[str, Any]:
        with (self.folder / METADATA).open("rb") as handle:
            return tomllib.load(handle)

    @property
    def title(self) -> str:
        return str(self.metadata["title"])

    @property
    def rule_names(self) -> tuple[str, ...]:
        """The rules that must be quiet on the learner's file."""
        return tuple(self.metadata.get("rules", ()))

    @property
    def hints(self) -> tuple[str, ...]:
        return tuple(self.metadata["hints"])

    @property
    def requires(self) -> tuple[str, ...]:
        """Importable modules the kata needs beyond the standard library."""
        return tuple(self.metadata.get("requires", ()))

    @property
    def install_hint(self) -> str:
        extra = self.metadata.get("extra")
        if extra:
            return f"pip install 'pitfall-tutor[{extra}]'"
        return "pip install " + " ".join(self.requires)

    def text(self, name: str) -> str:
        return (self.folder / name).read_text(encoding="utf-8")

    def rules(self) -> list[type[Rule]]:
        """The rule classes, looked up in the one registry."""
        from pitfall_tutor.rules import find_rule

        found = [find_rule(name) for name in self.rule_names]
        return [rule for rule in found if rule is not None]


def done_when(kata: Kata) -> str:
    """The "Done when" section, generated so the rule list cannot drift."""
    lines = ["## Done when", "- every test passes;"]
    rules = kata.rules()
    if rules:
        lines.append("- and these rules are quiet on your file:")
        lines += [f"  - `{rule.name}` ({rule.code}): {rule.message}" for rule in rules]
    return "\n".join(lines)


def _discover() -> tuple[Kata, ...]:
    found = []
    for folder in sorted(HERE.iterdir()):
        match = FOLDER.fullmatch(folder.name)
        if match and (folder / METADATA).is_file():
            found.append(Kata(match.group(2), int(match.group(1)), folder))
    return tuple(found)


KATAS: tuple[Kata, ...] = _discover()


def find_kata(slug: str) -> Kata | None:
    wanted = slug.strip().lower().replace("_", "-")
    return next((kata for kata in KATAS if kata.slug == wanted), None)


def close_matches(slug: str) -> list[str]:
    return difflib.get_close_matches(slug.lower(), [kata.slug for kata in KATAS], n=3)


def katas_for_question(number: int) -> list[Kata]:
    return [kata for kata in KATAS if kata.question == number]


def position(kata: Kata) -> int:
    """1-based place on the learning path."""
    return KATAS.index(kata) + 1
