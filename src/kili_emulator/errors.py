"""Errors the emulator reports to clients, each carrying a GraphQL `extensions.code`.

Resolvers raise these; graphql-core copies their `extensions` into the response, so a
client can react to `FORBIDDEN` or `NOT_FOUND` without parsing messages.
"""

from __future__ import annotations

from typing import Any


class EmulatorError(Exception):
    """Base of the errors meant for the client; `code` goes to `extensions.code`."""

    code = "INTERNAL_SERVER_ERROR"

    def __init__(self, message: str, **extensions: Any) -> None:
        super().__init__(message)
        self.message = message
        self.extensions: dict[str, Any] = {"code": self.code, **extensions}


class UnauthenticatedError(EmulatorError):
    """No API key, or one that is unknown, revoked or owned by a deactivated user."""

    code = "UNAUTHENTICATED"


class ForbiddenError(EmulatorError):
    """The user is known but lacks the right the action needs."""

    code = "FORBIDDEN"


class NotFoundError(EmulatorError):
    """An id names nothing the user can see."""

    code = "NOT_FOUND"


class BadUserInputError(EmulatorError):
    """Arguments are well typed but make no sense (bad JSON string, conflicting values)."""

    code = "BAD_USER_INPUT"


class ConflictError(EmulatorError):
    """The write would duplicate something that must be unique (email, external id)."""

    code = "CONFLICT"


class UnsupportedError(EmulatorError):
    """The schema has this field or filter, but the emulator does not implement it."""

    code = "NOT_SUPPORTED"


def unsupported(type_name: str, field_name: str) -> UnsupportedError:
    """Build the error that names a schema field the emulator does not implement."""
    return UnsupportedError(f"{type_name}.{field_name} is not supported by kili-emulator")
