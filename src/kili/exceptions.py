"""Errors raised by the SDK.

Every error the SDK raises on purpose derives from `KiliError`, so one `except KiliError`
catches them all. Errors of the libraries underneath (httpx, graphql-core, pydantic) are
translated at the adapter boundary and never reach the caller as such.

The names the official SDK exposes (`GraphQLError`, `NotFound`, `AuthenticationFailed`,
`MissingArgumentError`, `IncompatibleArgumentsError`) keep their meaning and their built-in
bases (`ValueError` for argument errors), so existing `except` clauses keep working.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


class KiliError(Exception):
    """Base class of every error raised by the SDK."""


# --- configuration and arguments -------------------------------------------------------


class AuthenticationFailed(KiliError):
    """The API key is missing, unknown, revoked or refused by the endpoint."""

    def __init__(self, api_endpoint: str | None, reason: str) -> None:
        where = f" to {api_endpoint}" if api_endpoint else ""
        super().__init__(f"Authentication{where} failed: {reason}")
        self.api_endpoint = api_endpoint
        self.reason = reason


class MissingArgumentError(KiliError, ValueError):
    """A required argument, or one of a set of alternatives, was not given."""


class IncompatibleArgumentsError(KiliError, ValueError):
    """Two arguments that exclude each other were both given."""


class InvalidArgumentError(KiliError, ValueError):
    """An argument has the right type but a value the API would refuse."""


class InvalidFieldError(InvalidArgumentError):
    """A path of `fields` names no field of the API's type, or stops at an object."""


class ArgumentTypeError(KiliError, TypeError):
    """An argument has the wrong type; raised before anything is sent."""


class InternalError(KiliError, RuntimeError):
    """The SDK broke one of its own rules: a bug to report, not a mistake of the caller."""


class MissingExtraError(KiliError, ImportError):
    """An optional feature needs a package of an extra that is not installed."""

    def __init__(self, feature: str, extra: str) -> None:
        super().__init__(f"{feature} needs the '{extra}' extra: pip install 'kili[{extra}]'")
        self.extra = extra


class LabelParsingError(KiliError, ValueError):
    """A label's jsonResponse does not match the json interface of its project."""

    def __init__(
        self, problem: str, *, job_name: str | None = None, label_id: str | None = None
    ) -> None:
        where = [f"label {label_id!r}"] if label_id else []
        where += [f"job {job_name!r}"] if job_name else []
        super().__init__(f"{', '.join(where)}: {problem}" if where else problem)
        self.problem = problem
        self.job_name = job_name
        self.label_id = label_id


# --- answers of the API ----------------------------------------------------------------


class GraphQLError(KiliError):
    """The API answered with GraphQL errors; `message`, `path` and `code` describe the first."""

    def __init__(
        self,
        message: str,
        *,
        path: Sequence[str | int] | None = None,
        code: str | None = None,
        errors: Sequence[Mapping[str, Any]] = (),
    ) -> None:
        located = f" (at {'.'.join(str(p) for p in path)})" if path else ""
        super().__init__(f'GraphQL error: "{message}"{located}')
        self.message = message
        self.path = list(path) if path else None
        self.code = code
        self.errors = list(errors)


class NotFound(GraphQLError):
    """The object the request names does not exist, or is not visible to this user."""


class PermissionDenied(GraphQLError):
    """The user is authenticated but lacks the right the action needs."""


# --- transport -------------------------------------------------------------------------


class TransportError(KiliError):
    """The request could not be completed at the network or HTTP level, retries included."""


class KiliConnectionError(TransportError):
    """The endpoint could not be reached."""


class KiliTimeoutError(TransportError):
    """The endpoint did not answer in time."""


class ServerError(TransportError):
    """The endpoint answered with an HTTP error status."""

    def __init__(self, message: str, status_code: int) -> None:
        super().__init__(message)
        self.status_code = status_code


class RateLimitedError(ServerError):
    """The endpoint kept refusing requests for exceeding its rate limit."""


class UncertainWriteError(TransportError):
    """A write failed in a way that leaves unknown whether the server applied it.

    The SDK never resends such a write blindly: it checks what the server holds first
    where it can (asset imports do, by external id), and raises this error where it cannot.
    """


class UncertainBatchWriteError(UncertainWriteError):
    """One batch of a batched write may or may not have been applied; the earlier ones were.

    Attributes:
        batches_written: Batches applied before the uncertain one.
        items_written: Items in those batches.
        uncertain_items: Items of the uncertain batch, applied or not.
        items_not_sent: Items after the uncertain batch, never sent.
    """

    def __init__(
        self,
        message: str,
        *,
        batches_written: int,
        items_written: int,
        uncertain_items: Sequence[Any],
        items_not_sent: int,
    ) -> None:
        super().__init__(message)
        self.batches_written = batches_written
        self.items_written = items_written
        self.uncertain_items = list(uncertain_items)
        self.items_not_sent = items_not_sent


class VerificationTimeoutError(KiliError):
    """A write was accepted but its effect did not become visible in time."""


__all__ = [
    "ArgumentTypeError",
    "AuthenticationFailed",
    "GraphQLError",
    "IncompatibleArgumentsError",
    "InvalidArgumentError",
    "KiliConnectionError",
    "KiliError",
    "KiliTimeoutError",
    "LabelParsingError",
    "MissingArgumentError",
    "MissingExtraError",
    "NotFound",
    "PermissionDenied",
    "RateLimitedError",
    "ServerError",
    "TransportError",
    "UncertainBatchWriteError",
    "UncertainWriteError",
    "VerificationTimeoutError",
]
