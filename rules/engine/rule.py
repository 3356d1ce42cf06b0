"""The Rule base class: one pitfall, with its teaching material and its tests.

A rule subclass declares its metadata as class attributes and implements
`visit_<Node>` / `leave_<Node>` methods (LibCST node class names). A fresh
instance is made for every file, so rules may keep per-file state.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

import libcst as cst

from .findings import Severity

if TYPE_CHECKING:
    from .context import FileContext

_CODE = re.compile(r"^TUT\d{3}$")
_NAME = re.compile(r"^[a-z]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Invalid:
    """Code the rule must flag; `fixed` is what its fix must produce, if any."""

    code: str
    fixed: str | None = None
    unsafe_fixes: bool = False


@dataclass(frozen=True)
class Replacement:
    """A fix: swap `node` for `new` in the module (a LibCST change)."""

    node: cst.CSTNode
    new: cst.CSTNode | cst.RemovalSentinel


FixBuilder = Callable[[], Replacement]


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    question: ClassVar[int]
    severity: ClassVar[Severity] = Severity.WARNING
    message: ClassVar[str]
    explanation: ClassVar[str]
    valid: ClassVar[tuple[str, ...]] = ()
    invalid: ClassVar[tuple[str | Invalid, ...]] = ()
    # "safe", "unsafe" or None: the best fix this rule can offer.
    fixable: ClassVar[str | None] = None
    # Substrings one of which must occur in a file for the rule to possibly fire.
    # Files with none of them skip the rule (and often the LibCST parse).
    needs_text: ClassVar[tuple[str, ...]] = ()
    # How far a finding's reasons reach. "statement": what the rule reports inside a
    # def or class at the top level (positions, related places, fixes) depends only
    # on that statement and on the module facts (see reuse.py), so an editor may keep
    # those findings while other statements change. "module": anything else; when
    # unsure, "module".
    reach: ClassVar[Literal["statement", "module"]] = "module"

    # Teaching material, shown by `tutor explain`, the editor hover and `tutor cards`.
    # `flagged` is a small, whole program the rule reports, and `better` its fixed form:
    # no rule reports it and it runs (tests check both). Without them the page shows the
    # first invalid example and its fix.
    flagged: ClassVar[str | None] = None
    better: ClassVar[str | None] = None
    # When real code does this on purpose, and the finding is better suppressed.
    fine_when: ClassVar[str] = ""
    # One or two addresses on docs.python.org, peps.python.org (or the library's own docs).
    references: ClassVar[tuple[str, ...]] = ()
    # A flashcard for this pitfall: (front, back), the back in our own words.
    card: ClassVar[tuple[str, str] | None] = None

    def __init__(self, context: FileContext) -> None:
        self.context = context

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if not _CODE.match(cls.code) or not _NAME.match(cls.name):
            raise TypeError(f"{cls.__name__}: bad code {cls.code!r} or name {cls.name!r}")
        if not cls.valid or not cls.invalid:
            raise TypeError(f"{cls.__name__}: needs valid and invalid examples")

    def report(
        self,
        node: cst.CSTNode,
        message: str | None = None,
        *,
        fix: FixBuilder | None = None,
        safe: bool = True,
        top: cst.CSTNode | None = None,
        related: Sequence[tuple[cst.CSTNode, str]] = (),
    ) -> None:
        """Flag `node`. `fix` builds the replacement lazily, only if needed.

        Report from the hook that visits `node` (or an ancestor of it). A rule
        that reports later passes `top=self.context.top()` saved back then.
        `related` lists other places of the same pitfall, in the same top-level
        statement, each with a short note: they are shown with this finding.
        """
        self.context.add(self, node, message or self.message, fix, safe, top, tuple(related))

    def finish(self) -> None:
        """Called once after the walk, for rules that decide at the end."""

    @classmethod
    def text_facts(cls, text: str, path: str) -> Hashable:
        """What a statement-local rule reads of the whole text (say, a regular expression's
        verdict), beyond the module facts. Reuse is keyed on it, so keep it small."""
        return None

    @classmethod
    @functools.cache
    def hooks(cls) -> dict[str, tuple[str, ...]]:
        """Node class names this rule visits or leaves, by kind (worked out once per class)."""
        found: dict[str, list[str]] = {"visit": [], "leave": []}
        for attr in dir(cls):
            kind, _, node_name = attr.partition("_")
            if kind in found and node_name and hasattr(cst, node_name):
                found[kind].append(node_name)
        return {kind: tuple(names) for kind, names in found.items()}
