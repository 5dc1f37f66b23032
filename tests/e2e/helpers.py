"""Helpers for the browser tests: demo accounts, logging in through the real form."""
from __future__ import annotations

import uuid

from civic.demo.data import ACCOUNTS, DEMO_PASSWORD


def demo_email(key: str) -> str:
    """The e-mail of a demo account by its key: admin, staff, moderator, citizen, lucas..."""
    return next(spec["email"] for spec in ACCOUNTS if spec["key"] == key)


def login(page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the real form and wait for the signed-in header."""
    page.goto("/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(password)
    page.locator("main form button[type=submit]").click()
    page.locator("form[action='/logout']").wait_for()


def unique(prefix: str) -> str:
    """A title nobody else uses (the database is shared by the whole folder)."""
    return f"{prefix} {uuid.uuid4().hex[:6]}"


# --- accounts and content made through the forms (tests/e2e/test_journeys_lab.py) -------

def sign_up_and_confirm(page, live_server, name: str,
                        password: str = "cerise-horizon-tramway-42") -> str:  # noqa: S107
    """Create an account through the signup form, open the confirmation link of the
    e-mail (read from the server's mail outbox), confirm, then log in on the login page
    (sign-up never logs in; the confirmed address is filled in); return the e-mail
    address. The page ends signed in."""
    email = f"{uuid.uuid4().hex[:10]}@example.org"
    page.goto("/signup")
    page.locator("#email").fill(email)
    page.locator("#display_name").fill(name)
    page.locator("#password").fill(password)
    page.locator("#password_confirm").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/signup/check-inbox")
    page.goto(live_server.link_in_mail_to(email, "/confirm/"))
    page.locator("form[action^='/confirm/'] button").click()
    page.wait_for_url(live_server("/login"))
    assert page.locator("#email").input_value() == email
    page.locator("#password").fill(password)
    page.locator("main form button[type=submit]").click()
    page.locator("form[action='/logout']").wait_for()
    return email


def publish_proposal(page, title: str, body: str) -> None:
    """Write a proposal as the signed-in person and publish it (past the draft preview)."""
    page.goto("/proposals/new")
    page.locator("#title").fill(title)
    page.locator("#body").fill(body)
    page.locator("main form.proposal-form button[type=submit]").click()
    page.locator("form[action$='/publish'] button").click()
    page.locator("#draft-title").wait_for(state="detached")
