"""Bad input and bad luck: crashing rules, malformed messages, shutdown and exit."""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
import time
from typing import Any

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcMethodNotFound
from pytest_lsp import LanguageClient

from tests.conftest import TUTOR, run_tutor

from .conftest import HERE, WAIT, Editor, codes, editor_session, server_config

lsp_crashing = editor_session(
    server_config(sys.executable, str(HERE / "crashing_server.py")), "visual-studio-code"
)


async def test_a_crashing_rule_is_logged_once_and_the_others_still_report(
    lsp_crashing: LanguageClient,
) -> None:
    editor: Editor = lsp_crashing.editor  # type: ignore[attr-defined]
    uri = editor.open("cart.py", "def add(item, bucket=[]):\n    return bucket\n")
    assert codes(await editor.diagnostics(uri)) == ["TUT071"]
    editor.replace(uri, (1, 0), (1, 0), "    item = 1\n")
    assert codes(await editor.diagnostics(uri)) == ["TUT071"]
    errors = [m.message for m in editor.client.log_messages if m.type == types.MessageType.Error]
    assert len(errors) == 1, errors
    assert "always-crashes" in errors[0] and "this rule has a bug" in errors[0]
    assert editor.client.messages == []  # no pop-up for the learner


async def test_unknown_requests_get_errors(editor: Editor) -> None:
    protocol = editor.client.protocol
    with pytest.raises(JsonRpcMethodNotFound):
        await asyncio.wait_for(protocol.send_request_async("tutor/noSuchMethod", {}), WAIT)
    protocol.notify("tutor/noSuchNotification", {})  # ignored, as JSON-RPC says
    uri = editor.open("cart.py", "def add(item, bucket=[]):\n    return bucket\n")
    assert codes(await editor.diagnostics(uri)) == ["TUT071"]  # still serving


class RawClient:
    """Bytes on the wire, for what a well-behaved client library cannot send."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [str(TUTOR), "serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )

    def send_bytes(self, body: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def send(self, message: dict[str, Any]) -> None:
        self.send_bytes(json.dumps({"jsonrpc": "2.0", **message}).encode())

    def receive(self) -> dict[str, Any]:
        stdout = self.process.stdout
        assert stdout is not None
        length = 0
        while (line := stdout.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        assert length, "the server closed its output"
        return json.loads(stdout.read(length))  # type: ignore[no-any-return]

    def answer(self, msg_id: int) -> dict[str, Any]:
        """The response to one request, skipping notifications and answering configuration."""
        while True:
            message = self.receive()
            if message.get("id") == msg_id and "method" not in message:
                return message
            if "id" in message and "method" in message:  # a request from the server
                self.send({"id": message["id"], "result": None})

    def finish(self) -> tuple[int, str]:
        try:
            code = self.process.wait(timeout=WAIT)
        finally:
            self.process.kill()
        assert self.process.stderr is not None
        return code, self.process.stderr.read().decode()


INITIALIZE = {"method": "initialize", "params": {"processId": None, "capabilities": {}}}


def test_raw_protocol_errors_and_a_clean_exit() -> None:
    client = RawClient()
    client.send({"id": 1, "method": "textDocument/hover", "params": {}})
    assert client.answer(1)["error"]["code"] == -32002  # ServerNotInitialized
    client.send({"id": 2, **INITIALIZE})
    assert "capabilities" in client.answer(2)["result"]
    client.send({"method": "initialized", "params": {}})
    hover = {"textDocument": {"uri": "file:///x.py"}}  # no position
    client.send({"id": 7, "method": "textDocument/hover", "params": hover})
    invalid = client.answer(7)["error"]
    assert invalid["code"] == -32602 and "textDocument/hover" in invalid["message"]  # InvalidParams
    client.send_bytes(b'{"jsonrpc": "2.0", "id": 3, "method": ')  # cut short
    assert client.receive()["error"]["code"] == -32700  # ParseError
    client.send_bytes(b'{"id": 4, "method": "shutdown"}')  # not JSON-RPC 2.0
    assert client.answer(4)["error"]["code"] == -32600  # InvalidRequest
    client.send({"id": 5, "method": "shutdown"})
    assert client.answer(5) == {"jsonrpc": "2.0", "id": 5, "result": None}
    client.send({"id": 6, "method": "textDocument/hover", "params": {}})
    assert client.answer(6)["error"]["code"] == -32600  # after shutdown
    client.send({"method": "exit"})
    code, stderr = client.finish()
    assert code == 0
    assert "Traceback" not in stderr


def test_exit_without_shutdown_and_a_vanished_client() -> None:
    client = RawClient()
    client.send({"id": 1, **INITIALIZE})
    client.answer(1)
    client.send({"method": "exit"})
    assert client.finish()[0] == 1  # as LSP says: exit without shutdown
    client = RawClient()
    client.send({"id": 1, **INITIALIZE})
    client.answer(1)
    assert client.process.stdin is not None
    client.process.stdin.close()  # the editor went away
    assert client.finish()[0] == 1


def test_tcp_for_debugging() -> None:
    assert run_tutor("serve", "--tcp", "nope").returncode == 2
    with socket.socket() as probe:  # a free port on the loopback interface
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [str(TUTOR), "serve", "--tcp", str(port)], stderr=subprocess.PIPE, text=True
    )
    try:
        assert server.stderr is not None
        assert f"listening on 127.0.0.1:{port}" in server.stderr.readline()
        # The message comes just before the socket is bound: allow a moment.
        deadline = time.monotonic() + WAIT
        while True:
            try:
                connection = socket.create_connection(("127.0.0.1", port), timeout=WAIT)
                break
            except ConnectionRefusedError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        with connection:
            stream = connection.makefile("rwb")
            for message in ({"id": 1, **INITIALIZE}, {"id": 2, "method": "shutdown"}):
                body = json.dumps({"jsonrpc": "2.0", **message}).encode()
                stream.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
                stream.flush()
            answers = []
            while len(answers) < 2:
                length = 0
                while (line := stream.readline()) not in (b"\r\n", b""):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":")[1])
                answers.append(json.loads(stream.read(length)))
            assert [answer["id"] for answer in answers] == [1, 2]
            body = json.dumps({"jsonrpc": "2.0", "method": "exit"}).encode()
            stream.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            stream.flush()
        assert server.wait(timeout=WAIT) == 0
    finally:
        server.kill()
