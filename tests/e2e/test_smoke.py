"""The browser tests' own foundation: the live server, logging in, and the tripwires."""
from tests.e2e.helpers import demo_email, login


def test_home_page_in_french_with_the_strict_csp(page):
    response = page.goto("/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").count() == 1
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_login_through_the_form(page):
    login(page, demo_email("citizen"))
    assert "Camille Durand" in page.locator("header").inner_text()


def test_an_inline_script_is_refused_and_caught(page, tripwire):
    page.goto("/about")
    page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.civicInjected = true";
        document.body.appendChild(script);
    }""")
    page.wait_for_timeout(100)  # the console message arrives asynchronously
    assert page.evaluate("() => window.civicInjected") is None  # the CSP refused it
    assert any("CSP violation" in p for p in tripwire.problems), tripwire.problems
    tripwire.problems.clear()  # expected here: the test passes


def test_an_unexpected_dialog_fails_an_expected_one_is_accepted(page, tripwire):
    page.goto("/about")
    page.evaluate("() => alert('surprise')")
    assert tripwire.problems == ["unexpected alert dialog: 'surprise'"]
    tripwire.problems.clear()
    tripwire.expect_dialogs(1)
    assert page.evaluate("() => confirm('Sure?')") is True
    assert tripwire.problems == []
