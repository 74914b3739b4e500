"""Helpers that work on data returned by the client, without talking to Kili."""
