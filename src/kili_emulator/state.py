"""Process-wide state of one emulator app, reachable from every route."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from graphql import GraphQLSchema
from starlette.requests import HTTPConnection

from kili_emulator.files import UploadSigner
from kili_emulator.protocol.faults import FaultInjector
from kili_emulator.settings import EmulatorSettings
from kili_emulator.storage import Database


@dataclass
class EmulatorState:
    """Everything built once at startup and shared by all requests."""

    settings: EmulatorSettings
    db: Database
    schema: GraphQLSchema
    signer: UploadSigner
    faults: FaultInjector


def state_of(connection: HTTPConnection) -> EmulatorState:
    """Return the emulator state attached to the app serving `connection`."""
    return cast(EmulatorState, connection.app.state.emulator)


def base_url_of(connection: HTTPConnection) -> str:
    """Return scheme://host[:port] as the client addressed us, for URLs we hand back."""
    return str(connection.base_url).rstrip("/")
