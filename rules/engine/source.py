"""Turning a file's bytes into text the way CPython would, or saying why not."""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass


@dataclass(frozen=True)
class DecodeProblem:
    message: str
    line: int = 1
    column: int = 0


@dataclass(frozen=True)
class Decoded:
    """Text plus what is needed to write it back byte for byte."""

    text: str
    encoding: str
    bom: bool

    def encode(self, text: str) -> bytes:
        return (b"\xef\xbb\xbf" if self.bom else b"") + text.encode(self.encoding)


def decode_source(data: bytes) -> Decoded | DecodeProblem:
    """Decode per PEP 263 (coding line, BOM, UTF-8 default)."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        return DecodeProblem(f"cannot decode file: {exc.msg}")
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        line, column = 1, 0
        if isinstance(exc, UnicodeDecodeError):
            before = data[: exc.start]
            line = before.count(b"\n") + 1
            column = exc.start - (before.rfind(b"\n") + 1)
            detail = f"byte 0x{data[exc.start]:02x} is not valid {encoding}"
        else:
            detail = f"unknown encoding {encoding!r}"
        return DecodeProblem(
            f"cannot decode file: {detail}; save it as UTF-8 or add a coding line (PEP 263)",
            line,
            column,
        )
    bom = encoding == "utf-8-sig"
    if bom:
        encoding = "utf-8"
    return Decoded(text.removeprefix("\ufeff"), encoding, bom)


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def source_lines(text: str) -> list[str]:
    """`text` split where Python (and LibCST's positions) count a new line.

    Not `str.splitlines`, which also breaks at form feeds and other separators
    that may sit inside a line of code, and so would show a finding's line wrong."""
    return _LINE_BREAK.split(text)
