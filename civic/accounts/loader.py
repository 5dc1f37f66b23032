"""Bind flask-login to civic accounts."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from civic.extensions import db, login_manager


def init_app(app: Flask) -> None:
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please log in to continue.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(session_key: str):
        from civic.accounts.models import User

        return db.session.execute(
            select(User).where(User.session_key == session_key, User.deleted_at.is_(None))
        ).scalar_one_or_none()
