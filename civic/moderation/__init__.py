"""Moderation by the Laboratoire des usages: reports, hiding, pre-moderation, blocks."""
