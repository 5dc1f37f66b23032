"""Anti-abuse rate limits on contributions, per account and per IP address.

Limits live in config as `<NAME>_LIMIT_PER_ACCOUNT` and `<NAME>_LIMIT_PER_IP` (POST only);
with CIVIC_REDIS_URL every app instance shares the same counters. Past a limit the answer
is a 429 page (or JSON error) saying how long to wait, with a Retry-After header.
"""
from __future__ import annotations

from flask import current_app
from flask_limiter.util import get_remote_address
from flask_login import current_user

from civic.extensions import limiter


def _account_key() -> str:
    if getattr(current_user, "is_authenticated", False):
        return f"account:{current_user.id}"
    return f"ip:{get_remote_address()}"


def limit_contributions(name: str):
    """Decorate a view with the `name` limits (e.g. "COMMENT"), counted on POST only.

    Shared limits: every view decorated with the same name draws on one budget (creating,
    replying and editing comments all count as commenting).
    """

    def decorator(view):
        view = limiter.shared_limit(lambda: current_app.config[f"{name}_LIMIT_PER_IP"],
                                    scope=f"{name.lower()}-ip", methods=["POST"])(view)
        return limiter.shared_limit(lambda: current_app.config[f"{name}_LIMIT_PER_ACCOUNT"],
                                    scope=f"{name.lower()}-account", methods=["POST"],
                                    key_func=_account_key)(view)

    return decorator
