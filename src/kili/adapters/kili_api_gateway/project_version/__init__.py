"""Project version operations of the gateway."""
