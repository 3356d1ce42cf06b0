"""`tutor serve`: the language server over stdio, or TCP for debugging.

Only stdout carries the protocol. Anything else that writes to stdout (a stray
print in a rule) is sent to stderr, where editors show the server's log.
Set TUTOR_LOG_LEVEL=debug to see every message pygls sends and receives.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import sys
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .framing import GuardedStdin, GuardedStream

if TYPE_CHECKING:
    from pitfall_tutor.rules.engine.rule import Rule

    from .server import TutorServer

DEFAULT_HOST = "127.0.0.1"


class AddressError(ValueError):
    pass


def parse_address(value: str) -> tuple[str, int]:
    """`PORT`, `HOST:PORT` or `[IPv6]:PORT`; a bare port binds to 127.0.0.1 only."""
    host, sep, port_text = value.rpartition(":")
    if not sep:
        host = DEFAULT_HOST
    host = host.strip("[]") or DEFAULT_HOST
    try:
        port = int(port_text)
    except ValueError:
        raise AddressError(f"--tcp expects [HOST:]PORT, got {value!r}") from None
    if not 0 <= port <= 65535:
        raise AddressError(f"--tcp port must be between 0 and 65535, got {port}")
    return host, port


class _PyglsNoise(logging.Filter):
    """pygls logs a traceback for input the server answers with a JSON-RPC error (see
    protocol.py), and a warning for every late `$/cancelRequest`, which editors send
    all the time. One line is enough for the first, debug level for the second."""

    ANSWERED = ("Unable to deserialize message", "Unable to handle message")
    ROUTINE = ("Cancel notification for unknown message id", "Ignoring notification for")

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message.startswith(self.ROUTINE):
            return logging.getLogger().isEnabledFor(logging.DEBUG)
        if message.startswith(self.ANSWERED):
            record.msg, record.args = message.splitlines()[0], ()
            record.exc_info = record.exc_text = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


def serve_tcp(server: TutorServer, host: str, port: int) -> None:
    """One client at a time: its own session, with guarded framing. A second
    client while one is connected is refused (its documents would otherwise
    mix with the first's); the server ends when its client leaves."""
    import asyncio

    from pygls.io_ import run_async

    busy = False
    stop = threading.Event()

    async def connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal busy
        peer = writer.get_extra_info("peername")
        if busy:
            logging.getLogger(__name__).warning(
                "refused a second client %s: this server serves one client at a time", peer
            )
            writer.close()
            return
        busy = True
        server.protocol.set_writer(writer)
        try:
            await run_async(
                stop_event=stop,
                reader=GuardedStream(reader),
                protocol=server.protocol,
                error_handler=server.report_server_error,
            )
        finally:
            stop.set()
            for listening in servers:
                listening.close()

    servers: list[asyncio.Server] = []

    async def main() -> None:
        listening = await asyncio.start_server(connection, host, port)
        servers.append(listening)
        async with listening:
            with contextlib.suppress(asyncio.CancelledError):
                await listening.serve_forever()

    try:
        asyncio.run(main())
    finally:
        server.shutdown()  # type: ignore[no-untyped-call]


def run(tcp: str | None = None, rules: Sequence[type[Rule]] | None = None) -> None:
    """Serve until the client says exit (or goes away). `rules` defaults to every rule."""
    level = os.environ.get("TUTOR_LOG_LEVEL", "warning").upper()
    logging.basicConfig(
        level=getattr(logging, level, logging.WARNING),
        stream=sys.stderr,
        format="tutor serve %(levelname)s %(name)s: %(message)s",
    )
    for name in ("pygls.protocol.json_rpc", "pygls.server"):
        logging.getLogger(name).addFilter(_PyglsNoise())
    address = None
    if tcp is not None:
        try:
            address = parse_address(tcp)
        except AddressError as exc:
            print(f"tutor: error: {exc}", file=sys.stderr)
            raise SystemExit(2) from None

    from .compile_cache import compiled_from_cache

    with compiled_from_cache():  # most of the start is building classes: see compile_cache
        from .server import TutorServer

        server = TutorServer() if rules is None else TutorServer(rules)
    # Each lint allocates a tree of many thousand nodes, freed by reference
    # counting (the engine breaks its own cycles). The default cyclic collector
    # would still rescan everything every few hundred allocations: freeze what
    # startup made and let it run far less often (measured: p90 180 -> 134 ms
    # on a 4,000-line file, memory flat over 120 edits).
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)
    gc.enable()  # the fast entry turns it off while the server's modules load
    if address is not None:
        host, port = address
        print(f"tutor serve: listening on {host}:{port}", file=sys.stderr, flush=True)
        serve_tcp(server, host, port)
        return
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr
    server.start_io(GuardedStdin(stdin), stdout)  # type: ignore[arg-type]
    # Leave at once: the stdin reader thread may still wait for a line that never comes.
    sys.stderr.flush()
    os._exit(0 if server.shutdown_requested else 1)
