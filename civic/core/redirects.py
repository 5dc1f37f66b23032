"""Keep `next=` redirects on this site."""
from __future__ import annotations

from urllib.parse import unquote, urlsplit


def _is_local_path(candidate: str) -> bool:
    if not candidate.startswith("/") or candidate.startswith(("//", "/\\")):
        return False
    if any(ord(ch) < 32 or ch == "\\" for ch in candidate):
        return False
    parts = urlsplit(candidate)
    return not parts.scheme and not parts.netloc


def safe_next_url(target: str | None, fallback: str) -> str:
    """Return `target` only when it is a path on this site; anything else gives `fallback`.

    Percent-encoded forms are checked too, so a proxy or browser that decodes them cannot
    turn "/%2f%2fevil.example" into "//evil.example".
    """
    if not target or len(target) > 2000:
        return fallback
    candidate = target
    for _ in range(3):
        if not _is_local_path(candidate):
            return fallback
        decoded = unquote(candidate)
        if decoded == candidate:
            break
        candidate = decoded
    return target
