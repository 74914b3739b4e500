"""Which `Host` and `Origin` headers the emulator answers, so web pages cannot use it.

The emulator listens on loopback with a well-known development key. Two browser
tricks would still reach it from any web page: opening a websocket (browsers send no
preflight for those, only an `Origin` header), and DNS rebinding (a page whose own
name is made to resolve to 127.0.0.1, sending its own name as `Host`). So every HTTP
request and websocket upgrade must name a loopback host or a configured one, and,
when it comes from a browser page, a loopback or configured origin. Clients other
than browsers send no `Origin` and are unaffected.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from kili_emulator.protocol.http_io import error_response

LOOPBACK_NAMES = frozenset({"localhost"})


def host_name(host_header: str) -> str | None:
    """Return the lower-case name of a ``Host`` header value, without port or brackets.

    Returns None when the value is not a plausible ``host[:port]``.
    """
    value = host_header.strip().lower()
    if value.startswith("["):
        name, bracket, rest = value[1:].partition("]")
        if not bracket or (rest and not _is_port(rest)):
            return None
        return name
    name, colon, port = value.partition(":")
    if colon and not port.isdigit():
        return None
    return name.rstrip(".") or None


def _is_port(rest: str) -> bool:
    return rest.startswith(":") and rest[1:].isdigit()


def is_loopback(name: str) -> bool:
    """Whether `name` always designates this machine: localhost, 127.0.0.0/8 or ::1."""
    if name in LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class HostPolicy:
    """The hosts and browser origins one emulator accepts.

    Args:
        allowed_hosts: Extra names accepted in ``Host`` (loopback names always are).
        allowed_origins: Extra origins, as ``scheme://host[:port]`` (loopback origins
            always are).
    """

    def __init__(self, allowed_hosts: Iterable[str] = (), allowed_origins: Iterable[str] = ()):
        self.allowed_hosts = frozenset(
            name for name in (host_name(host) for host in allowed_hosts) if name
        )
        self.allowed_origins = frozenset(
            origin for origin in (_normalise_origin(value) for value in allowed_origins) if origin
        )

    def host_allowed(self, host_header: str | None) -> bool:
        """Whether a request naming `host_header` may be served (no header: not a browser)."""
        if host_header is None:
            return True
        name = host_name(host_header)
        return name is not None and (is_loopback(name) or name in self.allowed_hosts)

    def origin_allowed(self, origin_header: str | None) -> bool:
        """Whether a request sent from the page `origin_header` may be served."""
        if origin_header is None:
            return True
        origin = _normalise_origin(origin_header)
        if origin is None:
            return False  # "null" (sandboxed pages, files) and malformed values
        hostname = urlsplit(origin).hostname or ""
        return is_loopback(hostname) or origin in self.allowed_origins


def _normalise_origin(value: str) -> str | None:
    parts = urlsplit(value.strip().lower().rstrip("/"))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    if parts.path or parts.query or parts.fragment or parts.username or parts.password:
        return None
    return f"{parts.scheme}://{parts.netloc}"


class TrustedHostMiddleware:
    """Refuses HTTP requests and websocket upgrades from a foreign host or origin."""

    def __init__(self, app: ASGIApp, policy: HostPolicy) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass trusted requests on; answer 403 to the others."""
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        refusal = self._refusal(headers.get("host"), headers.get("origin"))
        if refusal is None:
            await self.app(scope, receive, send)
        elif scope["type"] == "websocket":
            # Closing before accepting answers the upgrade with 403.
            await send({"type": "websocket.close", "code": 1008, "reason": refusal})
        else:
            await error_response(403, refusal, "FORBIDDEN")(scope, receive, send)

    def _refusal(self, host: str | None, origin: str | None) -> str | None:
        if not self.policy.host_allowed(host):
            return (
                "This Host is not served: use a loopback address, or start kili-emulator "
                "with --allowed-host NAME"
            )
        if not self.policy.origin_allowed(origin):
            return (
                "Requests from this web page are refused: start kili-emulator with "
                "--allowed-origin ORIGIN to accept it"
            )
        return None
