"""Project operations of the gateway."""
