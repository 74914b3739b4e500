"""GraphQL over a websocket, on the GraphQL path: subscriptions, and queries for good measure.

Two subprotocols are spoken, chosen from what the client offers:

- ``graphql-ws``, Apollo's subscriptions-transport-ws protocol, which Kili serves and
  its SDK speaks: `connection_init` / `connection_ack` / `connection_error`, then
  `start` / `stop` by operation id, answered by `data`, `error` and `complete`, with a
  `ka` keep-alive;
- ``graphql-transport-ws``, the newer protocol of the graphql-ws library: `subscribe` /
  `complete` by id, answered by `next`, `error` and `complete`, with `ping` / `pong`.

The API key comes in the `connection_init` payload (``{"Authorization": "X-API-Key:
<key>"}``, or the same under `headers`), or else in the upgrade request's header; the
connection is refused without a valid one. The key and its user are checked again
before every operation and every subscription event, so revoking a key or deactivating
a user closes the connections opened with it. Each message of a connection is handled
before the next, so an answer to an operation proves every earlier `start` took effect.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    ExecutionResult,
    GraphQLError,
    OperationType,
    get_operation_ast,
    parse,
)
from starlette.concurrency import run_in_threadpool
from starlette.websockets import WebSocket, WebSocketDisconnect

from kili_emulator.context import RequestContext
from kili_emulator.errors import UnauthenticatedError
from kili_emulator.events import SubscriberOverflow
from kili_emulator.protocol.auth import authenticate
from kili_emulator.protocol.graphql_http import execute_operation, execute_request, format_error
from kili_emulator.protocol.query_limits import validate_document
from kili_emulator.resolvers.subscription import SubscriptionRequest
from kili_emulator.state import EmulatorState, base_url_of, state_of

logger = logging.getLogger("kili_emulator")

INIT_TIMEOUT_S = 10.0
"""How long a client may stay connected without sending `connection_init`."""

KEEPALIVE_S = 15.0
"""Interval of the `ka` messages of the ``graphql-ws`` protocol."""


@dataclass(frozen=True)
class Protocol:
    """The message names of one subprotocol; None where it has no such message."""

    name: str
    start: str
    stop: str
    data: str
    keepalive: str | None
    terminate: str | None


PROTOCOLS = {
    "graphql-ws": Protocol("graphql-ws", "start", "stop", "data", "ka", "connection_terminate"),
    "graphql-transport-ws": Protocol(
        "graphql-transport-ws", "subscribe", "complete", "next", None, None
    ),
}


async def graphql_websocket_endpoint(websocket: WebSocket) -> None:
    """Serve GraphQL operations over one websocket connection until it closes."""
    offered = websocket.scope.get("subprotocols") or []
    protocol = next((PROTOCOLS[name] for name in offered if name in PROTOCOLS), None)
    if protocol is None:
        await websocket.close(code=1002, reason="Offer the graphql-ws subprotocol")
        return
    await websocket.accept(subprotocol=protocol.name)
    await GraphQLWebSocketSession(websocket, state_of(websocket), protocol).run()


class GraphQLWebSocketSession:
    """One websocket connection: its viewer, and its running operations by id."""

    def __init__(self, websocket: WebSocket, state: EmulatorState, protocol: Protocol) -> None:
        self.websocket = websocket
        self.state = state
        self.protocol = protocol
        self.authorization: str | None = None
        self.unauthenticated = False
        self.base_url = base_url_of(websocket)
        self.operations: dict[str, asyncio.Task[None]] = {}
        self._send_lock = asyncio.Lock()

    async def run(self) -> None:
        """Authenticate the connection, then serve its messages until it closes."""
        keepalive: asyncio.Task[None] | None = None
        try:
            if not await self._initialise():
                return
            if self.protocol.keepalive is not None:
                keepalive = asyncio.create_task(self._keep_alive())
            while True:
                message = await self._receive()
                if message is None or not await self._dispatch(message):
                    return
        except WebSocketDisconnect:
            pass
        finally:
            for task in [*self.operations.values(), *([keepalive] if keepalive else [])]:
                task.cancel()
            await asyncio.gather(*self.operations.values(), return_exceptions=True)
            with contextlib.suppress(RuntimeError, OSError):  # already closed by either side
                await self.websocket.close()

    async def send(self, message: Mapping[str, Any]) -> None:
        """Send one message; operations of a connection send concurrently."""
        async with self._send_lock:
            await self.websocket.send_text(json.dumps(message))

    async def _receive(self) -> dict[str, Any] | None:
        try:
            message = json.loads(await self.websocket.receive_text())
        except (ValueError, KeyError):
            await self.websocket.close(code=4400, reason="Messages must be JSON objects")
            return None
        if not isinstance(message, dict):
            await self.websocket.close(code=4400, reason="Messages must be JSON objects")
            return None
        return message

    async def _initialise(self) -> bool:
        try:
            message = await asyncio.wait_for(self._receive(), INIT_TIMEOUT_S)
        except TimeoutError:
            await self.websocket.close(code=4408, reason="Connection initialisation timeout")
            return False
        if message is None:
            return False
        if message.get("type") != "connection_init":
            await self.websocket.close(code=4401, reason="Send connection_init first")
            return False
        self.authorization = self._authorization(message.get("payload"))
        try:
            await run_in_threadpool(self._context)
        except UnauthenticatedError as error:
            await self._refuse(error)
            return False
        await self.send({"type": "connection_ack"})
        return True

    def _authorization(self, payload: Any) -> str | None:
        """Find the key in the init payload, as clients put it, else in the upgrade header."""
        if isinstance(payload, Mapping):
            headers = payload.get("headers")
            for source in (payload, headers if isinstance(headers, Mapping) else {}):
                for key in ("Authorization", "authorization"):
                    if isinstance(source.get(key), str):
                        return str(source[key])
        return self.websocket.headers.get("authorization")

    async def _refuse(self, error: UnauthenticatedError) -> None:
        if self.protocol.name == "graphql-ws":
            payload = {"message": error.message, "extensions": error.extensions}
            await self.send({"type": "connection_error", "payload": payload})
            await self.websocket.close(code=4401, reason="Unauthorized")
        else:
            await self.websocket.close(code=4403, reason="Forbidden")

    def _context(self) -> RequestContext:
        """Authenticate the connection's key again, and build the context of one run.

        Raises:
            UnauthenticatedError: The key was revoked or expired, or its user deactivated.
        """
        state = self.state
        viewer = authenticate(state.db, self.authorization)
        return RequestContext(state.db, viewer, state.settings, self.base_url, state.signer)

    async def _unauthenticated(self, operation_id: str, error: UnauthenticatedError) -> None:
        """End an operation whose key no longer works, and the connection with it."""
        self.unauthenticated = True
        await self._error(
            operation_id, [{"message": error.message, "extensions": error.extensions}]
        )
        await self.websocket.close(code=4401, reason="Unauthorized")

    async def _keep_alive(self) -> None:
        with contextlib.suppress(Exception):  # the connection is gone: nothing to keep alive
            while True:
                await self.send({"type": self.protocol.keepalive})
                await asyncio.sleep(KEEPALIVE_S)

    async def _dispatch(self, message: dict[str, Any]) -> bool:
        """Act on one client message; return False once the connection is closed."""
        kind, operation_id = message.get("type"), message.get("id")
        if kind == self.protocol.start and isinstance(operation_id, str):
            if operation_id in self.operations:
                await self.websocket.close(
                    code=4409, reason=f"Subscriber for {operation_id} already exists"
                )
                return False
            await self._start(operation_id, message.get("payload"))
        elif kind == self.protocol.stop and isinstance(operation_id, str):
            task = self.operations.pop(operation_id, None)
            if task is not None:
                task.cancel()
        elif kind == "ping":
            await self.send({"type": "pong"})
        elif kind == "connection_init" or (kind is not None and kind == self.protocol.terminate):
            await self.websocket.close(code=4429 if kind == "connection_init" else 1000)
            return False
        return not self.unauthenticated

    async def _start(self, operation_id: str, payload: Any) -> None:
        try:
            await run_in_threadpool(self._context)
        except UnauthenticatedError as error:
            await self._unauthenticated(operation_id, error)
            return
        if not isinstance(payload, Mapping) or not isinstance(payload.get("query"), str):
            await self._error(operation_id, [{"message": "'payload.query' must be a string"}])
            return
        query, operation_name = payload["query"], payload.get("operationName")
        variables = payload.get("variables") or None
        try:
            document = parse(query)
        except GraphQLError as error:
            await self._error(operation_id, [format_error(error, "GRAPHQL_PARSE_FAILED")])
            return
        errors = validate_document(self.state.schema, document, self.state.settings.query_limits)
        operation = get_operation_ast(document, operation_name)
        if errors or operation is None:
            formatted = [format_error(e, "GRAPHQL_VALIDATION_FAILED") for e in errors]
            await self._error(operation_id, formatted or [{"message": "No such operation"}])
            return
        if operation.operation is not OperationType.SUBSCRIPTION:
            await self._answer_once(operation_id, (query, variables, operation_name))
            return
        request = SubscriptionRequest()
        try:
            result = await self._execute(document, variables, operation_name, request)
        except UnauthenticatedError as error:
            await self._unauthenticated(operation_id, error)
            return
        if result.errors or request.open_stream is None:
            formatted = [format_error(e, "INTERNAL_SERVER_ERROR") for e in result.errors or []]
            await self._error(operation_id, formatted or [{"message": "Not a subscription"}])
            return
        stream = request.open_stream()
        self.operations[operation_id] = asyncio.create_task(
            self._forward(operation_id, stream, document, variables, operation_name)
        )

    async def _answer_once(
        self, operation_id: str, request: tuple[str, dict[str, Any] | None, str | None]
    ) -> None:
        def run() -> dict[str, Any]:
            context = self._context()
            return execute_request(self.state, context.viewer, request, self.base_url)[1]

        try:
            body = await run_in_threadpool(run)
        except UnauthenticatedError as error:
            await self._unauthenticated(operation_id, error)
            return
        await self.send({"type": self.protocol.data, "id": operation_id, "payload": body})
        await self.send({"type": "complete", "id": operation_id})

    async def _execute(
        self, document: Any, variables: dict[str, Any] | None, operation_name: Any, root: Any
    ) -> ExecutionResult:
        """Run the operation on `root` in a worker thread, holding the database like HTTP.

        Raises:
            UnauthenticatedError: The connection's key no longer works.
        """

        def run() -> ExecutionResult:
            return execute_operation(
                self.state, self._context(), document, variables, operation_name, root
            )

        return await run_in_threadpool(run)

    async def _forward(
        self,
        operation_id: str,
        stream: AsyncIterator[Any],
        document: Any,
        variables: dict[str, Any] | None,
        operation_name: Any,
    ) -> None:
        """Send each event of `stream` as the subscription's result, until it ends."""
        try:
            await self._send_events(operation_id, stream, document, variables, operation_name)
        except Exception as error:  # the client left; the session is closing
            logger.debug("Subscription %s ended: %r", operation_id, error)

    async def _send_events(
        self,
        operation_id: str,
        stream: AsyncIterator[Any],
        document: Any,
        variables: dict[str, Any] | None,
        operation_name: Any,
    ) -> None:
        try:
            async for event in stream:
                try:
                    result = await self._execute(document, variables, operation_name, event)
                except UnauthenticatedError as error:
                    await self._unauthenticated(operation_id, error)
                    return
                payload: dict[str, Any] = {"data": result.data}
                if result.errors:
                    payload["errors"] = [
                        format_error(e, "INTERNAL_SERVER_ERROR") for e in result.errors
                    ]
                await self.send(
                    {"type": self.protocol.data, "id": operation_id, "payload": payload}
                )
        except SubscriberOverflow as overflow:
            await self._error(
                operation_id, [{"message": str(overflow), "extensions": {"code": "OVERFLOW"}}]
            )
            return
        finally:
            aclose = getattr(stream, "aclose", None)
            if aclose is not None:
                await aclose()
        self.operations.pop(operation_id, None)
        await self.send({"type": "complete", "id": operation_id})

    async def _error(self, operation_id: str, errors: list[dict[str, Any]]) -> None:
        self.operations.pop(operation_id, None)
        payload: Any = errors[0] if self.protocol.name == "graphql-ws" else errors
        await self.send({"type": "error", "id": operation_id, "payload": payload})
