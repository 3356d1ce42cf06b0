"""One module per output format of `tutor lint`; each turns a LintRun into text."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import TextIO

from ..lint import LintRun


class Format(str, Enum):
    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    GITHUB = "github"


Writer = Callable[[LintRun, TextIO], None]


def writer(fmt: Format) -> Writer:
    if fmt is Format.JSON:
        from .as_json import write
    elif fmt is Format.SARIF:
        from .as_sarif import write
    elif fmt is Format.GITHUB:
        from .as_github import write
    else:
        raise ValueError(fmt)
    return write
