"""`tutor serve` leaves with its client, serves one client, and survives bad framing."""

from __future__ import annotations

import contextlib
import json
import os
import select
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CACHE, TUTOR

ENV = {**os.environ, "TUTOR_CACHE_DIR": CACHE}


def frame(message: dict[str, Any], wrong_by: int = 0) -> bytes:
    body = json.dumps(message).encode()
    return f"Content-Length: {len(body) + wrong_by}\r\n\r\n".encode() + body


def initialize(msg_id: int = 1, process_id: int | None = None) -> bytes:
    params = {"processId": process_id, "rootUri": None, "capabilities": {}}
    return frame({"jsonrpc": "2.0", "id": msg_id, "method": "initialize", "params": params})


def serve(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(TUTOR), "serve", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
    )


class Replies:
    """Read framed replies from a byte stream, with a deadline."""

    def __init__(self, read: Any, fileno: int) -> None:
        self.read, self.fileno, self.buffer = read, fileno, b""

    def next(self, within: float = 20) -> dict[str, Any] | None:
        deadline = time.monotonic() + within
        while True:
            head, sep, rest = self.buffer.partition(b"\r\n\r\n")
            if sep:
                fields = dict(line.split(b":", 1) for line in head.split(b"\r\n") if b":" in line)
                length = int(fields[b"Content-Length"])
                if len(rest) >= length:
                    self.buffer = rest[length:]
                    return dict(json.loads(rest[:length]))
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.fileno], [], [], left)[0]:
                return None
            try:
                data = self.read(65536)
            except ConnectionResetError:  # closed on us: a refusal
                return None
            if not data:
                return None
            self.buffer += data

    def answer(self, msg_id: int, within: float = 20) -> dict[str, Any] | None:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            reply = self.next(deadline - time.monotonic())
            if reply is None:
                return None
            if reply.get("id") == msg_id and "method" not in reply:
                return reply
        return None


def stdio_replies(server: subprocess.Popen[bytes]) -> Replies:
    assert server.stdout is not None
    return Replies(lambda n: os.read(server.stdout.fileno(), n), server.stdout.fileno())


def send(server: subprocess.Popen[bytes], data: bytes) -> None:
    assert server.stdin is not None
    server.stdin.write(data)
    server.stdin.flush()


def finish(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.kill()
    server.wait()


def test_the_server_exits_when_the_client_process_dies() -> None:
    client = subprocess.Popen(["sleep", "60"])
    server = serve()
    try:
        send(server, initialize(1, client.pid))
        assert stdio_replies(server).answer(1) is not None
        client.kill()
        client.wait()
        try:
            server.wait(timeout=15)  # stdin is still open: only the process id says "gone"
        except subprocess.TimeoutExpired:
            pytest.fail("the server outlived its client process")
    finally:
        client.kill()
        finish(server)


def test_a_second_initialize_is_refused_and_keeps_the_documents(tmp_path: Path) -> None:
    server = serve()
    replies = stdio_replies(server)
    uri = (tmp_path / "cart.py").as_uri()
    try:
        send(server, initialize(1))
        assert replies.answer(1) is not None
        send(server, frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
        opened = {"uri": uri, "languageId": "python", "version": 1, "text": "x = 1\n"}
        send(
            server,
            frame(
                {
                    "jsonrpc": "2.0",
                    "method": "textDocument/didOpen",
                    "params": {"textDocument": opened},
                }
            ),
        )
        send(server, initialize(2))
        second = replies.answer(2)
        assert second is not None and "error" in second, second
        hover = {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}
        send(
            server,
            frame({"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": hover}),
        )
        third = replies.answer(3)
        assert third is not None and "error" not in third, third
    finally:
        finish(server)


def test_a_huge_content_length_ends_with_a_clear_log_line_not_memory_error() -> None:
    server = serve()
    try:
        send(server, b"Content-Length: 100000000000\r\n\r\n{}")
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pytest.fail("the server kept waiting for (or allocating) 100 GB")
        assert server.stderr is not None
        log = server.stderr.read().decode()
        assert "MemoryError" not in log and "Traceback" not in log
        assert "Content-Length" in log and "limit" in log, log
    finally:
        finish(server)


@pytest.mark.parametrize("wrong_by", [-7, 5])
def test_a_wrong_content_length_resynchronises_on_the_next_header(wrong_by: int) -> None:
    server = serve()
    replies = stdio_replies(server)
    try:
        bad = frame(
            {"jsonrpc": "2.0", "method": "$/notAThing", "params": {"x": "y" * 20}}, wrong_by
        )
        send(server, bad)
        if wrong_by > 0:  # the body swallowed the start of the next message: send one to lose
            send(server, frame({"jsonrpc": "2.0", "method": "$/padding", "params": {}}))
        send(server, initialize(1))
        assert replies.answer(1) is not None, "the stream never resynchronised"
    finally:
        finish(server)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_second_tcp_client_is_refused_and_the_first_keeps_working() -> None:
    port = _free_port()
    server = serve("--tcp", f"127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                first = socket.create_connection(("127.0.0.1", port), timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        first_replies = Replies(first.recv, first.fileno())
        first.sendall(initialize(1))
        assert first_replies.answer(1) is not None
        second = socket.create_connection(("127.0.0.1", port), timeout=5)
        with contextlib.suppress(OSError):
            second.sendall(initialize(1))
        second_replies = Replies(second.recv, second.fileno())
        reply = second_replies.next(within=10)
        assert reply is None or "error" in reply  # closed, or refused in words
        shutdown = {"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None}
        first.sendall(frame(shutdown))
        assert first_replies.answer(2) is not None, "the first client lost its session"
        first.close()
        second.close()
    finally:
        finish(server)
