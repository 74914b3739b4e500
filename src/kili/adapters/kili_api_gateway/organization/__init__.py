"""Organization operations of the gateway."""
