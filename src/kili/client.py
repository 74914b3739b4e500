"""`Kili`: the client users instantiate, wired to the API gateway.

The methods live in `kili.presentation.client`, one module per domain; this module
only reads the configuration, builds the transport and the gateway, and checks the key.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from kili.config import (
    CLOUD_RATE_LIMIT,
    DEFAULT_MAX_CONCURRENCY,
    ApiKey,
    RateLimit,
    RetryPolicy,
    Timeout,
    checked_endpoint,
    checked_max_concurrency,
    load_config_file,
    resolve_flag,
    resolve_verify,
)
from kili.exceptions import AuthenticationFailed, InvalidSettingError
from kili.presentation.client.asset import AssetClientMethods
from kili.presentation.client.issue import IssueClientMethods
from kili.presentation.client.label import LabelClientMethods
from kili.presentation.client.organization import OrganizationClientMethods
from kili.presentation.client.project import ProjectClientMethods
from kili.presentation.client.project_user import ProjectUserClientMethods
from kili.presentation.client.project_version import ProjectVersionClientMethods
from kili.presentation.client.subscription import SubscriptionClientMethods
from kili.presentation.client.tag import TagClientMethods
from kili.presentation.client.user import UserClientMethods
from kili.presentation.client.workflow import WorkflowClientMethods

if TYPE_CHECKING:
    from types import TracebackType

    from typing_extensions import Self

    from kili.adapters.kili_api_gateway import KiliAPIGateway

DEFAULT_API_ENDPOINT = "https://cloud.kili-technology.com/api/label/v2/graphql"
"""The Kili cloud's GraphQL endpoint, used when neither argument nor environment names one."""

DEFAULT_CLIENT_NAME = "python-sdk"
"""What requests carry in `apollographql-client-name`, as the official SDK's do."""

T = TypeVar("T")

_KEY_PROMPT = "No `KILI_API_KEY` environment variable found.\nPlease enter your API key: "


class Kili(
    ProjectClientMethods,
    ProjectUserClientMethods,
    UserClientMethods,
    LabelClientMethods,
    AssetClientMethods,
    SubscriptionClientMethods,
    OrganizationClientMethods,
    TagClientMethods,
    IssueClientMethods,
    ProjectVersionClientMethods,
    WorkflowClientMethods,
):
    """Client of the Kili API.

    The positional arguments are those of the official SDK, in its order; the network
    settings after them are keyword-only, in the manner of `httpx.Client`.

    Each setting comes from its argument, else its environment variable, else the
    configuration file `kili-sdk-config.json` (in the current directory, else the home
    directory), else its default, as in the official SDK.

    Args:
        api_key: The API key; defaults to the `KILI_API_KEY` environment variable, then
            to `api_key` in the configuration file, then, in a terminal, to a prompt.
            Surrounding whitespace (as in a key read from a file) is ignored.
        api_endpoint: The GraphQL endpoint; defaults to `KILI_API_ENDPOINT`, then to
            `api_endpoint` in the file, then to the Kili cloud.
        verify: TLS verification: `True`, `False` or the path of a CA bundle; defaults to
            `KILI_VERIFY`, then to `verify_ssl` in the file, then `True`.
        client_name: Name the requests carry in the `apollographql-client-name` header.
        graphql_client_params: Accepted for compatibility with the official SDK, whose
            GraphQL client caches the schema; this SDK ships its schema, so they are unused.
        disable_tqdm: Hide progress bars in every method; defaults to `KILI_DISABLE_TQDM`,
            then to `disable_tqdm` in the file, then `False`.
        disable_request_compression: Send request bodies uncompressed. By default bodies
            over 1 MB are gzipped; a request a proxy refuses for its encoding is sent again
            uncompressed. Defaults to `KILI_DISABLE_REQUEST_COMPRESSION`, then to
            `disable_request_compression` in the file, then `False`.
        retry: How transient faults (connection errors, HTTP 429/502/503/504) are retried,
            for requests and file transfers alike.
        rate_limit: Client-side request budget, by default the cloud's 500 requests a
            minute; `None` sends without a budget (for a local emulator).
        timeout: Network timeouts: a `Timeout`, or a number of seconds for all of them.
        max_concurrency: Requests in flight at once for one large read (its pages) or
            one batched write (its batches: imports, updates, deletions); `1` sends one
            request at a time. Every thread shares the request budget.

    Raises:
        AuthenticationFailed: No key was given, or the endpoint refused it. The key is
            checked with one request, skipped when `KILI_SDK_SKIP_CHECKS` is set.
        ConfigurationError: The configuration file is unreadable, not JSON, or holds a
            value of the wrong type.
        InvalidApiKeyError: The key holds control characters or characters outside ASCII.
        InvalidEndpointError: The endpoint is not an absolute http(s) URL.
        InvalidSettingError: A retry, rate-limit, timeout or concurrency setting is out
            of range.
        TLSHandshakeError: The key check failed the TLS handshake (`https://` to a plain
            HTTP port, or an untrusted certificate).

    Example:
        ```python
        from kili import Kili, RetryPolicy

        with Kili(retry=RetryPolicy(max_attempts=3), timeout=30) as kili:
            print(kili.count_projects())
        ```
    """

    def __init__(
        self,
        api_key: str | None = None,
        api_endpoint: str | None = None,
        verify: bool | str | None = None,
        client_name: str = DEFAULT_CLIENT_NAME,
        graphql_client_params: Mapping[str, Any] | None = None,
        disable_tqdm: bool | None = None,
        disable_request_compression: bool | None = None,
        *,
        retry: RetryPolicy | None = None,
        rate_limit: RateLimit | None = CLOUD_RATE_LIMIT,
        timeout: Timeout | float | None = None,
        max_concurrency: int = DEFAULT_MAX_CONCURRENCY,
    ) -> None:
        # Wrapped first, so that no frame, log record or traceback holds the key in clear.
        key = ApiKey(api_key or os.getenv("KILI_API_KEY") or "")
        del api_key
        concurrency = checked_max_concurrency(max_concurrency)
        from kili.adapters.kili_api_gateway import KiliAPIGateway
        from kili.adapters.transport import GraphQLTransport

        del graphql_client_params
        from_file = load_config_file()
        if not key:
            key = from_file.api_key or _prompted_key()
        self.api_endpoint = checked_endpoint(
            api_endpoint
            or os.getenv("KILI_API_ENDPOINT")
            or from_file.api_endpoint
            or DEFAULT_API_ENDPOINT
        )
        self.verify = resolve_verify(verify, from_file.verify_ssl)
        self.disable_tqdm = resolve_flag(disable_tqdm, "KILI_DISABLE_TQDM", from_file.disable_tqdm)
        self.disable_request_compression = resolve_flag(
            disable_request_compression,
            "KILI_DISABLE_REQUEST_COMPRESSION",
            from_file.disable_request_compression,
        )
        if not key:
            raise AuthenticationFailed(
                self.api_endpoint, "no API key: pass api_key= or set KILI_API_KEY"
            )
        transport = GraphQLTransport(
            self.api_endpoint,
            key,
            verify=self.verify,
            client_name=_client_name(client_name),
            retry=_setting(retry, RetryPolicy, "retry") or RetryPolicy(),
            rate_limit=_setting(rate_limit, RateLimit, "rate_limit"),
            timeout=Timeout.of(timeout) if timeout is not None else Timeout(),
            compress_requests=not self.disable_request_compression,
        )
        self.kili_api_gateway = KiliAPIGateway(transport, max_concurrency=concurrency)
        if os.getenv("KILI_SDK_SKIP_CHECKS") is None:
            self._check_api_key()

    @classmethod
    def from_gateway(cls, gateway: KiliAPIGateway, *, disable_tqdm: bool = True) -> Self:
        """Build a client on a given gateway, without configuration or key check.

        This is the seam for testing code that uses the SDK: pass a mock, such as
        `unittest.mock.create_autospec(KiliAPIGateway, instance=True)`, and assert on
        the gateway calls the client makes.

        Args:
            gateway: The gateway every method will call.
            disable_tqdm: Hide progress bars.

        Returns:
            A client whose methods use `gateway`.
        """
        client = cls.__new__(cls)
        client.api_endpoint = ""
        client.verify = True
        client.disable_request_compression = False
        client.disable_tqdm = disable_tqdm
        client.kili_api_gateway = gateway
        return client

    def _check_api_key(self) -> None:
        """Send one request with the key; on any failure, release the pool before raising."""
        try:
            self.kili_api_gateway.get_current_user(("id",))
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        """Release the connection pool; the client is unusable afterwards."""
        self.kili_api_gateway.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Kili(api_endpoint={self.api_endpoint!r})"


def _setting(value: object, expected: type[T], name: str) -> T | None:
    """Return `value` if it is an `expected` or `None`, else raise a typed error."""
    if value is None or isinstance(value, expected):
        return value
    raise InvalidSettingError(
        f"{name} must be a kili.{expected.__name__} or None, not {type(value).__name__}"
    )


def _client_name(value: object) -> str:
    """Accept the name as a str or as the official SDK's `GraphQLClientName` member."""
    name = getattr(value, "value", value)
    if not isinstance(name, str) or not name.isascii() or not name.isprintable():
        raise InvalidSettingError("client_name must be a printable ASCII str")
    return name


def _prompted_key() -> ApiKey:
    """Ask for the key in a terminal, as the official SDK does; elsewhere, return no key."""
    try:
        interactive = sys.stdin is not None and sys.stdin.isatty()
    except ValueError:  # stdin was closed
        interactive = False
    if not interactive:
        return ApiKey("")
    return ApiKey(getpass.getpass(_KEY_PROMPT))
