"""Template filters and globals shared by every page."""
from __future__ import annotations

from datetime import datetime

from flask import Flask, current_app
from flask_babel import format_datetime
from flask_wtf.csrf import generate_csrf
from jinja2 import pass_context
from wtforms import Form

from civic.core import permissions
from civic.core.forms import error_links, has_visible_errors
from civic.core.sanitize import plain_text, render_markdown


def _datetime(value: datetime | None, fmt: str = "medium") -> str:
    return format_datetime(value, fmt) if value else ""




@pass_context
def page_has_form_errors(context) -> bool:
    """Whether a form of the page shows errors (base.html prefixes the title with it)."""
    return any(isinstance(value, Form) and has_visible_errors(value)
               for value in context.get_all().values())


def init_app(app: Flask) -> None:
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.filters["plain"] = plain_text
    app.jinja_env.filters["datetime"] = _datetime
    app.jinja_env.globals["perm"] = permissions
    app.jinja_env.globals["csrf_token"] = generate_csrf
    app.jinja_env.globals["form_error_links"] = error_links
    app.jinja_env.globals["page_has_form_errors"] = page_has_form_errors
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.context_processor
    def inject_site():
        return {
            "site_name": current_app.config["SITE_NAME"],
            "metropolis_name": current_app.config["METROPOLIS_NAME"],
        }
