"""Account rules: sign-up, confirmation, log-in, password reset."""
from __future__ import annotations

import unicodedata


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def fold_display_name(name: str) -> str:
    """Case- and accent-insensitive key: "Élodie" and "elodie" are the same name."""
    decomposed = unicodedata.normalize("NFKD", (name or "").strip())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())
