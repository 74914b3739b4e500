"""Tag operations of the gateway."""
