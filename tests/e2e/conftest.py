"""Real-browser tests: Debian's Chromium driven by Playwright against a live civic server.

The server is a real HTTP server on 127.0.0.1 (a free port), in a thread of this process,
serving an app built on a file-based SQLite database that is migrated and seeded with the
French demo (civic/demo). Every test gets a fresh browser context (cookies, language), but
the database is shared by the whole folder: tests create what they need with unique names
and never rely on another test's leftovers.

Needs /usr/bin/chromium (`make e2e-deps`, or `apt-get install chromium`) and the Python
`playwright` package (test extra); without them the folder is skipped, saying what to
install. Playwright's own browser download is never used.

Tripwires on every page: a JavaScript dialog (alert/confirm/prompt) that the test did not
announce with `tripwire.expect_dialogs(n)`, an uncaught JavaScript error and any console
error about the Content Security Policy all fail the test: the CSP must stay strict.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CIVIC_E2E_CHROMIUM", "/usr/bin/chromium"))
ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
DEFAULT_TIMEOUT_MS = 10_000

try:  # the whole folder is skipped (with what to install) when something is missing
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

_missing = []
if sync_playwright is None:
    _missing.append("the Python package playwright (`pip install -e '.[test]'`)")
if not CHROMIUM.exists():
    _missing.append(f"Chromium at {CHROMIUM} (`make e2e-deps` or `apt-get install chromium`)")


def pytest_collection_modifyitems(config, items):
    reason = None
    if _missing:
        reason = "browser tests need " + " and ".join(_missing)
    elif os.environ.get("TEST_DATABASE_URL") and not os.environ.get("CIVIC_E2E_ALWAYS"):
        # `make test` runs the suite twice (SQLite, then PostgreSQL): the browser tests
        # use their own SQLite server and ran on the first pass already.
        reason = "browser tests run on the SQLite pass only (set CIVIC_E2E_ALWAYS=1 to force)"
    if reason:
        here = Path(__file__).parent
        skip = pytest.mark.skip(reason=reason)
        for item in items:
            if here in Path(item.fspath).parents:
                item.add_marker(skip)


# The suite's autouse fixtures swap the shared Flask-SQLAlchemy session for a rolled-back
# test transaction: that would leak into the live server's threads. The browser tests
# talk to the server over HTTP only, so these two are switched off here.
@pytest.fixture(autouse=True)
def db_session():
    yield None


@pytest.fixture(autouse=True)
def _reset_rate_limits():
    yield


# --- the live server -----------------------------------------------------------------

@pytest.fixture(scope="package")  # stopped once tests/e2e are done
def live_server(tmp_path_factory):
    from tests.e2e.server import live_server as serve

    with serve(tmp_path_factory.mktemp("e2e")) as server:
        yield server


# --- the browser -----------------------------------------------------------------------

@pytest.fixture(scope="package")  # stopped once tests/e2e are done
def playwright_driver():
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="package")  # stopped once tests/e2e are done
def browser(playwright_driver):
    browser = playwright_driver.chromium.launch(
        executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-dev-shm-usage"])
    yield browser
    browser.close()


class Tripwire:
    """Collects what must never happen on a page: unexpected dialogs, JavaScript errors,
    CSP violations."""

    def __init__(self):
        self.problems: list[str] = []
        self.expected_dialogs = 0
        self.dialogs: list[str] = []

    def expect_dialogs(self, n: int = 1) -> None:
        """The next `n` dialogs are expected (a confirmation before a destructive action):
        they are accepted instead of failing the test."""
        self.expected_dialogs += n

    def on_dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        if self.expected_dialogs > 0:
            self.expected_dialogs -= 1
            dialog.accept()
        else:
            self.problems.append(f"unexpected {dialog.type} dialog: {dialog.message!r}")
            dialog.dismiss()

    def on_console(self, message) -> None:
        text = message.text
        if message.type == "error" and re.search(r"Content.Security.Policy|CSP", text, re.I):
            self.problems.append(f"CSP violation: {text}")

    def on_page_error(self, error) -> None:
        self.problems.append(f"uncaught JavaScript error: {error}")

    def watch(self, page) -> None:
        page.on("dialog", self.on_dialog)
        page.on("console", self.on_console)
        page.on("pageerror", self.on_page_error)

    def check(self) -> None:
        assert not self.problems, "\n".join(self.problems)


@pytest.fixture
def tripwire():
    return Tripwire()


def new_page(browser, tripwire: Tripwire, live_server, *, locale="fr-FR",
             viewport=None, bypass_csp=False):
    context = browser.new_context(locale=locale, base_url=live_server.url,
                                  viewport=viewport or {"width": 1280, "height": 800},
                                  bypass_csp=bypass_csp)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    tripwire.watch(page)
    return page


@pytest.fixture
def page(browser, tripwire, live_server):
    """A page in a fresh browser context (no cookies), in French (fr-FR) by default."""
    page = new_page(browser, tripwire, live_server)
    yield page
    page.context.close()
    tripwire.check()
