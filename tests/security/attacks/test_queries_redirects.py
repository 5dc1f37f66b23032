"""Attack strings in every query parameter of the lists and the API, in the filters of the
admin pages, in hidden fields, and in every `next=` (open-redirect payloads)."""
from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import pytest

from civic.extensions import db, limiter
from tests.factories import make_comment, make_proposal, make_section, make_user
from tests.security.attacks.checks import Report, answer_problems
from tests.security.attacks.corpus import lines, sample
from tests.security.attacks.harness import Poster

LIST_PARAMETERS = ("q", "theme", "status", "kind", "sort", "page", "per_page", "seed",
                   "verified", "partner", "section", "tab", "target_type", "target_id",
                   "from", "to", "threshold", "date_from", "date_to", "action", "actor",
                   "format", "next", "lang")


@pytest.fixture
def everyone(db_session):
    """One account with every staff role: it sees every list."""
    return make_user(display_name="Toutes Fonctions", roles=("admin", "moderator", "staff"))


def _pages(section_id: int, proposal_id: int, user_id: int) -> list[str]:
    return ["/", "/proposals/", "/proposals/map", "/proposals/review", "/experiments/",
            "/organizations/", f"/plan/sections/{section_id}/amendments", "/plan/",
            "/plan/diff", "/plan/history", "/moderation", "/admin/audit", "/admin/roles",
            "/notifications", "/statistics", f"/proposals/{proposal_id}",
            f"/people/{user_id}", "/api/v1/proposals", "/api/v1/experiments",
            "/api/v1/organizations", "/api/v1/amendments", "/api/v1/comments",
            "/api/v1/master-plan", "/api/v1/master-plan/diff",
            "/api/v1/master-plan/revisions", "/api/v1/statistics", "/api/v1/themes"]


def test_every_query_parameter_of_lists_and_api(client, login_as, everyone, report: Report):
    """Every parameter of every list gets an attack string at once (they are read
    independently): each page a third of the sample, in turn, so that every string
    reaches nine pages; the search boxes then get every string in `q` alone."""
    theme = make_section(title="Mobilités")
    proposal = make_proposal(theme=theme, title="Des vélos partout")
    make_comment(target=proposal)
    login_as(everyone)
    for index, page in enumerate(_pages(theme.id, proposal.id, everyone.id)):
        for payload in sample()[index % 3::3]:
            query = urlencode({name: payload for name in LIST_PARAMETERS})
            report.add(f"GET {page}?…", payload,
                       answer_problems(client.get(f"{page}?{query}"), payload))
        limiter.reset()
    for page in ("/proposals/", "/api/v1/proposals", "/admin/roles"):
        for payload in sample():
            response = client.get(f"{page}?{urlencode({'q': payload})}")
            report.add(f"GET {page}?q=", payload, answer_problems(response, payload))
    report.check()


def test_admin_and_audit_filters(client, login_as, everyone, report: Report):
    login_as(everyone)
    poster = Poster(client)
    person = make_user(display_name="Personne Promue")
    for payload in sample():
        for url in (f"/admin/audit?{urlencode({'actor': payload})}",
                    f"/admin/roles?{urlencode({'q': payload})}",
                    f"/admin/audit.csv?{urlencode({'actor': payload})}"):
            report.add(f"GET {url}", payload, answer_problems(client.get(url), payload))
        response = poster.post("/admin/roles/grant", {"user_id": person.id, "role": "moderator",
                                                      "q": payload[:200]})
        report.add("grant with q", payload, answer_problems(response, payload))
        if response.status_code == 302:
            location = urlsplit(response.headers["Location"])
            assert location.path == "/admin/roles", location
            shown = client.get(response.headers["Location"])
            report.add("roles after grant", payload, answer_problems(shown, payload))
        db.session.rollback()
    report.check()


def test_hidden_fields(client, login_as, citizen, staff, report: Report):
    """Hidden fields are typed by attackers too: a reply's parent, the master plan's
    version, the new password of a reset link."""
    from civic.accounts.services import reset_token
    from civic.masterplan.revisions import start_draft
    from tests.factories import make_published_revision

    theme = make_section(title="Mobilités", body="Texte.")
    proposal = make_proposal(theme=theme)
    login_as(citizen)
    poster = Poster(client)
    extra = ["²", "99999999999999999999", "-1", "0", "1e3", "0x10"]
    for payload in [*sample(), *extra]:
        response = poster.post(f"/comments/proposal/{proposal.id}",
                               {"body": "Une réponse.", "alignment": "for",
                                "organization": 0, "parent_id": payload})
        report.add("parent_id", payload, answer_problems(response, payload))
    login_as(staff)
    poster = Poster(client)
    make_published_revision()
    start_draft(staff)
    db.session.commit()
    for payload in [*sample(), *extra]:
        response = poster.post(f"/plan/draft/sections/{theme.id}/edit",
                               {"title": "Mobilités", "body": "Un texte.", "version": payload})
        report.add("version", payload, answer_problems(response, payload))
    token = reset_token(citizen)
    for payload in sample()[::4]:
        response = poster.post(f"/reset/{token}", {"password": payload,
                                                   "password_confirm": payload})
        report.add("reset password", payload, answer_problems(response, payload))
        db.session.rollback()
    report.check()


# --- next= --------------------------------------------------------------------------------

def redirect_payloads() -> list[str]:
    return list(dict.fromkeys(lines("other/open_redirect_payloads.txt")
                              + lines("other/openredirects.txt")
                              + lines("other/crlfinjection.txt")))


def _off_site(response) -> str | None:
    location = response.headers.get("Location", "")
    parts = urlsplit(location)
    if response.status_code // 100 != 3:
        return None if response.status_code < 500 else f"answered {response.status_code}"
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "localhost") \
            or location.startswith(("//", "/\\")) or "\n" in location or "\r" in location:
        return f"redirects to {location!r}"
    if any("Set-Cookie" in value and "crlf" in value for value in
           response.headers.getlist("Set-Cookie")):
        return "a header was injected"
    return None


def test_next_redirects_stay_on_the_site(client, login_as, citizen, moderator,
                                         report: Report):
    payloads = redirect_payloads()
    assert len(payloads) > 250
    theme = make_section(title="Mobilités")
    proposal = make_proposal(theme=theme)
    comment = make_comment(target=proposal)
    anonymous = Poster(client)
    for payload in payloads:  # cheap routes: every payload
        for response in (anonymous.post("/language", {"lang": "en", "next": payload}),
                         client.get(f"/login?{urlencode({'next': payload})}")):
            report.add("next", payload, [p for p in [_off_site(response)] if p]
                       + answer_problems(response, payload))
    login_as(citizen)
    poster = Poster(client)
    for payload in payloads:
        response = client.get(f"/login?{urlencode({'next': payload})}")  # signed in: goes
        report.add("login next (signed in)", payload, [p for p in [_off_site(response)] if p])
    for payload in payloads[::6]:  # routes that change something: one payload in six
        for url, data in ((f"/proposals/{proposal.id}/follow", {}),
                          (f"/proposals/{proposal.id}/support", {}),
                          (f"/comments/{comment.id}/vote", {"value": "up"}),
                          ("/signup/resend-confirmation", {}),
                          (f"/report/proposal/{proposal.id}", {"reason": "spam"})):
            response = poster.post(url, {**data, "next": payload})
            report.add(f"POST {url}", payload, [p for p in [_off_site(response)] if p])
            db.session.rollback()
    login_as(moderator)
    poster = Poster(client)
    for payload in payloads[::6]:
        for url, data in ((f"/moderation/hide/comment/{comment.id}", {"reason": "Hors sujet"}),
                          ("/moderation/bulk", {"case_ids": "1", "action": "dismiss"}),
                          (f"/moderation/users/{citizen.id}/block", {"reason": "Spam"})):
            response = poster.post(url, {**data, "next": payload})
            report.add(f"POST {url}", payload, [p for p in [_off_site(response)] if p])
            db.session.rollback()
    report.check()


def test_login_form_next_after_a_real_login(app, client, report: Report):
    password = "cerise-horizon-tramway-42"
    user = make_user(display_name="Personne Connectée", password=password)
    for payload in redirect_payloads()[::12]:
        poster = Poster(app.test_client())  # a fresh browser each time
        response = poster.post("/login", {"email": user.email, "password": password,
                                          "next": payload})
        report.add("login", payload, [p for p in [_off_site(response)] if p])
        poster.post("/logout", {})
    report.check()
