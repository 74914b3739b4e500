"""Subscriptions of the gateway: live label events over a websocket."""
