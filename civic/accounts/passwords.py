"""Password hashing (scrypt) and the password policy."""
from __future__ import annotations

from functools import lru_cache

from flask import current_app
from flask_babel import gettext as _
from werkzeug.security import check_password_hash, generate_password_hash

# A few French favourites that English lists miss.
_FRENCH_COMMON = {
    "motdepasse", "motdepasse1", "azerty", "azertyuiop", "azerty123", "soleil", "bonjour",
    "doudou", "chouchou", "loulou", "marseille", "toulouse", "toulouse31", "jetaime",
    "nicolas", "camille", "julien", "celine", "coucou", "chocolat", "1234567890",
}


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The 10,000 most common passwords (zxcvbn's list) plus French favourites."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"][:10_000]) | _FRENCH_COMMON


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def verify_password(password_hash: str | None, password: str) -> bool:
    if not password_hash or not password:
        return False
    return check_password_hash(password_hash, password)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hash_password("civic-dummy-password-never-matches")


def verify_nothing(password: str) -> bool:
    """Spend the time a real check takes, so a missing account cannot be told by timing."""
    check_password_hash(_dummy_hash(), password or "-")
    return False


def password_problem(password: str, *, email: str = "", display_name: str = "") -> str | None:
    """Why `password` is refused, as a message that says what to do; None when it is fine."""
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(password) < minimum:
        return _("Use at least %(n)d characters.", n=minimum)
    if len(password) > 200:
        return _("Use at most 200 characters.")
    lowered = password.lower()
    if lowered in common_passwords() or lowered.rstrip("0123456789!.") in common_passwords():
        return _("This password is one of the most common ones and easy to guess. "
                 "Choose another, for example a few unrelated words.")
    local_part = email.split("@")[0].lower() if email else ""
    if (local_part and len(local_part) >= 4 and local_part in lowered) or (
        display_name and len(display_name) >= 4 and display_name.lower() in lowered
    ):
        return _("Your password must not contain your name or e-mail address.")
    if len(set(password)) < 4:
        return _("This password repeats too few characters. Choose a less predictable one.")
    return None
