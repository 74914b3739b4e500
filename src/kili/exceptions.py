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


class ConfigurationError(KiliError, ValueError):
    """A setting of the client is unusable; raised at once, before or instead of retries."""


class InvalidApiKeyError(ConfigurationError):
    """The API key cannot be sent: control characters or characters outside ASCII."""


class InvalidEndpointError(ConfigurationError):
    """The API endpoint is not an absolute http(s) URL with a host."""


class InvalidSettingError(ConfigurationError):
    """A retry, rate-limit or timeout setting is out of range."""


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


# --- label export ------------------------------------------------------------------------


class ExportError(KiliError):
    """`export_labels` cannot write the archive asked for; raised before any file is left."""


class NotCompatibleOptions(ExportError, ValueError):
    """The export options are not compatible with the format (single file, layout...)."""


class NotCompatibleInputType(ExportError, ValueError):
    """The project's input type cannot be exported in the format."""


class NoCompatibleJobError(ExportError):
    """No job of the project can be expressed in the format."""


class NotExportableAssetError(ExportError, ValueError):
    """An asset lacks what the format needs (its dimensions, its media)."""


class NothingToExportError(ExportError, ValueError):
    """The export selects no asset with a label to export."""


class ExportDestinationError(ExportError, ValueError):
    """The archive cannot be written where asked: missing or read-only directory."""


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


class TLSHandshakeError(KiliConnectionError):
    """The TLS handshake failed: `https://` to a plain-HTTP port, or an untrusted certificate.

    A configuration mistake, never retried: fix the endpoint's scheme or the `verify` setting.
    """


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

    The SDK never resends such a write blindly: idempotent writes are retried, and the
    others read back what the server holds and resend only what is missing. This error
    reaches the caller only when the server stays unreachable, and then as an
    `UncertainBatchWriteError` that says which items were written.
    """


class BatchWriteError(KiliError):
    """A batched write stopped after some of its batches landed; the attributes say which.

    Batches are sent several at a time; when one fails, no new batch is sent, those in
    flight are let finish, and this error reports every batch that landed, so that only
    the rest is sent again (`unwritten_items`, or `unwritten_indices` into the arrays
    given to the call). When no batch landed, the error of the failed batch is raised
    as it is instead.

    Attributes:
        landed_batches: Positions (from 0) of the batches fully written, in order.
        failed_batches: Positions of the batches that failed.
        batches_written: Number of `landed_batches`.
        items_written: Number of items known to be written.
        uncertain_items: Items sent whose effect could not be read back (the server
            stayed unreachable); check them before sending them again.
        items_not_sent: Number of items of batches never sent.
        written_items: Items known to be written, in the order given.
        written_ids: What the landed items returned (ids), in the order of the items.
        unwritten_items: Items known not to be written (refused, read back missing, or
            never sent), in the order given: send these again.
        unwritten_indices: Positions of `unwritten_items` in the call's input.
        uncertain_indices: Positions of `uncertain_items` in the call's input.
    """

    def __init__(
        self,
        message: str,
        *,
        batches_written: int,
        items_written: int,
        uncertain_items: Sequence[Any],
        items_not_sent: int,
        written_items: Sequence[Any] = (),
        written_ids: Sequence[Any] = (),
        unwritten_items: Sequence[Any] = (),
        unwritten_indices: Sequence[int] = (),
        uncertain_indices: Sequence[int] = (),
        landed_batches: Sequence[int] = (),
        failed_batches: Sequence[int] = (),
    ) -> None:
        super().__init__(message)
        self.batches_written = batches_written
        self.items_written = items_written
        self.uncertain_items = list(uncertain_items)
        self.items_not_sent = items_not_sent
        self.written_items = list(written_items)
        self.written_ids = list(written_ids)
        self.unwritten_items = list(unwritten_items)
        self.unwritten_indices = list(unwritten_indices)
        self.uncertain_indices = list(uncertain_indices)
        self.landed_batches = list(landed_batches)
        self.failed_batches = list(failed_batches)


class UncertainBatchWriteError(UncertainWriteError, BatchWriteError):
    """A batched write stopped with some items in an unknown or unwritten state.

    Raised only once what the server holds has been read back as far as it could be:
    the attributes (those of `BatchWriteError`) then say exactly which items and
    batches were written and which were not, so that only the rest is sent again
    (`unwritten_items`, or `unwritten_indices` into the arrays given to the call).
    """


class VerificationTimeoutError(KiliError):
    """A write was accepted but its effect did not become visible in time."""


__all__ = [
    "ArgumentTypeError",
    "AuthenticationFailed",
    "BatchWriteError",
    "ConfigurationError",
    "ExportDestinationError",
    "ExportError",
    "GraphQLError",
    "IncompatibleArgumentsError",
    "InternalError",
    "InvalidApiKeyError",
    "InvalidArgumentError",
    "InvalidEndpointError",
    "InvalidFieldError",
    "InvalidSettingError",
    "KiliConnectionError",
    "KiliError",
    "KiliTimeoutError",
    "LabelParsingError",
    "MissingArgumentError",
    "MissingExtraError",
    "NoCompatibleJobError",
    "NotCompatibleInputType",
    "NotCompatibleOptions",
    "NotExportableAssetError",
    "NotFound",
    "NothingToExportError",
    "PermissionDenied",
    "RateLimitedError",
    "ServerError",
    "TLSHandshakeError",
    "TransportError",
    "UncertainBatchWriteError",
    "UncertainWriteError",
    "VerificationTimeoutError",
]
