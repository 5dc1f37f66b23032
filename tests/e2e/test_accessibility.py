"""Accessibility of the main pages: axe-core in a real browser, French and English, signed
out and signed in (citizen, moderator, staff).

A page passes when axe finds no violation of impact "serious" or "critical", it has exactly
one h1, `html[lang]` is the language asked for, and a skip link leads to the main landmark
(#main). Every problem of every page is listed before the test fails.

axe-core comes from npm (package.json; `make test` runs `npm install`). The app's strict
CSP (script-src 'self') blocks inline scripts, so Playwright's add_script_tag (which
inlines the file) cannot load it; axe is evaluated through the DevTools protocol instead
(`page.evaluate(source)`), which CSP does not govern. The CSP itself stays on: the pages
are checked exactly as visitors get them, and the tripwire still fails on violations.
"""
from __future__ import annotations

import pytest

from tests.e2e.conftest import AXE_JS, new_page
from tests.e2e.helpers import demo_email, login

pytestmark = pytest.mark.skipif(
    not AXE_JS.exists(), reason=f"axe-core is missing ({AXE_JS}): run `npm install` "
                                "(make test does it)")

FAILING_IMPACTS = ("serious", "critical")


def anonymous_pages(ids: dict) -> list[str]:
    return [
        "/",
        "/proposals/",
        f"/proposals/{ids['proposal']}",
        "/login",
        "/signup",
        "/signup/check-inbox",  # with the form asking for a new confirmation link
        "/plan/",
        f"/plan/sections/{ids['section']}",
        "/plan/diff",
        "/experiments/",
        f"/experiments/{ids['experiment']}",
        "/statistics",
        "/open-data",
        "/accessibilite",
    ]


ROLE_PAGES = {
    # role key in civic/demo/data.py -> pages seen signed in
    "citizen": lambda ids: ["/", f"/proposals/{ids['proposal']}", "/proposals/new",
                            "/notifications", "/plan/"],
    "moderator": lambda ids: ["/moderation", f"/proposals/{ids['proposal']}"],
    "staff": lambda ids: ["/plan/draft"],
}


@pytest.fixture(scope="module")
def axe_source() -> str:
    return AXE_JS.read_text("utf-8")


@pytest.fixture(scope="module")
def ids(live_server) -> dict:
    def first(sql):
        rows = live_server.query(sql)
        assert rows, sql
        return rows[0][0]

    return {
        # a published proposal with comments: thread, support box, timeline
        "proposal": first("SELECT id FROM proposals WHERE status != 'draft' "
                          "AND moderation = 'visible' ORDER BY comments_count DESC, id"),
        "section": first("SELECT id FROM plan_sections WHERE parent_id IS NOT NULL "
                         "ORDER BY id"),
        "experiment": first("SELECT id FROM experiments WHERE moderation = 'visible' "
                            "ORDER BY id"),
    }


def use_language(page, code: str) -> None:
    """Switch with the header's language buttons when the page is in another language."""
    if page.locator("html").get_attribute("lang") != code:
        page.locator(f"form.lang-switch button[value={code}]").click()
        # Mid-navigation the document may have no root element yet: wait for the new one.
        page.wait_for_function(
            "c => document.documentElement !== null && document.documentElement.lang === c",
            arg=code)


def check_page(page, axe_source: str, path: str, lang: str, *, spoil: str = "") -> list[str]:
    """Open `path`; return the accessibility problems found on it (empty when fine).
    `spoil`: JavaScript run before the checks (the checker's own test breaks the page)."""
    response = page.goto(path)
    if spoil:
        page.evaluate(spoil)
    problems = []
    where = f"{path} [{lang}]"
    if response is None or response.status != 200:
        return [f"{where}: HTTP {response.status if response else '?'}"]
    if page.locator("html").get_attribute("lang") != lang:
        problems.append(f"{where}: html[lang] is {page.locator('html').get_attribute('lang')!r}")
    if (h1 := page.locator("h1").count()) != 1:
        problems.append(f"{where}: {h1} h1 elements instead of exactly one")
    if page.locator("a.skip-link[href='#main']").count() != 1 or \
            page.locator("main#main").count() != 1:
        problems.append(f"{where}: no skip link to the main landmark (#main)")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source)
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ["violations"]});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => [n.target.join(" "), n.failureSummary])}));
    }""")
    for violation in result:
        if violation["impact"] not in FAILING_IMPACTS:
            continue
        nodes = "\n".join(f"      {target}\n        {summary.replace(chr(10), ' / ')}"
                          for target, summary in violation["nodes"][:8])
        problems.append(f"{where}: {violation['impact']} {violation['id']}: "
                        f"{violation['help']}\n{nodes}")
    return problems


@pytest.mark.parametrize("lang, locale", [("fr", "fr-FR"), ("en", "en-GB")])
def test_public_pages_signed_out(browser, tripwire, live_server, axe_source, ids, lang,
                                 locale):
    page = new_page(browser, tripwire, live_server, locale=locale)
    try:
        problems = []
        for path in anonymous_pages(ids):
            problems += check_page(page, axe_source, path, lang)
    finally:
        page.context.close()
    assert not problems, "\n".join(problems)
    tripwire.check()


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("role", list(ROLE_PAGES))
def test_pages_signed_in(browser, tripwire, live_server, axe_source, ids, role, lang):
    page = new_page(browser, tripwire, live_server)
    try:
        login(page, demo_email(role))
        if role == "staff" and lang == "fr":
            page.goto("/plan/draft")  # the draft page in full: start one if there is none
            start = page.locator("form[action='/plan/draft/start'] button")
            if start.count():
                start.click()
        use_language(page, lang)
        problems = []
        for path in ROLE_PAGES[role](ids):
            problems += check_page(page, axe_source, path, lang)
    finally:
        use_language(page, "fr")  # the account keeps French for the other tests
        page.context.close()
    assert not problems, "\n".join(problems)
    tripwire.check()


def test_the_checker_reports_what_it_finds(browser, tripwire, live_server, axe_source):
    """A broken page must fail: two h1, no lang, an unlabelled field, unreadable text."""
    page = new_page(browser, tripwire, live_server)
    spoil = """() => {
        document.documentElement.removeAttribute("lang");
        const main = document.querySelector("main");
        main.insertAdjacentHTML("beforeend",
            '<h1>Second</h1><input type="text"><p id="pale">Pale text</p>');
        // (a style attribute would be refused by the CSP; the CSSOM is not)
        Object.assign(document.getElementById("pale").style,
                      {color: "#eeeeee", backgroundColor: "#ffffff"});
    }"""
    try:
        problems = "\n".join(check_page(page, axe_source, "/about", "fr", spoil=spoil))
    finally:
        page.context.close()
    assert "2 h1 elements" in problems
    assert "html[lang] is None" in problems
    assert "serious html-has-lang" in problems
    assert "critical label" in problems
    assert "serious color-contrast" in problems
    assert "input[type=\"text\"]" in problems  # the offending node is named
