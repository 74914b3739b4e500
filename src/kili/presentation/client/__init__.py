"""The client's public methods, one module per domain."""
