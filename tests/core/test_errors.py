"""Friendly error pages in both languages; bad input never gives a 500."""
import pytest

from civic import create_app
from civic.core.permissions import public
from tests.fixtures.http import text

EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr"}


def test_unknown_page_is_a_friendly_404_in_french_by_default(client):
    response = client.get("/cette-page-n-existe-pas")
    assert response.status_code == 404
    assert 'lang="fr"' in text(response)
    assert "Page introuvable" in text(response)


def test_404_in_english(client):
    response = client.get("/no-such-page", headers=EN)
    assert response.status_code == 404
    assert "Page not found" in text(response)
    assert "home page" in text(response)


def test_wrong_method_is_a_405_with_allow_header(client):
    response = client.get("/language", headers=EN)
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"]
    assert "Method not allowed" in text(response)


def test_missing_csrf_token_is_a_400_that_says_what_to_do(client):
    response = client.post("/language", data={"lang": "en"}, headers=EN)
    assert response.status_code == 400
    assert "Reload the page" in text(response)


def test_too_large_request_is_a_413(client):
    response = client.post("/language", data={"lang": "x" * (13 * 1024 * 1024)}, headers=EN)
    assert response.status_code == 413
    assert "too large" in text(response)


def test_api_errors_are_json(client):
    response = client.get("/api/v1/does-not-exist")
    assert response.status_code == 404
    assert response.is_json
    assert response.get_json()["error"]["status"] == 404


@pytest.fixture
def failing_app(tmp_path):
    app = create_app("test", SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/x.sqlite3",
                     PROPAGATE_TEST_ERRORS=False)

    @app.get("/boom")
    @public
    def boom():
        raise RuntimeError("kaboom-internal-detail")

    return app


def test_unexpected_error_is_a_friendly_500_that_is_logged(failing_app, caplog):
    response = failing_app.test_client().get("/boom", headers=EN)
    assert response.status_code == 500
    assert "Something went wrong" in text(response)
    assert "kaboom-internal-detail" not in text(response)
    assert any("Unhandled error" in r.message for r in caplog.records)


def test_too_many_attempts_is_a_429_that_says_when_to_retry(client):
    data = {"email": "nobody@example.org", "password": "not-the-password-1"}
    statuses = [client.post_form("/login", data, headers=EN).status_code for _ in range(6)]
    assert statuses[-1] == 429
    response = client.post_form("/login", data, headers=EN)
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert "Wait a few minutes" in text(response)


def test_ids_too_large_for_the_database_are_a_404(client):
    for url in ("/people/99999999999999999999", "/proposals/2147483648"):
        assert client.get(url).status_code == 404


def test_null_characters_are_refused_with_a_400_everywhere(client):
    assert client.get("/organizations/a%00b").status_code == 400
    assert client.get("/proposals/?q=v%00lo").status_code == 400
    response = client.post_form("/login", {"email": "a\x00@example.org", "password": "x"},
                                headers=EN)
    assert response.status_code == 400
    assert "null character" in text(response)
    api = client.get("/api/v1/proposals?theme=%00")
    assert api.status_code == 400 and api.is_json
