"""Settings of the client: retries, request budget, timeouts, and the checked API key.

`RetryPolicy`, `RateLimit` and `Timeout` are public (exported from `kili`) and passed to
`Kili(...)`; their defaults match what the Kili cloud expects. `ApiKey` and
`checked_endpoint` check the user's key and endpoint before anything is sent, so that a
mistake in either fails at once with a typed error rather than after minutes of retries.
The other settings come, as in the official SDK, from the argument, else the environment
variable, else the configuration file `kili-sdk-config.json`, else the default.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from kili.exceptions import (
    ConfigurationError,
    InvalidApiKeyError,
    InvalidEndpointError,
    InvalidSettingError,
)


def _require_non_negative(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidSettingError(f"{name} must be a number")
    if math.isnan(value) or value < 0:
        raise InvalidSettingError(f"{name} must be zero or more")


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to retry transient faults, for GraphQL requests and file transfers alike.

    Transient faults are connection errors and HTTP 429, 502, 503 and 504. Reads and
    file transfers are retried on all of them; writes only when the server cannot have
    seen them. Configuration mistakes (bad endpoint, TLS handshake failure, refused key)
    are never retried.

    Attributes:
        max_attempts: Attempts in all, the first one included; `1` turns retries off.
        max_seconds: Give up once this much time has passed since the first attempt.
        initial_backoff: First wait in seconds; waits then double, with random jitter.
        max_backoff: Longest single wait in seconds, also the cap on `Retry-After`.

    Raises:
        InvalidSettingError: A value is out of range.
    """

    max_attempts: int = 6
    max_seconds: float = 120.0
    initial_backoff: float = 0.5
    max_backoff: float = 30.0

    def __post_init__(self) -> None:
        if isinstance(self.max_attempts, bool) or not isinstance(self.max_attempts, int):
            raise InvalidSettingError("RetryPolicy.max_attempts must be an int")
        if self.max_attempts < 1:
            raise InvalidSettingError("RetryPolicy.max_attempts must be at least 1")
        _require_non_negative("RetryPolicy.max_seconds", self.max_seconds)
        _require_non_negative("RetryPolicy.initial_backoff", self.initial_backoff)
        _require_non_negative("RetryPolicy.max_backoff", self.max_backoff)


@dataclass(frozen=True)
class RateLimit:
    """Client-side budget of requests: at most `max_requests` in any `per_seconds` window.

    The default matches the Kili cloud's published limit of 500 requests a minute per
    user. Pass `rate_limit=None` to `Kili` to send without a budget, for example against
    a local emulator.

    Raises:
        InvalidSettingError: A value is not positive.
    """

    max_requests: int = 500
    per_seconds: float = 60.0

    def __post_init__(self) -> None:
        if isinstance(self.max_requests, bool) or not isinstance(self.max_requests, int):
            raise InvalidSettingError("RateLimit.max_requests must be an int")
        if self.max_requests < 1:
            raise InvalidSettingError("RateLimit.max_requests must be at least 1")
        _require_non_negative("RateLimit.per_seconds", self.per_seconds)
        if self.per_seconds == 0:
            raise InvalidSettingError("RateLimit.per_seconds must be positive")


CLOUD_RATE_LIMIT = RateLimit()
"""The Kili cloud's budget, the default of every client."""


DEFAULT_MAX_CONCURRENCY = 4
"""Requests a client keeps in flight at once for one paged read or one batched write.

Four pages of 500 objects in flight cut the wall time of a large listing by about four
against a distant server, while staying far below the cloud's request budget, which
every thread shares anyway.
"""


def checked_max_concurrency(value: object) -> int:
    """Return `value` if it is a usable number of requests in flight, else raise.

    Raises:
        InvalidSettingError: `value` is not an int of at least 1.
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidSettingError(f"max_concurrency must be an int, not {type(value).__name__}")
    if value < 1:
        raise InvalidSettingError(
            f"max_concurrency must be at least 1 (1 sends one request at a time), got {value}"
        )
    return value


@dataclass(frozen=True)
class Timeout:
    """How long to wait for the network, in seconds, per request.

    Attributes:
        connect: To open a connection (TCP and TLS).
        read: For each chunk of the answer.
        write: For each chunk of the request.
        pool: For a free connection of the pool.

    Raises:
        InvalidSettingError: A value is negative.
    """

    connect: float = 10.0
    read: float = 60.0
    write: float = 60.0
    pool: float = 60.0

    def __post_init__(self) -> None:
        for name in ("connect", "read", "write", "pool"):
            _require_non_negative(f"Timeout.{name}", getattr(self, name))

    @classmethod
    def of(cls, value: Timeout | float) -> Timeout:
        """Return `value` as a `Timeout`; a number sets all four, as in httpx."""
        if isinstance(value, Timeout):
            return value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InvalidSettingError("timeout must be a number of seconds or a kili.Timeout")
        seconds = float(value)
        return cls(connect=seconds, read=seconds, write=seconds, pool=seconds)


class ApiKey:
    """An API key that never shows itself: `repr` and `str` are masked.

    Wrap the key on the first line that receives it, so that no later frame, log record
    or exception holds it in clear; only `header_value()` reveals it, to build the
    `Authorization` header. Building never fails (a failing constructor would leave the
    raw key in the caller's frame); `check()` validates.
    """

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value.strip() if isinstance(value, str) else value

    def __repr__(self) -> str:
        return "ApiKey('********')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ApiKey) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __bool__(self) -> bool:
        return bool(self._value)

    def check(self) -> ApiKey:
        """Return the key if it can be sent in a header, else raise without showing it.

        Surrounding whitespace (as a key read from a file has) was already stripped.

        Raises:
            InvalidApiKeyError: The key is not a string, or holds control characters or
                characters outside ASCII.
        """
        if not isinstance(self._value, str):
            raise InvalidApiKeyError(f"The API key must be a str, not {type(self._value).__name__}")
        problem = _key_problem(self._value)
        if problem:
            raise InvalidApiKeyError(
                f"The API key {problem}; check that it was copied whole and alone"
            )
        return self

    def header_value(self) -> str:
        """Return the `Authorization` header value the Kili API expects."""
        return f"X-API-Key: {self._value}"


def _key_problem(value: str) -> str | None:
    """Describe what makes `value` unfit for an HTTP header, naming no character of it."""
    if any(not character.isascii() for character in value):
        return "contains characters outside ASCII"
    if any(ord(character) < 0x20 or ord(character) == 0x7F for character in value):
        return "contains control characters (line breaks, tabs, ...)"
    return None


def checked_endpoint(endpoint: object) -> str:
    """Return `endpoint` if it is an absolute http(s) URL with a host, else raise.

    Raises:
        InvalidEndpointError: The endpoint is not a string, has another scheme, no host,
            a malformed port, or spaces or control characters.
    """
    if not isinstance(endpoint, str):
        raise InvalidEndpointError(f"api_endpoint must be a str, not {type(endpoint).__name__}")
    if endpoint != endpoint.strip() or any(
        character.isspace() or ord(character) < 0x20 for character in endpoint
    ):
        raise InvalidEndpointError(f"api_endpoint {endpoint!r} contains spaces or control chars")
    try:
        parts = urlsplit(endpoint)
        port = parts.port
    except ValueError as error:
        raise InvalidEndpointError(f"api_endpoint {endpoint!r} is not a URL: {error}") from None
    del port
    if parts.scheme not in ("http", "https"):
        raise InvalidEndpointError(
            f"api_endpoint {endpoint!r} must start with https:// (or http:// for a local server)"
        )
    if not parts.hostname:
        raise InvalidEndpointError(f"api_endpoint {endpoint!r} has no host")
    return endpoint


CONFIG_FILE_NAME = "kili-sdk-config.json"
"""The configuration file, looked for in the current directory, then the home directory."""

_ENV_TRUE = ("true", "1", "yes")
"""What an environment flag is true for, as the official SDK reads it; anything else is false."""

_VERIFY_TRUE = frozenset({"1", "true", "yes", "on"})
_VERIFY_FALSE = frozenset({"0", "false", "no", "off"})


@dataclass(frozen=True)
class FileSettings:
    """The settings read from the configuration file; `None` where the file is silent.

    Attributes:
        path: The file read, `None` when there is none.
        api_key: The key, masked from the moment it is read.
        api_endpoint: The GraphQL endpoint.
        verify_ssl: TLS verification: a bool, or the path of a CA bundle.
        disable_tqdm: Hide progress bars.
        disable_request_compression: Send request bodies uncompressed.
    """

    path: Path | None = None
    api_key: ApiKey | None = None
    api_endpoint: str | None = None
    verify_ssl: bool | str | None = None
    disable_tqdm: bool | None = None
    disable_request_compression: bool | None = None


def config_file_directories() -> list[Path]:
    """Return where the configuration file is looked for, first match wins."""
    directories: list[Path] = []
    with contextlib.suppress(OSError):  # the current directory was deleted
        directories.append(Path.cwd())
    with contextlib.suppress(RuntimeError):  # no HOME and no passwd entry
        directories.append(Path.home())
    return directories


def load_config_file(directories: Sequence[Path] | None = None) -> FileSettings:
    """Read the first `kili-sdk-config.json` found in `directories` (default: cwd, home).

    Returns:
        Its settings, or empty settings when no directory holds the file.

    Raises:
        ConfigurationError: The file found cannot be read, is not a JSON object, or holds
            a value of the wrong type; the message names the file, never the key.
    """
    for directory in config_file_directories() if directories is None else directories:
        path = directory / CONFIG_FILE_NAME
        if path.exists():
            settings, problem = _read_config_file(path)
            if problem is not None:
                # raised here, not in the reader, so that no frame of the traceback holds
                # the file's text, which may contain the key in clear
                raise ConfigurationError(f"The configuration file {path} {problem}")
            return settings
    return FileSettings()


def _read_config_file(path: Path) -> tuple[FileSettings, str | None]:
    """Return the file's settings, or a description of what is wrong with it."""
    try:
        values = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        return FileSettings(), f"cannot be read: {error.strerror or type(error).__name__}"
    except UnicodeDecodeError:
        return FileSettings(), "is not UTF-8 text"
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        return FileSettings(), f"is not valid JSON: {error.msg} ({where})"
    if not isinstance(values, dict):
        return FileSettings(), "must hold a JSON object"
    key = values.get("api_key")
    if key is not None and not isinstance(key, str):
        return FileSettings(), "has an 'api_key' that is not a string"
    for name, expected in _FILE_TYPES.items():
        if values.get(name) is not None and not isinstance(values[name], expected):
            return FileSettings(), f"has a {name!r} that is not {_FILE_TYPE_NAMES[name]}"
    return FileSettings(
        path=path,
        api_key=ApiKey(key) if key is not None else None,
        api_endpoint=values.get("api_endpoint"),
        verify_ssl=values.get("verify_ssl"),
        disable_tqdm=values.get("disable_tqdm"),
        disable_request_compression=values.get("disable_request_compression"),
    ), None


_FILE_TYPES: Mapping[str, type | tuple[type, ...]] = {
    "api_endpoint": str,
    "verify_ssl": (bool, str),
    "disable_tqdm": bool,
    "disable_request_compression": bool,
}
_FILE_TYPE_NAMES = {
    "api_endpoint": "a string",
    "verify_ssl": "true, false or the path of a CA bundle",
    "disable_tqdm": "true or false",
    "disable_request_compression": "true or false",
}


def resolve_flag(argument: bool | None, variable: str, from_file: bool | None) -> bool:
    """Return a boolean setting: the argument, else the environment variable, else the file.

    The variable is true for `true`, `1` or `yes` (any case) and false for anything else,
    as the official SDK reads it. Without any of the three, the setting is off.
    """
    if argument is not None:
        return argument
    value = os.getenv(variable)
    if value is not None:
        return value.lower() in _ENV_TRUE
    return bool(from_file)


def resolve_verify(argument: bool | str | None, from_file: bool | str | None) -> bool | str:
    """Return TLS verification: the argument, else `KILI_VERIFY`, else the file, else `True`.

    `KILI_VERIFY` is a boolean word (`true/1/yes/on`, `false/0/no/off`) or else the path
    of a CA bundle, which the transport checks; the official SDK turns such a path into
    `False`, silently turning verification off.
    """
    if argument is not None:
        return argument
    value = os.getenv("KILI_VERIFY")
    if value is not None:
        if value.lower() in _VERIFY_TRUE:
            return True
        if value.lower() in _VERIFY_FALSE:
            return False
        return value
    return True if from_file is None else from_file
