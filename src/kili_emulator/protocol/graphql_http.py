"""GraphQL over HTTP: request checks, execution, and spec-shaped error responses.

Request errors (unreadable JSON, a document that does not parse or validate,
variables of the wrong type) answer 400 with an `errors` list and no `data`, as the
GraphQL-over-HTTP specification asks; errors raised while resolving fields answer
200 with partial `data`. Every GraphQL request needs an active API key (401 without).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Hashable
from typing import Any

from graphql import (
    DocumentNode,
    ExecutionResult,
    GraphQLError,
    OperationType,
    execute_sync,
    get_operation_ast,
    parse,
)
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from kili_emulator.context import Info, RequestContext
from kili_emulator.errors import EmulatorError, UnauthenticatedError
from kili_emulator.protocol.auth import authenticate
from kili_emulator.protocol.faults import DroppedConnectionResponse, Fault
from kili_emulator.protocol.http_io import (
    BodyTooLargeError,
    UnreadableEncodingError,
    decoded_body,
    error_response,
    read_limited_body,
)
from kili_emulator.protocol.query_limits import (
    QUERY_TOO_COMPLEX,
    ResolutionBudget,
    ResolutionBudgetExceededError,
    validate_document,
)
from kili_emulator.state import EmulatorState, base_url_of, state_of
from kili_emulator.storage import Database, Row

logger = logging.getLogger("kili_emulator")


class BadRequestError(Exception):
    """The HTTP request is not a GraphQL request at all."""


def parse_payload(body: bytes) -> tuple[str, dict[str, Any] | None, str | None]:
    """Return (query, variables, operationName) from a JSON request body.

    Raises:
        BadRequestError: The body is not a JSON object with a string `query`, an
            object (or null) `variables` and a string (or null) `operationName`.
    """
    try:
        payload = json.loads(body)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise BadRequestError(f"Request body is not valid JSON: {error!r}") from None
    if not isinstance(payload, dict):
        raise BadRequestError("Request body must be a JSON object; batching is not supported")
    query = payload.get("query")
    if not isinstance(query, str) or not query.strip():
        raise BadRequestError("'query' must be a non-empty string")
    variables = payload.get("variables")
    if isinstance(variables, str) and variables.strip():
        try:
            variables = json.loads(variables)
        except ValueError:
            raise BadRequestError("'variables' is a string that is not JSON") from None
    if variables in ("", None):
        variables = None
    elif not isinstance(variables, dict):
        raise BadRequestError("'variables' must be a JSON object")
    operation_name = payload.get("operationName")
    if operation_name is not None and not isinstance(operation_name, str):
        raise BadRequestError("'operationName' must be a string")
    return query, variables, operation_name


def format_error(error: GraphQLError, default_code: str) -> dict[str, Any]:
    """Format an error for the response, always with an `extensions.code`.

    Unexpected exceptions from resolvers keep a short message and are logged with
    their traceback on the server side only.
    """
    formatted: dict[str, Any] = dict(error.formatted)
    extensions = dict(formatted.get("extensions") or {})
    original = error.original_error
    if original is not None and not isinstance(original, EmulatorError | GraphQLError):
        logger.error("Unexpected error in a resolver", exc_info=original)
        formatted["message"] = (
            f"Internal error in kili-emulator: {type(original).__name__}: {original}"
        )
        extensions["code"] = "INTERNAL_SERVER_ERROR"
    extensions.setdefault("code", default_code)
    formatted["extensions"] = extensions
    return formatted


class TransactionMiddleware:
    """Runs each root mutation field in its own transaction: all of it, or nothing."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def resolve(self, next_: Any, root: Any, info: Info, **args: Any) -> Any:
        """Wrap root mutation resolvers in a transaction; pass other fields through."""
        if info.operation.operation is OperationType.MUTATION and info.path.prev is None:
            with self.db.transaction():
                return next_(root, info, **args)
        return next_(root, info, **args)


def execute_request(
    state: EmulatorState,
    viewer: Row,
    request: tuple[str, dict[str, Any] | None, str | None],
    base_url: str,
) -> tuple[int, dict[str, Any]]:
    """Parse, validate and execute one GraphQL request; return (HTTP status, body)."""
    query, variables, operation_name = request
    document = state.documents.get(query)
    if document is None:
        try:
            document = parse(query)
        except GraphQLError as error:
            return 400, {"errors": [format_error(error, "GRAPHQL_PARSE_FAILED")]}
        except RecursionError:
            message = "The document is nested too deeply"
            return 400, {
                "errors": [{"message": message, "extensions": {"code": "GRAPHQL_PARSE_FAILED"}}]
            }
        errors = validate_document(state.schema, document, state.settings.query_limits)
        if errors:
            return 400, {"errors": [format_error(e, "GRAPHQL_VALIDATION_FAILED") for e in errors]}
        state.documents.put(query, document)
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        message = "Unknown operationName, or several operations without operationName"
        return 400, {"errors": [{"message": message, "extensions": {"code": "BAD_REQUEST"}}]}
    if operation.operation is OperationType.SUBSCRIPTION:
        message = "Subscriptions are not served over HTTP POST"
        return 400, {"errors": [{"message": message, "extensions": {"code": "BAD_REQUEST"}}]}
    # Reads may share rows between sibling objects; a mutation's writes would stale them.
    memo: dict[Hashable, Any] | None = {} if operation.operation is OperationType.QUERY else None
    context = RequestContext(state.db, viewer, state.settings, base_url, state.signer, memo)
    result = execute_operation(state, context, document, variables, operation_name)
    return _result_body(result)


def execute_operation(
    state: EmulatorState,
    context: RequestContext,
    document: DocumentNode,
    variables: dict[str, Any] | None,
    operation_name: str | None,
    root: Any = None,
) -> ExecutionResult:
    """Execute a validated document on one consistent state; bound what reads resolve.

    Mutations hold the database for their whole execution; queries and subscription
    events read a snapshot beside other requests (see `Database.reading`).

    A query or subscription event stopped by the resolution budget answers a request
    error (no `data`). Mutations are not stopped: their writes commit before their
    answer is resolved, and an error then would hide a write that happened; their
    answers stay bounded by the document checks and the body limit.
    """
    # Each middleware costs a call per resolved field: only what the operation needs.
    operation = get_operation_ast(document, operation_name)
    if operation is not None and operation.operation is OperationType.MUTATION:
        middleware: list[Any] = [TransactionMiddleware(state.db)]
        holding = state.db.locked()
    else:
        middleware = [ResolutionBudget(state.settings.query_limits.max_resolved_fields)]
        holding = state.db.reading()
    try:
        with holding:
            return execute_sync(
                state.schema,
                document,
                root_value=root,
                context_value=context,
                variable_values=variables,
                operation_name=operation_name,
                middleware=middleware,
            )
    except ResolutionBudgetExceededError as stopped:
        error = GraphQLError(str(stopped), extensions={"code": QUERY_TOO_COMPLEX})
        return ExecutionResult(data=None, errors=[error])


def _result_body(result: ExecutionResult) -> tuple[int, dict[str, Any]]:
    if result.data is None and result.errors and all(e.path is None for e in result.errors):
        # No field ran: the variables could not be coerced, a request error.
        return 400, {"errors": [format_error(e, "BAD_USER_INPUT") for e in result.errors]}
    body: dict[str, Any] = {"data": result.data}
    if result.errors:
        body["errors"] = [format_error(e, "INTERNAL_SERVER_ERROR") for e in result.errors]
    return 200, body


async def graphql_endpoint(request: Request) -> Response:
    """Serve one GraphQL request, with optional injected faults around it."""
    state = state_of(request)
    if request.method != "POST":
        return error_response(
            405, "Send GraphQL requests with POST", "METHOD_NOT_ALLOWED", {"Allow": "POST"}
        )
    fault = state.faults.draw()
    if fault is not None and not fault.after_execution:
        return _fault_response(fault)
    response = await _serve(request, state)
    if fault is not None:
        return _fault_response(fault)
    return response


async def _serve(request: Request, state: EmulatorState) -> Response:
    # The key is checked before the body is read: an anonymous client cannot make the
    # server read (and hold) up to the body limit.
    try:
        viewer = await run_in_threadpool(
            authenticate, state.db, request.headers.get("authorization")
        )
        limit = state.settings.max_body_bytes
        body = await read_limited_body(request, limit)
        body = decoded_body(body, request.headers.get("content-encoding"), limit)
        payload = parse_payload(body)
    except BodyTooLargeError as error:
        return error_response(413, str(error), "PAYLOAD_TOO_LARGE")
    except UnreadableEncodingError as error:
        code = "UNSUPPORTED_MEDIA_TYPE" if error.status_code == 415 else "BAD_REQUEST"
        return error_response(error.status_code, str(error), code)
    except UnauthenticatedError as error:
        return error_response(401, error.message, error.code)
    except BadRequestError as error:
        return error_response(400, str(error), "BAD_REQUEST")
    status, body_json = await run_in_threadpool(
        execute_request, state, viewer, payload, base_url_of(request)
    )
    return JSONResponse(body_json, status_code=status)


def _fault_response(fault: Fault) -> Response:
    if fault.drops_connection:
        return DroppedConnectionResponse()
    status = 502 if fault.after_execution else 503
    return error_response(status, f"Injected fault: {fault.value}", "INJECTED_FAULT")
