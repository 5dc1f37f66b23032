"""Provenance: which contributions shaped each section, and where each contribution landed."""
from __future__ import annotations


def after_publish(actor, revision) -> None:
    """Called by the publication of `revision` (in its transaction), once it has its
    number: integrates the cited proposals, tells the followers of every cited item."""
