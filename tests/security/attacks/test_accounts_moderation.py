"""Attack strings in accounts (sign-up, log-in, reset, profile, e-mail, passwords),
organizations and the moderators' forms."""
from __future__ import annotations

import itertools

from sqlalchemy import select

from civic.accounts.models import User
from civic.extensions import db
from civic.moderation.models import ModerationCase
from civic.moderation.models import Report as ContentReport
from civic.organizations.models import JoinRequest, Organization
from tests.factories import make_organization, make_proposal, make_user
from tests.security.attacks.checks import Report
from tests.security.attacks.corpus import sample
from tests.security.attacks.harness import (
    Attack,
    Poster,
    cut,
    one_line,
    padded,
    run_attack,
    same,
)

PASSWORD = "cerise-horizon-tramway-42"
_numbers = itertools.count(1)
# Every form that checks or hashes a password takes ~0.1 s a request: one string in four,
# across every corpus, and the NUL byte.
FEW = [*sample()[::4], "nul\x00byte"]


def _unique_email() -> str:
    return f"attaque{next(_numbers)}@example.org"


def test_signup_login_and_reset_forms(client, report: Report):
    poster = Poster(client)  # anonymous

    def signup_url():
        signup.base["email"] = _unique_email()
        return "/signup"

    def signed_up(response):
        user = db.session.scalars(select(User).where(User.email == signup.base["email"])).one()
        return {"display_name": user.display_name}

    signup = Attack(signup_url, {"display_name": cut(80)}, signed_up, plain=set(),
                    normalize={"display_name": one_line},
                    base={"password": PASSWORD, "password_confirm": PASSWORD})
    run_attack(poster, signup, report, "sign-up name", payloads=FEW)
    for url, fields, base in (
        ("/signup", {"email": same}, {"display_name": "Alex", "password": PASSWORD,
                                      "password_confirm": PASSWORD}),
        ("/signup", {"website": same}, {"email": "robot@example.org", "display_name": "Bot",
                                        "password": PASSWORD, "password_confirm": PASSWORD}),
        ("/signup", {"password": same, "password_confirm": same},
         {"email": "pw@example.org", "display_name": "Alex Mot"}),
        ("/login", {"email": same}, {"password": PASSWORD}),
        ("/login", {"password": same}, {"email": "personne@example.org"}),
        ("/reset", {"email": same}, {}),
        ("/signup/resend", {"email": same}, {}),
    ):
        run_attack(Poster(client), Attack(url, fields, lambda r: {}, base=base, plain=set()),
                   report, f"{url} {sorted(fields)}", payloads=FEW)
    report.check()


def test_profile_email_password_and_delete_forms(client, login_as, citizen, report: Report):
    login_as(citizen)
    poster = Poster(client)

    def profile(response):
        db.session.refresh(citizen)
        return {"display_name": citizen.display_name, "bio": citizen.bio}

    # Separately: a refused name must not keep the bio from being tested.
    run_attack(poster, Attack("/settings/profile", {"bio": cut(2000)}, profile,
                              base={"locale": "fr", "display_name": citizen.display_name},
                              pages=lambda r: [f"/people/{citizen.id}"]),
               report, "profile bio")
    run_attack(poster, Attack("/settings/profile", {"display_name": padded(2)}, profile,
                              base={"locale": "fr", "bio": ""},
                              normalize={"display_name": one_line},
                              pages=lambda r: [f"/people/{citizen.id}"]),
               report, "profile name")
    for url, fields, base in (
        ("/settings/email", {"new_email": same}, {"current_password": PASSWORD}),
        ("/settings/email", {"current_password": same}, {"new_email": "n@example.org"}),
        ("/settings/password", {"current_password": same, "new_password": same,
                                "confirm_password": same}, {}),
        ("/settings/delete", {"password": same}, {}),
    ):
        run_attack(poster, Attack(url, fields, lambda r: {}, base=base, plain=set()),
                   report, f"{url} {sorted(fields)}", payloads=FEW)
    # Display names follow the sign-up rule (letters, digits, a few separators): most
    # payloads are refused with that message, the rest must round-trip.
    report.check(at_least={"bio": 35})


def test_organization_forms(client, login_as, citizen, admin, report: Report):
    login_as(citizen)
    poster = Poster(client)

    def organization(response):
        slug = response.headers["Location"].rstrip("/").rsplit("/", 1)[-1]
        org = db.session.scalars(select(Organization).where(Organization.slug == slug)).one()
        return {"name": org.name, "description": org.description, "website": org.website}

    fields = {"name": lambda p: padded(2)(cut(120)(p)), "description": same}
    run_attack(poster, Attack("/organizations/new", {**fields, "website": same}, organization,
                              base={"kind": "association"}, plain=set()),
               report, "new organization, every field", payloads=FEW)
    run_attack(poster, Attack("/organizations/new", fields, organization,
                              base={"kind": "association", "website": ""},
                              normalize={"name": one_line},
                              pages=lambda r: ["/organizations/", "/api/v1/organizations"]),
               report, "new organization")
    run_attack(poster, Attack("/organizations/new",
                              {"website": lambda p: f"https://example.org/{p}"},
                              organization, base={"kind": "association", "name": "Site"},
                              plain=set()), report, "organization website")
    mine = make_organization(owner=citizen, name="Association des essais")
    run_attack(poster, Attack(f"/organizations/{mine.slug}/edit", fields, organization,
                              base={"kind": "association", "website": ""},
                              normalize={"name": one_line}),
               report, "edit organization")
    run_attack(poster, Attack(f"/organizations/{mine.slug}/invitations", {"email": same},
                              lambda r: {}, base={"role": "member"}, plain=set()),
               report, "invitation")
    other = make_organization(name="Collectif voisin")
    current = {}

    def join_url():
        db.session.execute(JoinRequest.__table__.delete())
        return f"/organizations/{other.slug}/join"

    def joined(response):
        request = db.session.scalars(select(JoinRequest)).one()
        return {"message": request.message}

    run_attack(poster, Attack(join_url, {"message": cut(2000)}, joined), report, "join")
    login_as(admin)
    admin_poster = Poster(client)

    def unverify_url():
        current["org"] = make_organization(name="Organisation vérifiée", verified=True)
        return f"/organizations/{current['org'].slug}/unverify"

    run_attack(admin_poster, Attack(unverify_url, {"reason": cut(500)}, lambda r: {},
                                    plain=set(), pages=lambda r: ["/admin/audit"]),
               report, "unverify")
    report.check(at_least={"name": 66, "description": 66, "message": 36})


# --- moderation ---------------------------------------------------------------------------

def test_report_form(client, login_as, citizen, report: Report):
    login_as(citizen)
    poster = Poster(client)
    current = {}

    def url():
        current["proposal"] = make_proposal(title="Une proposition signalée")
        return f"/report/proposal/{current['proposal'].id}"

    def reported(response):
        kept = db.session.scalars(select(ContentReport).order_by(
            ContentReport.id.desc())).first()
        return {"details": kept.details}

    run_attack(poster, Attack(url, {"details": cut(2000)}, reported, base={"reason": "spam"}),
               report, "report")
    report.check(at_least={"details": 36})


def test_moderators_forms(client, login_as, moderator, report: Report):
    login_as(moderator)
    poster = Poster(client)
    current = {}

    def hide_url():
        current["proposal"] = make_proposal(title="Une proposition à masquer")
        return f"/moderation/hide/proposal/{current['proposal'].id}"

    def hidden(response):
        db.session.refresh(current["proposal"])
        return {"reason": current["proposal"].hidden_reason}

    run_attack(poster, Attack(hide_url, {"reason": cut(1000)}, hidden,
                              pages=lambda r: [f"/proposals/{current['proposal'].id}",
                                               "/moderation?tab=closed"]),
               report, "hide")

    bulk = Attack("/moderation/bulk", {"reason": cut(1000)}, lambda r: {}, plain=set(),
                  base={"action": "dismiss"})

    def case_url():
        proposal = make_proposal(title="Une proposition signalée")
        case = ModerationCase(target_type="proposal", target_id=proposal.id,
                              target_author_id=proposal.author_id, reports_count=1)
        db.session.add(case)
        db.session.commit()
        current["case"] = case
        bulk.base["case_ids"] = case.id
        return f"/moderation/cases/{case.id}/dismiss"

    run_attack(poster, Attack(case_url, {"reason": cut(1000)}, lambda r: {}, plain=set(),
                              pages=lambda r: [f"/moderation/cases/{current['case'].id}"]),
               report, "decision")

    def bulk_url():
        case_url()
        return "/moderation/bulk"

    bulk.url = bulk_url
    run_attack(poster, bulk, report, "bulk")
    run_attack(poster, Attack("/moderation/bulk", {"case_ids": same}, lambda r: {},
                              plain=set(), base={"action": "dismiss"}), report, "bulk ids",
               payloads=[*FEW, "²", "99999999999999999999", "-1"])

    def block_url():
        current["person"] = make_user(display_name=f"Personne {next(_numbers)}")
        return f"/moderation/users/{current['person'].id}/block"

    def blocked(response):
        db.session.refresh(current["person"])
        return {"reason": current["person"].block_reason}

    run_attack(poster, Attack(block_url, {"reason": cut(1000)}, blocked,
                              pages=lambda r: [f"/people/{current['person'].id}"]),
               report, "block")
    report.check(at_least={"reason": 3 * 36})
