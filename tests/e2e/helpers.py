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
