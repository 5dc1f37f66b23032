"""Security headers on every response: strict CSP, no framing, no sniffing."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, request
from flask_babel import gettext as _


def tile_source(tile_url: str) -> str | None:
    """The CSP source of a map tile server: "https://{s}.tile.example/{z}/..." gives
    "https://*.tile.example" (Leaflet's {s} stands for rotating sub-domains)."""
    parts = urlsplit(tile_url.replace("{s}", "*"))
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def content_security_policy(app: Flask) -> str:
    img_sources = ["'self'", "data:"]
    if tiles := tile_source(app.config.get("MAP_TILE_URL") or ""):
        img_sources.append(tiles)
    return "; ".join([
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        f"img-src {' '.join(img_sources)}",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def has_nul_byte() -> bool:
    """NUL characters are never legitimate in a path, query or form, and PostgreSQL refuses
    them in text: answer 400 up front instead of failing deep in a query."""
    if "\x00" in request.path:
        return True
    for source in (request.args, request.form):
        for _name, values in source.lists():
            if any("\x00" in value for value in values):
                return True
    return False


def init_app(app: Flask) -> None:
    csp = content_security_policy(app)

    @app.before_request
    def refuse_nul_bytes():
        if has_nul_byte():
            from civic.core.errors import render_error

            return render_error(400, _("What you sent contains a null character (\\0). "
                                       "Remove it and try again."))

    @app.after_request
    def set_security_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", csp)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(self)")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if app.config.get("HSTS"):
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        if request.endpoint != "static" and "Cache-Control" not in headers:
            # Pages may hold personal data: never stored by shared caches.
            headers["Cache-Control"] = "private, no-cache"
            headers.add("Vary", "Cookie")
        return response
