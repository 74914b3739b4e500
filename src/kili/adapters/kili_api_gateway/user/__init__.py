"""User operations of the gateway."""
