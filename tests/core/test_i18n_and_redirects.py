"""French by default, English on request; the choice is remembered; next= stays local."""
from pathlib import Path

import pytest

from civic import ROOT
from civic.core.redirects import safe_next_url
from tests.fixtures.http import text

ATTACKS = ROOT.parent / "shared" / "data" / "attacks" / "other"


def test_french_is_the_default_language(client):
    assert '<html lang="fr"' in text(client.get("/"))


def test_browser_language_is_respected(client):
    assert '<html lang="en"' in text(client.get("/", headers={"Accept-Language": "en-US"}))
    assert '<html lang="fr"' in text(client.get("/", headers={"Accept-Language": "de, fr;q=0.5"}))


def test_language_switch_is_remembered(client):
    response = client.post_form("/language", {"lang": "en", "next": "/about"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/about")
    assert "civic_lang=en" in response.headers["Set-Cookie"]
    assert '<html lang="en"' in text(client.get("/", headers={"Accept-Language": "fr"}))


def test_language_switch_saves_the_account_preference(client, login_as, citizen, db):
    login_as(citizen)
    client.post_form("/language", {"lang": "en", "next": "/"})
    db.session.refresh(citizen)
    assert citizen.locale == "en"


def test_unknown_language_is_ignored(client):
    response = client.post_form("/language", {"lang": "xx", "next": "/"})
    assert response.status_code == 302
    assert '<html lang="fr"' in text(client.get("/"))


def test_language_switch_never_redirects_off_site(client):
    response = client.post_form("/language", {"lang": "en", "next": "https://evil.example/"})
    assert response.headers["Location"] in ("/", "http://localhost/")


@pytest.mark.parametrize("target", ["/", "/about", "/organizations/?kind=startup",
                                    "/people/3#activity"])
def test_local_paths_are_kept(target):
    assert safe_next_url(target, "/fallback") == target


def _redirect_payloads():
    lines = ["https://evil.example", "//evil.example", "/\\evil.example", "\\\\evil.example",
             "javascript:alert(1)", "/%2f%2fevil.example", "/\t/evil.example",
             "http:/evil.example", "/%5cevil.example", " //evil.example"]
    for name in ("open_redirect_payloads.txt", "openredirects.txt"):
        path = Path(ATTACKS / name)
        if path.exists():
            lines += [line for line in path.read_text(errors="replace").splitlines() if line]
    return lines


def test_open_redirect_payloads_fall_back():
    for payload in _redirect_payloads():
        result = safe_next_url(payload, "/fallback")
        assert result == "/fallback" or (
            result.startswith("/") and not result.startswith("//")
            and "\\" not in result and "//" not in result.split("?")[0][:3]
        ), payload
