"""Stored XSS, in a real browser: attack strings saved in a proposal, comments (with the
decidim.barcelona scanner's real attack strings), a profile and an organization are shown
on every page that displays them. Any dialog, JavaScript error or `window.__xss` marker
fails the test. The Content Security Policy is bypassed here on purpose: what is tested is
the escaping and the sanitizer, not the CSP's second line of defence."""
from __future__ import annotations

import csv
import uuid

import pytest

from civic import ROOT
from tests.e2e.conftest import new_page
from tests.e2e.helpers import demo_email, login

MARK = "window.__xss=1"
PAYLOADS = [
    f"<script>{MARK};alert(1)</script>",
    f"<img src=x onerror=\"{MARK};alert(1)\">",
    f"<svg onload=\"{MARK};alert(1)\">",
    f"<svg/onload={MARK}>",
    f"<body onload={MARK}>",
    f"<iframe src=\"javascript:{MARK}\"></iframe>",
    f"<a href=\"javascript:{MARK}\">lien</a>",
    f"[clic](javascript:{MARK})",
    f"[clic](JaVaScRiPt:{MARK} \"titre\")",
    f"[clic](&#106;avascript:{MARK})",
    f"![image](x\" onerror=\"{MARK})",
    "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    f"<details open ontoggle={MARK}>",
    f"<input autofocus onfocus={MARK}>",
    f"<marquee onstart={MARK}>",
    f"\"><script>{MARK}</script>",
    f"'><img src=x onerror={MARK}>",
    f"</textarea><script>{MARK}</script>",
    f"</title><script>{MARK}</script>",
    f"<math><mtext><table><mglyph><style><img src=x onerror={MARK}>",
    f"<a href=\"&#x6A;avascript:{MARK}\">x</a>",
    f"<object data=\"javascript:{MARK}\"></object>",
    f"{{{{constructor.constructor('{MARK}')()}}}}",
    f"<div style=\"background:url(javascript:{MARK})\">x</div>",
    "jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=alert() )//%0D%0A%0d%0a//</stYle/"
    "</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=alert()//>\\x3e",
    "'\">><marquee><img src=x onerror=confirm(1)></marquee>\"></plaintext\\></|\\>"
    "<plaintext/onmouseover=prompt(1)><script>prompt(1)</script>@gmail.com",
    f"<a href=\"https://example.org\" onmouseover=\"{MARK}\">survol</a>",
    f"<form action=\"javascript:{MARK}\"><button>go</button></form>",
    f"<meta http-equiv=\"refresh\" content=\"0;url=javascript:{MARK}\">",
    f"<base href=\"javascript:{MARK}//\">",
]
SCANNER = (ROOT.parent / "shared" / "data" / "participation" / "decidim_barcelona"
           / "www.decidim.barcelona-open-data-meeting_comments.csv")


def _scanner_csv(folder) -> str:
    """The export's comments that hold attack strings (the author columns left out)."""
    import re

    assert SCANNER.is_file(), f"{SCANNER} is missing (SOURCES.md 1.4)"
    attack = re.compile(r"<\s*script|/etc/passwd|system\.ini|\.\./|;\s*cat\s", re.I)
    path = folder / "scanner_comments.csv"
    with open(SCANNER, encoding="utf-8-sig", newline="") as source, \
            open(path, "w", encoding="utf-8", newline="") as target:
        reader = csv.DictReader(source, delimiter=";")
        fields = [f for f in reader.fieldnames if not f.startswith("author/")]
        writer = csv.DictWriter(target, fields, delimiter=";", extrasaction="ignore")
        writer.writeheader()
        rows = [row for row in reader if attack.search(row["body"])]
        assert len(rows) >= 5
        writer.writerows(rows)
    return str(path)


@pytest.fixture(scope="module")
def stored(live_server, tmp_path_factory):
    """Write the payloads straight into the live server's database (as the services do)."""
    from civic.accounts.models import User
    from civic.comments.importers import import_decidim_comments
    from civic.comments.services import create_comment
    from civic.extensions import db
    from civic.masterplan.models import Section
    from civic.moderation.reports import report_content
    from civic.notifications.services import notify
    from civic.organizations.services import create_organization
    from civic.proposals.services import create_proposal, publish_proposal

    tag = uuid.uuid4().hex[:6]
    app = live_server.app
    with app.app_context(), app.test_request_context("/", base_url=live_server.url):
        def person(key):
            return db.session.query(User).filter_by(email=demo_email(key)).one()

        author, reader = person("lucas"), person("citizen")
        author.display_name = f"Lucas <img src=x onerror={MARK}> {tag}"
        author.bio = "\n\n".join(PAYLOADS)
        theme = db.session.query(Section).order_by(Section.id).first()
        proposal = create_proposal(author, {
            "title": f"XSS {tag} <script>{MARK}</script>", "body": "\n\n".join(PAYLOADS),
            "kind": "idea", "theme": theme, "address": f"<svg onload={MARK}>"})
        publish_proposal(author, proposal)
        for payload in PAYLOADS:
            create_comment(author, proposal, payload, "for")
        import_decidim_comments(_scanner_csv(tmp_path_factory.mktemp("decidim")), proposal)
        organization = create_organization(author, name=f"Org {tag} <b onmouseover={MARK}>",
                                           kind="association",
                                           description="\n\n".join(PAYLOADS))
        notify(reader, "comment.reply", target=proposal, actor=author,
               data={"actor": author.display_name, "title": proposal.title})
        report_content(reader, "proposal", proposal.id, "spam", PAYLOADS[1])
        db.session.commit()
        values = {"proposal": proposal.id, "author": author.id, "slug": organization.slug,
                  "q": "XSS " + tag}
        db.session.remove()
    return values


def _visit(browser, tripwire, live_server, paths, who=None):
    page = new_page(browser, tripwire, live_server, bypass_csp=True)
    try:
        if who:
            login(page, demo_email(who))
        for path in paths:
            response = page.goto(path)
            assert response is not None and response.status < 500, (path, response)
            page.mouse.move(5, 5)
            page.mouse.move(400, 300)  # hover handlers, if any slipped through
            assert page.evaluate("() => window.__xss") is None, f"payload ran on {path}"
            if path.startswith("/proposals/") and path[11:].isdigit():
                # the payloads are there, shown as text
                assert f"<script>{MARK}" in page.locator("main").inner_text()
    finally:
        page.context.close()
    tripwire.check()


def test_stored_payloads_never_run(browser, tripwire, live_server, stored):
    proposal, slug = stored["proposal"], stored["slug"]
    public = [f"/proposals/{proposal}", "/proposals/", "/proposals/map", "/",
              f"/proposals/?q={stored['q'].replace(' ', '+')}", f"/people/{stored['author']}",
              f"/organizations/{slug}", "/organizations/", f"/api/v1/proposals/{proposal}",
              f"/api/v1/comments?target_type=proposal&target_id={proposal}&per_page=100",
              "/api/v1/organizations?per_page=100"]
    _visit(browser, tripwire, live_server, public)
    _visit(browser, tripwire, live_server, ["/notifications", f"/proposals/{proposal}"],
           who="citizen")
    _visit(browser, tripwire, live_server, ["/moderation", "/proposals/review"],
           who="moderator")
