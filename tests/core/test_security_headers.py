"""Strict CSP and the other security headers on every page; safe cookies."""
from civic import create_app


def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_no_inline_script_or_style_in_templates():
    from pathlib import Path

    from civic import ROOT

    offenders = []
    for path in Path(ROOT / "templates").rglob("*.html"):
        source = path.read_text()
        if "<script>" in source or "<script " in source.replace('<script src=', ''):
            offenders.append(f"{path}: inline script")
        if " style=" in source or "<style" in source:
            offenders.append(f"{path}: inline style")
        if " on" in source and any(f" on{ev}=" in source for ev in ("click", "load", "submit",
                                                                       "change", "error")):
            offenders.append(f"{path}: inline event handler")
    assert offenders == []


def test_hsts_and_secure_cookies_in_production(monkeypatch, tmp_path):
    monkeypatch.setenv("CIVIC_SECRET_KEY", "k" * 48)
    monkeypatch.setenv("CIVIC_DATABASE_URL", f"sqlite:///{tmp_path}/p.sqlite3")
    app = create_app("production")
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    assert app.config["SESSION_COOKIE_HTTPONLY"]
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    response = app.test_client().get("/about")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_pages_are_not_stored_by_shared_caches(client):
    assert "private" in client.get("/").headers["Cache-Control"]


def test_static_assets_are_vendored_not_from_a_cdn(client):
    body = client.get("/").get_data(as_text=True)
    assert "https://" not in body.split("<body")[0]
