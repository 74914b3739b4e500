"""Process-wide state of one emulator app, reachable from every route."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from graphql import GraphQLSchema
from starlette.requests import HTTPConnection

from kili_emulator.files import UploadSigner
from kili_emulator.protocol.document_cache import ValidatedDocuments
from kili_emulator.protocol.faults import FaultInjector
from kili_emulator.protocol.trusted_hosts import HostPolicy
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
    hosts: HostPolicy
    documents: ValidatedDocuments = field(default_factory=ValidatedDocuments)


def state_of(connection: HTTPConnection) -> EmulatorState:
    """Return the emulator state attached to the app serving `connection`."""
    return cast(EmulatorState, connection.app.state.emulator)


def base_url_of(connection: HTTPConnection) -> str:
    """Return ``http[s]://host[:port]`` as the client addressed us, for URLs we hand back.

    The client's ``Host`` is used only if the host policy accepts it, so that signed
    URLs never point at a name chosen by someone else; otherwise the listening address
    is used.
    """
    scheme = "https" if connection.url.scheme in ("https", "wss") else "http"
    host = connection.headers.get("host")
    if host is None or not state_of(connection).hosts.host_allowed(host):
        server = connection.scope.get("server") or ("127.0.0.1", 80)
        address, port = str(server[0]), int(server[1])
        host = f"[{address}]:{port}" if ":" in address else f"{address}:{port}"
    return f"{scheme}://{host}"
