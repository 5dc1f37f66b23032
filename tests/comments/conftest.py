"""Shared fixtures for the comment tests: English pages, a theme, a proposal."""
from __future__ import annotations

from tests.fixtures.english import (  # noqa: F401
    _english_pages,
    citizen,
    moderator,
    other_citizen,
    proposal,
    request_ctx,
    theme,
)
