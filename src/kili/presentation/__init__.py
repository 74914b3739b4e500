"""Presentation layer: the public methods of the client."""
