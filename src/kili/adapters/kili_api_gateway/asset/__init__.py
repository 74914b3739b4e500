"""Asset operations of the gateway."""
