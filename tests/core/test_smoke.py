from tests.fixtures.http import text


def test_home_page_says_what_the_platform_is(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "<html lang=\"fr\"" in text(response)


def test_home_page_in_english_when_the_browser_asks(client):
    response = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert '<html lang="en"' in text(response)
