"""Adapters: the API gateway and the transport under it."""
