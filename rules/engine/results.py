"""What a lint of one file gives, and the tool's own findings (TUT9xx).

Kept apart from the engine, which needs LibCST: a `tutor lint` answered from
its cache builds these without loading the parser.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .findings import Finding, Position, Severity
from .source import Decoded

# Findings about the file or the tool rather than a pitfall.
INTERNAL_ERROR = ("TUT900", "internal-error")
SYNTAX_ERROR = ("TUT901", "syntax-error")
DECODE_ERROR = ("TUT902", "decode-error")
PARSER_LIMITATION = ("TUT903", "parser-limitation")
IO_ERROR = ("TUT904", "io-error")
UNKNOWN_SUPPRESSION = ("TUT905", "unknown-rule-in-ignore")
TOOL_FINDINGS = (
    INTERNAL_ERROR,
    SYNTAX_ERROR,
    DECODE_ERROR,
    PARSER_LIMITATION,
    IO_ERROR,
    UNKNOWN_SUPPRESSION,
)


FILE_START = Position(1, 0)


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    source: Decoded | None = None  # present when the file decoded

    @property
    def text(self) -> str | None:
        return None if self.source is None else self.source.text


def tool_finding(
    path: str,
    kind: tuple[str, str],
    message: str,
    start: Position = FILE_START,
    end: Position | None = None,
    severity: Severity = Severity.ERROR,
) -> Finding:
    code, name = kind
    return Finding(path, start, end or start, code, name, 0, severity, message, tool=True)
