"""JSON-RPC hygiene pygls leaves to the server: every request gets an answer.

A second `initialize` is refused (it would wipe the first client's
documents), and the client's `processId` is watched: the server exits when
that process dies. pygls drops a request whose parameters it cannot read (the client then waits
forever), drops requests made before `initialize` or after `shutdown`, and logs
invalid JSON. Here they get the errors JSON-RPC and LSP define for them:
InvalidParams, ServerNotInitialized, InvalidRequest and ParseError.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from lsprotocol import types
from pygls.exceptions import (
    JsonRpcException,
    JsonRpcInvalidParams,
    JsonRpcInvalidRequest,
    JsonRpcParseError,
    JsonRpcServerNotInitialized,
)
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.json_rpc import JsonRPCResponseMessage

log = logging.getLogger(__name__)

MsgId = int | str
BEFORE_INITIALIZE = (types.INITIALIZE, types.EXIT)


@dataclass(frozen=True)
class Unanswerable:
    """A request that cannot be handled, and the error to answer it with."""

    id: MsgId | None
    method: str
    error: JsonRpcException


def client_alive(pid: int) -> bool:
    """Whether the editor process is still there (a zombie counts as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def watch_client(pid: int, every: float = 2.0) -> None:
    """Exit when the client process dies, as LSP asks of `initialize.processId`:
    the pipe may be held open by someone else, so its end is not enough."""

    def watch() -> None:
        while client_alive(pid):
            time.sleep(every)
        log.warning("the client process %d is gone; exiting", pid)
        logging.shutdown()
        os._exit(1)

    threading.Thread(target=watch, name="tutor-client-watch", daemon=True).start()


class TutorProtocol(LanguageServerProtocol):
    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if "id" in data and "method" not in data and "error" not in data:
                # An answer we cannot read (null for a showDocument result):
                # the request still ends, with no result, rather than never.
                log.warning("unreadable answer to request %s: %s", data["id"], exc)
                return JsonRPCResponseMessage(id=data["id"], jsonrpc="2.0", result=None)
            if "id" not in data or "method" not in data:
                raise  # a notification: nobody waits for an answer
            method = str(data.get("method"))
            detail = exc.__cause__ or exc
            first_line = str(detail).splitlines()[0] if str(detail) else type(detail).__name__
            error = JsonRpcInvalidParams(f"Invalid params for {method}: {first_line}")
            return Unanswerable(data["id"], method, error)

    def handle_message(self, message: Any) -> None:
        if isinstance(message, list):  # a JSON-RPC batch: LSP has none
            self.answer_error(None, JsonRpcInvalidRequest("JSON-RPC batches are not supported"))
            return
        if isinstance(message, dict):  # JSON, but not a JSON-RPC message
            self.answer_error(message.get("id"), JsonRpcInvalidRequest("Not JSON-RPC 2.0"))
            return
        method = getattr(message, "method", None)
        msg_id = getattr(message, "id", None)
        is_request = method is not None and msg_id is not None
        if method is not None and self._workspace is None and method not in BEFORE_INITIALIZE:
            if is_request:
                not_yet = JsonRpcServerNotInitialized(f"{method} before initialize")
                self.answer_error(msg_id, not_yet)
            return  # notifications before initialize are dropped, as LSP says
        if method == types.INITIALIZE and self._workspace is not None:
            if is_request:  # a second initialize would wipe the first client's documents
                again = JsonRpcInvalidRequest("initialize: this server is already initialized")
                self.answer_error(msg_id, again)
            return
        if method == types.INITIALIZE:
            process_id = getattr(getattr(message, "params", None), "process_id", None)
            if isinstance(process_id, int) and process_id > 0:
                watch_client(process_id)
        if is_request and self._shutdown and method != types.EXIT:
            self.answer_error(msg_id, JsonRpcInvalidRequest(f"{method} after shutdown"))
            return
        if isinstance(message, Unanswerable):
            log.warning("%s: %s", message.method, message.error.message)
            self.answer_error(message.id, message.error)
            return
        super().handle_message(message)

    def _check_handler_result(self, future: Future[Any]) -> None:
        """After a notification's handler: pygls files the future of a generator, async or
        threaded handler under a fresh id and never removes it, so every `didChange` kept
        about 1.3 KB alive (issue 17). Drop it here, once it is done."""
        super()._check_handler_result(future)
        for msg_id, pending in list(self._request_futures.items()):
            if pending is future:
                del self._request_futures[msg_id]
                break

    def answer_parse_error(self, error: Exception) -> None:
        self.answer_error(None, JsonRpcParseError(f"Parse error: {error}"))

    def answer_error(self, msg_id: MsgId | None, error: JsonRpcException) -> None:
        self._send_data(types.ResponseErrorMessage(id=msg_id, error=error.to_response_error()))
