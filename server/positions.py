"""Positions as the engine counts them, and as the client counts them.

The engine reports 1-based lines and 0-based columns in code points, with lines
split at `\\n`. LSP counts 0-based lines split at `\\n`, `\\r\\n` or `\\r`, and
columns in the negotiated encoding: UTF-16 code units unless the client offered
UTF-8 or UTF-32. An emoji is one code point, two UTF-16 units and four UTF-8
bytes, so every position that crosses the wire goes through a `PositionMap`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

from lsprotocol import types

from pitfall_tutor.rules.engine.findings import Position
from pitfall_tutor.rules.engine.positions import LineIndex

_LSP_BREAK = re.compile(r"\r\n|\r|\n")


def _utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _utf8_units(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


UNIT_COUNTERS: dict[str, Callable[[str], int]] = {
    types.PositionEncodingKind.Utf16.value: _utf16_units,
    types.PositionEncodingKind.Utf8.value: _utf8_units,
    types.PositionEncodingKind.Utf32.value: len,
}


class PositionMap:
    """Converts between text offsets, engine positions and client positions for one text."""

    def __init__(self, text: str, encoding: str = types.PositionEncodingKind.Utf16.value) -> None:
        self.text = text
        self.units = UNIT_COUNTERS.get(encoding, _utf16_units)
        self.engine = LineIndex(text)
        if "\r" in text:
            self.starts = [0, *(match.end() for match in _LSP_BREAK.finditer(text))]
        else:
            self.starts = self.engine.starts

    # engine <-> offset

    def offset(self, position: Position) -> int:
        """The text offset of an engine position (clamped to the text)."""
        line = min(max(position.line, 1), len(self.engine.starts))
        start = self.engine.starts[line - 1]
        return min(start + max(position.column, 0), len(self.text))

    def engine_position(self, offset: int) -> Position:
        return self.engine.position(min(max(offset, 0), len(self.text)))

    # offset <-> client

    def client_position(self, offset: int) -> types.Position:
        offset = min(max(offset, 0), len(self.text))
        line = bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        return types.Position(line=line, character=self.units(self.text[start:offset]))

    def client_offset(self, position: types.Position) -> int:
        """The text offset of a client position; past the end of a line means its end."""
        if position.line >= len(self.starts):
            return len(self.text)
        start = self.starts[position.line]
        end = self.starts[position.line + 1] if position.line + 1 < len(self.starts) else None
        line = self.text[start:end].rstrip("\r\n")
        if line.isascii():
            return start + min(position.character, len(line))
        seen = 0
        for index, char in enumerate(line):
            seen += self.units(char)
            if seen > position.character:
                return start + index
        return start + len(line)

    # engine -> client

    def client_range(self, start: Position, end: Position) -> types.Range:
        return types.Range(
            start=self.client_position(self.offset(start)),
            end=self.client_position(self.offset(end)),
        )

    def offsets(self, client: types.Range) -> tuple[int, int]:
        return self.client_offset(client.start), self.client_offset(client.end)
