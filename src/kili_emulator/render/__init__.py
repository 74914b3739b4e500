"""Rows of the store rendered as the API's types, one module per domain.

Renderers map column names to field names and parse stored JSON; relations and
computed fields are resolved by the resolvers on demand.
"""
