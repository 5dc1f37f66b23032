"""Language choice: the account's setting, then the visitor's choice, then the browser."""
from __future__ import annotations

from flask import Flask, current_app, has_request_context, request, session
from flask_login import current_user

LANG_COOKIE = "civic_lang"


def supported() -> tuple[str, ...]:
    return tuple(current_app.config["LANGUAGES"])


def select_locale() -> str:
    languages = supported()
    if not has_request_context():  # CLI commands and background threads
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if getattr(current_user, "is_authenticated", False) and current_user.locale in languages:
        return current_user.locale
    chosen = session.get("lang") or request.cookies.get(LANG_COOKIE)
    if chosen in languages:
        return chosen
    best = request.accept_languages.best_match(languages)
    return best or current_app.config["BABEL_DEFAULT_LOCALE"]


def init_app(app: Flask) -> None:
    @app.context_processor
    def inject_languages():
        from flask_babel import get_locale

        return {"LANGUAGES": supported(), "current_locale": str(get_locale())}


def in_site_language(message) -> str:
    """A (lazy) message as text in the site's default language, whoever is asking: for
    what is stored and shown to everyone (audit reasons, public moderation notes)."""
    from flask_babel import force_locale

    with force_locale(current_app.config.get("BABEL_DEFAULT_LOCALE", "fr")):
        return str(message)
