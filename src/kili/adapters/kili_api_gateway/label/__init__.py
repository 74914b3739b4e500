"""Label operations of the gateway."""
