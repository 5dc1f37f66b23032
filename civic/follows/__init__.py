"""Follows: people subscribe to an object's news (proposals now, experiments later)."""
