"""The Starlette application: GraphQL, version and file routes over one database."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute

from kili_emulator.bootstrap import ensure_seed
from kili_emulator.contract import load_sdl
from kili_emulator.files import UploadSigner
from kili_emulator.protocol.faults import FaultInjector, LatencyMiddleware
from kili_emulator.protocol.file_routes import files_endpoint
from kili_emulator.protocol.graphql_http import graphql_endpoint
from kili_emulator.protocol.graphql_ws import graphql_websocket_endpoint
from kili_emulator.protocol.http_io import error_response
from kili_emulator.protocol.trusted_hosts import HostPolicy, TrustedHostMiddleware
from kili_emulator.resolvers import build_schema
from kili_emulator.settings import (
    FILES_PATH,
    GRAPHQL_PATH,
    VERSION,
    VERSION_PATH,
    EmulatorSettings,
)
from kili_emulator.state import EmulatorState
from kili_emulator.storage import Database
from kili_emulator.store.asset_filters import register_sql_functions

logger = logging.getLogger("kili_emulator")


async def version_endpoint(_request: Request) -> Response:
    """Answer the emulator's version, like Kili's version route."""
    return JSONResponse({"version": VERSION})


async def http_error_handler(_request: Request, error: Exception) -> Response:
    """Answer routing errors (404, 405) with a GraphQL-shaped body."""
    assert isinstance(error, HTTPException)
    code = {404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED"}.get(error.status_code, "BAD_REQUEST")
    return error_response(error.status_code, str(error.detail), code)


async def internal_error_handler(_request: Request, error: Exception) -> Response:
    """Last resort: a GraphQL error body instead of a stack trace."""
    logger.error("Unhandled error", exc_info=error)
    return error_response(500, "Internal error in kili-emulator", "INTERNAL_SERVER_ERROR")


def build_state(settings: EmulatorSettings, schema_path: Path | None = None) -> EmulatorState:
    """Open the database, seed it, and build the schema: everything requests share."""
    db = Database(settings.db)
    try:
        register_sql_functions(db)
        ensure_seed(db, settings.api_key)
        return EmulatorState(
            settings=settings,
            db=db,
            schema=build_schema(load_sdl(schema_path)),
            signer=UploadSigner.for_database(db),
            faults=FaultInjector(settings.fault_rate, settings.seed),
            hosts=HostPolicy(settings.allowed_hosts, settings.allowed_origins),
        )
    except BaseException:
        db.close()
        raise


def create_app(
    settings: EmulatorSettings | None = None, *, schema_path: Path | None = None
) -> Starlette:
    """Build the emulator application; the database is opened (and seeded) right away.

    Args:
        settings: Storage, key, limits and faults; defaults to an in-memory database
            with the development API key.
        schema_path: SDL to serve instead of the one shipped in the `kili` package.
    """
    state = build_state(settings or EmulatorSettings(), schema_path)

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        yield
        state.db.close()

    app = Starlette(
        routes=[
            Route(GRAPHQL_PATH, graphql_endpoint, methods=["GET", "POST"]),
            WebSocketRoute(GRAPHQL_PATH, graphql_websocket_endpoint),
            Route(VERSION_PATH, version_endpoint, methods=["GET"]),
            Route(FILES_PATH, files_endpoint, methods=["GET"]),
            Route(FILES_PATH + "/{path:path}", files_endpoint, methods=["GET", "PUT"]),
        ],
        middleware=[
            Middleware(TrustedHostMiddleware, policy=state.hosts),
            Middleware(LatencyMiddleware, latency_ms=state.settings.latency_ms),
        ],
        exception_handlers={HTTPException: http_error_handler, Exception: internal_error_handler},
        lifespan=lifespan,
    )
    app.state.emulator = state
    return app
