"""What every answer under /api/v1 shares, implemented once for the blueprint:

- HTTP caching: a strong ETag (hash of the body) on every successful GET, a Last-Modified
  where a view declared one with `last_modified(...)`, and 304 answers to If-None-Match /
  If-Modified-Since. The answers are the same for everyone (the API never looks at who is
  signed in), so shared caches may keep them but must revalidate.
- CORS: `Access-Control-Allow-Origin: *` on GET, HEAD and OPTIONS (the preflight allows GET
  only), never with credentials, never outside /api/v1.
- One shared rate limit per IP address (API_RATE_LIMIT) on every route of the blueprint:
  past it a 429 JSON error with Retry-After (civic.core.errors).
- Ids in the path beyond the database's integers are 404 rather than an overflow.
"""
from __future__ import annotations

from datetime import datetime

from flask import current_app, g, request
from werkzeug.exceptions import NotFound

from civic.api.params import MAX_ID, BadParameter, bad_parameter
from civic.api.views import bp
from civic.extensions import limiter

PREFIX = "/api/v1/"
EXPOSED = "ETag, Last-Modified, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, " \
          "X-RateLimit-Reset"

limiter.shared_limit(lambda: current_app.config["API_RATE_LIMIT"], scope="api")(bp)


def last_modified(value: datetime | None) -> None:
    """Declare when the resource being answered last changed (sent as Last-Modified)."""
    if value is not None:
        g.api_last_modified = value


@bp.errorhandler(BadParameter)
def _bad_parameter(error: BadParameter):
    return bad_parameter(error.parameter, error.detail)


@bp.url_value_preprocessor
def _bounded_ids(endpoint, values):
    for value in (values or {}).values():
        if isinstance(value, int) and not 1 <= value <= MAX_ID:
            raise NotFound()


def _is_api() -> bool:
    return request.path.startswith(PREFIX) or request.path == PREFIX.rstrip("/")


@bp.after_app_request
def _api_headers(response):
    if not _is_api():
        return response
    method = request.method
    if method == "OPTIONS":
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = (
            "Accept, Accept-Language, If-None-Match, If-Modified-Since")
        response.headers["Access-Control-Max-Age"] = "86400"
        return response
    if method not in ("GET", "HEAD"):
        return response
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = EXPOSED
    if response.mimetype == "application/json":
        # The same answer for everyone: caches may keep it but must revalidate.
        response.headers["Cache-Control"] = "public, no-cache"
        vary = [v for v in response.vary if v.lower() != "cookie"]
        response.vary.clear()
        response.vary.update(vary)
    if response.status_code == 200 and not response.is_streamed:
        response.add_etag()
        if (changed := g.pop("api_last_modified", None)) is not None:
            response.last_modified = changed
        response.make_conditional(request)
    return response
