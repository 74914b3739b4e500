"""Use cases: one service per domain, orchestrating the gateway."""
