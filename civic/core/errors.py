"""Friendly error pages in both languages; JSON errors under /api/."""
from __future__ import annotations

import logging

from flask import Flask, jsonify, make_response, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)


class DomainError(Exception):
    """A rule refused an action; the message tells the person what to do next."""

    status_code = 400

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class PermissionDenied(DomainError):
    status_code = 403


class NotFound(DomainError):
    status_code = 404


class Conflict(DomainError):
    status_code = 409


def _messages():
    return {
        400: (_("Bad request"), _("The request could not be understood. Check what you "
                                  "entered and try again.")),
        401: (_("Please log in"), _("You need to be logged in to do this.")),
        403: (_("Access denied"), _("Your account is not allowed to see this page. If you "
                                    "think it should be, contact the platform team.")),
        404: (_("Page not found"), _("This page does not exist or has been removed. Check "
                                     "the address or go back to the home page.")),
        405: (_("Method not allowed"), _("This address does not accept this kind of "
                                         "request. Use the buttons on the site.")),
        409: (_("Conflict"), _("Someone changed this at the same time. Reload and try "
                               "again.")),
        413: (_("File too large"), _("What you sent is too large. Make the file smaller "
                                     "and try again.")),
        429: (_("Too many attempts"), _("You did this too many times in a short while. "
                                        "Wait a few minutes, then try again.")),
        500: (_("Something went wrong"), _("An unexpected error happened on our side. It "
                                           "has been logged; please try again later.")),
    }


def wants_json() -> bool:
    return request.path.startswith("/api/")


def render_error(code: int, detail: str | None = None, title: str | None = None, **extra):
    """An error page, or under /api/ a JSON error: {"error": {status, title, detail, ...}}
    where `extra` adds fields (e.g. `parameter`, the query parameter at fault)."""
    if wants_json():  # the API's errors are in English, whatever the visitor's language
        from flask_babel import force_locale

        with force_locale("en"):
            default_title, default_detail = _messages().get(code, _messages()[500])
    else:
        default_title, default_detail = _messages().get(code, _messages()[500])
    title = title or default_title
    detail = detail or default_detail
    if wants_json():
        response = jsonify(error={"status": code, "title": title, "detail": detail, **extra})
        response.status_code = code
        return response
    return render_template("errors/error.html", code=code, title=title, detail=detail), code


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_error(400, _("Your form expired or was sent from another site. "
                                   "Reload the page and send it again."),
                            title=_("Form expired"))

    @app.errorhandler(DomainError)
    def domain_error(error: DomainError):
        extra = {"parameter": error.field} if error.field and wants_json() else {}
        return render_error(error.status_code, error.message, **extra)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        response = make_response(render_error(error.code or 500))
        # Keep what the exception says about itself: Allow (405), WWW-Authenticate, ...
        for name, value in error.get_headers():
            if name.lower() != "content-type":
                response.headers[name] = value
        limit = getattr(error, "limit", None)  # flask-limiter's RateLimitExceeded
        if limit is not None and "Retry-After" not in response.headers:
            response.headers["Retry-After"] = str(int(limit.limit.get_expiry()))
        return response

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        log.exception("Unhandled error on %s %s", request.method, request.path)
        from civic.extensions import db

        db.session.rollback()
        if app.config.get("TESTING") and app.config.get("PROPAGATE_TEST_ERRORS", True):
            raise error
        return render_error(InternalServerError.code)
