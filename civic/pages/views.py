"""Home page, language switch and static information pages."""
from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_login import current_user

from civic.core.i18n import LANG_COOKIE
from civic.core.permissions import public
from civic.core.redirects import safe_next_url
from civic.extensions import db

bp = Blueprint("pages", __name__)


@bp.get("/")
@public
def home():
    from civic.masterplan.queries import list_axes

    return render_template("pages/home.html", axes=list_axes())


@bp.post("/language")
@public
def set_language():
    lang = request.form.get("lang", "")
    target = safe_next_url(request.form.get("next"), url_for("pages.home"))
    if lang not in current_app.config["LANGUAGES"]:
        return redirect(target)
    session["lang"] = lang
    if current_user.is_authenticated:
        current_user.locale = lang
        db.session.commit()
    response = redirect(target)
    response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="Lax",
                        secure=current_app.config["SESSION_COOKIE_SECURE"], httponly=True)
    return response


@bp.get("/about")
@public
def about():
    return render_template("pages/about.html")


@bp.get("/accessibilite")
@public
def accessibility():
    """The accessibility statement (RGAA model): conformance, gaps, contact and recourse."""
    from datetime import date

    from flask_babel import format_date

    raw = current_app.config["ACCESSIBILITY_STATEMENT_DATE"]
    try:
        statement_date = format_date(date.fromisoformat(raw), "long")
    except (TypeError, ValueError):  # shown as configured rather than refusing the page
        statement_date = raw
    return render_template("pages/accessibility.html", statement_date=statement_date,
                           contact=current_app.config["ACCESSIBILITY_CONTACT"])
