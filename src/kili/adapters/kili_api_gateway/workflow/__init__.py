"""Workflow operations of the gateway."""
