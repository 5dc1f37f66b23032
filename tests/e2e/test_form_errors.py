"""A form sent empty with the keyboard: the error summary takes the focus and is announced
(role=alert), the title says there is an error, and each link of the summary puts the focus
in its field, which is marked invalid and described by its message."""
from __future__ import annotations

from tests.e2e.conftest import AXE_JS
from tests.e2e.test_journeys import tab_to


def error_prefix(live_server) -> str:
    """"Erreur :" from the French catalogue."""
    from flask_babel import force_locale, gettext

    with live_server.app.test_request_context(), force_locale("fr"):
        return gettext("Error:") + " "


def active(page, expression: str):
    return page.evaluate(f"() => {{ const e = document.activeElement; return {expression}; }}")


def test_empty_signup_sent_with_the_keyboard(page, live_server):
    page.goto("/signup")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.locator(".error-summary").wait_for()

    assert page.title().startswith(error_prefix(live_server))
    assert page.locator(".error-summary").get_attribute("role") == "alert"
    page.wait_for_function("() => document.activeElement.classList.contains('error-summary')")

    # The first link of the summary leads to the first field in error, with the keyboard.
    links = page.locator(".error-summary a")
    assert links.count() >= 4
    assert links.first.get_attribute("href") == "#email"
    page.keyboard.press("Tab")
    assert active(page, "e.getAttribute('href')") == "#email"
    page.keyboard.press("Enter")
    assert active(page, "e.id") == "email"
    assert active(page, "e.getAttribute('aria-invalid')") == "true"
    described = active(page, "e.getAttribute('aria-describedby')").split()
    assert "email-error" in described
    assert page.locator("#email-error").inner_text().strip() != ""

    # Another link: the password field, reached from the summary by mouse as well.
    page.locator(".error-summary a[href='#password']").click()
    assert active(page, "e.id") == "password"

    # The page with its errors passes axe-core too (serious and critical violations).
    if AXE_JS.exists():
        page.evaluate(AXE_JS.read_text("utf-8"))
        found = page.evaluate("""async () => (await axe.run(document)).violations
            .filter(v => ["serious", "critical"].includes(v.impact)).map(v => v.id)""")
        assert found == []
