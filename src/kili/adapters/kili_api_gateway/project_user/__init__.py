"""Project member operations of the gateway."""
