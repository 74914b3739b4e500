"""The Kili API gateway: the only code that knows GraphQL documents and pagination."""

from kili.adapters.kili_api_gateway.gateway import KiliAPIGateway

__all__ = ["KiliAPIGateway"]
