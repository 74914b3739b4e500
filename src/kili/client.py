"""`Kili`: the client users instantiate, wired to the API gateway.

The methods live in `kili.presentation.client`, one module per domain; this module
only reads the configuration, builds the transport and the gateway, and checks the key.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from kili.exceptions import AuthenticationFailed
from kili.presentation.client.asset import AssetClientMethods
from kili.presentation.client.label import LabelClientMethods
from kili.presentation.client.project import ProjectClientMethods
from kili.presentation.client.subscription import SubscriptionClientMethods
from kili.presentation.client.user import UserClientMethods

if TYPE_CHECKING:
    from types import TracebackType

    from typing_extensions import Self

    from kili.adapters.kili_api_gateway import KiliAPIGateway

DEFAULT_API_ENDPOINT = "https://cloud.kili-technology.com/api/label/v2/graphql"
"""The Kili cloud's GraphQL endpoint, used when neither argument nor environment names one."""

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


class Kili(
    ProjectClientMethods,
    UserClientMethods,
    LabelClientMethods,
    AssetClientMethods,
    SubscriptionClientMethods,
):
    """Client of the Kili API.

    Args:
        api_key: The API key; defaults to the `KILI_API_KEY` environment variable.
        api_endpoint: The GraphQL endpoint; defaults to `KILI_API_ENDPOINT`, then to
            the Kili cloud.
        verify: TLS verification: `True`, `False` or the path of a CA bundle; defaults to
            `KILI_VERIFY`, then `True`.
        disable_tqdm: Hide progress bars in every method; defaults to `KILI_DISABLE_TQDM`,
            then `False`.

    Raises:
        AuthenticationFailed: No key was given, or the endpoint refused it. The key is
            checked with one request, skipped when `KILI_SDK_SKIP_CHECKS` is set.

    Example:
        ```python
        from kili.client import Kili

        with Kili() as kili:
            print(kili.count_projects())
        ```
    """

    def __init__(
        self,
        api_key: str | None = None,
        api_endpoint: str | None = None,
        verify: bool | str | None = None,
        disable_tqdm: bool | None = None,
    ) -> None:
        from kili.adapters.kili_api_gateway import KiliAPIGateway
        from kili.adapters.transport import GraphQLTransport

        api_key = api_key or os.getenv("KILI_API_KEY")
        self.api_endpoint = api_endpoint or os.getenv("KILI_API_ENDPOINT") or DEFAULT_API_ENDPOINT
        self.verify = _verify_setting(verify)
        self.disable_tqdm = _disable_tqdm_setting(disable_tqdm)
        if not api_key:
            raise AuthenticationFailed(
                self.api_endpoint, "no API key: pass api_key= or set KILI_API_KEY"
            )
        transport = GraphQLTransport(self.api_endpoint, api_key, verify=self.verify)
        self.kili_api_gateway = KiliAPIGateway(transport)
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
        client.disable_tqdm = disable_tqdm
        client.kili_api_gateway = gateway
        return client

    def _check_api_key(self) -> None:
        try:
            self.kili_api_gateway.get_current_user(("id",))
        except AuthenticationFailed:
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


def _verify_setting(verify: bool | str | None) -> bool | str:
    if verify is not None:
        return verify
    value = os.getenv("KILI_VERIFY")
    if value is None:
        return True
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    return value


def _disable_tqdm_setting(disable_tqdm: bool | None) -> bool:
    if disable_tqdm is not None:
        return disable_tqdm
    return os.getenv("KILI_DISABLE_TQDM", "").lower() in _TRUE
