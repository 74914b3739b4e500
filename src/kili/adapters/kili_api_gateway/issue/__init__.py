"""Issue operations of the gateway."""
