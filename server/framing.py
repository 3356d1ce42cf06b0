"""Guards around pygls' message framing (`Content-Length: N`, a blank line, N bytes).

pygls trusts the header: a `Content-Length` of 10**11 makes it allocate that
much, and a wrong one leaves its reader out of step for good (the next header
is glued to the end of a body, so it never matches again). The readers here
sit between the stream and pygls:

- a body above MAX_MESSAGE_BYTES ends the session with one clear log line;
- a header line with stray bytes before `Content-Length:` is cut back to the
  header, so the stream resynchronises on the next message;
- header lines are read with a length limit.
"""

from __future__ import annotations

import asyncio
import logging
from typing import BinaryIO

log = logging.getLogger("pitfall_tutor.server.framing")

MAX_MESSAGE_BYTES = 64 * 1024 * 1024  # a 64 MB document is far beyond anything we lint
MAX_HEADER_BYTES = 8192
HEADER = b"Content-Length:"


def resynchronised(line: bytes) -> bytes:
    """The line from its `Content-Length:` on, when stray bytes come first."""
    at = line.find(HEADER)
    if at > 0:
        log.warning(
            "framing: %d stray bytes before a Content-Length header (a wrong "
            "Content-Length earlier?); resynchronised on the header",
            at,
        )
        return line[at:]
    return line


def too_big(size: int) -> bool:
    if size > MAX_MESSAGE_BYTES:
        log.error(
            "framing: a message announced Content-Length %d, over the limit of %d bytes; "
            "closing the connection",
            size,
            MAX_MESSAGE_BYTES,
        )
        return True
    return False


class GuardedStdin:
    """`readline` and `read`, as pygls' stdio reader calls them on stdin."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream

    def readline(self) -> bytes:
        return resynchronised(self.stream.readline(MAX_HEADER_BYTES))

    def read(self, size: int) -> bytes:
        if too_big(size):
            return b""  # pygls ends its loop on an empty body
        return self.stream.read(size)


class GuardedStream:
    """The same for an asyncio StreamReader (TCP)."""

    def __init__(self, reader: asyncio.StreamReader) -> None:
        self.reader = reader

    async def readline(self) -> bytes:
        try:
            line = await self.reader.readline()
        except (ValueError, asyncio.LimitOverrunError):
            log.error("framing: a header line longer than the stream limit; closing")
            return b""
        return resynchronised(line)

    async def readexactly(self, size: int) -> bytes:
        if too_big(size):
            return b""
        try:
            return await self.reader.readexactly(size)
        except asyncio.IncompleteReadError as exc:
            return exc.partial
