"""Keep `next=` redirects on this site."""
from __future__ import annotations

from urllib.parse import urlsplit


def safe_next_url(target: str | None, fallback: str) -> str:
    """Return `target` only when it is a local path; anything else gives `fallback`."""
    if not target:
        return fallback
    target = target.strip()
    if any(ch in target for ch in ("\\", "\r", "\n", "\t", "\x00")) or any(
        ord(ch) < 32 for ch in target
    ):
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    return target
