"""Shared machinery of the route tests (test_route_rules.py, test_route_matrix.py): walk
`app.url_map`, build one real object for every URL argument, build URLs, watch the
database for writes; for the matrix, one account per role, clients signed in as each,
requests rolled back one by one, and answers sorted into classes."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy import event

from civic.extensions import db, limiter
from tests.factories import make_comment, make_organization, make_proposal, make_user
from tests.fixtures.http import CivicClient

EXEMPT_ENDPOINTS = {"static"}
WRITE_PREFIXES = ("INSERT", "UPDATE", "DELETE")
STATE_CHANGING_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def build_sample_values(owner=None, organization=None) -> dict:
    """One real value for every URL argument name used by a GET route. `owner` writes the
    sample proposal and amendment and owns the sample organization (created if None)."""
    owner = owner or make_user(display_name="Propriétaire Exemple")
    org = organization or make_organization(owner=owner, name="Exemple SAS")
    proposal = make_proposal(author=owner, title="Une proposition pour vérifier les routes")
    return {
        "user_id": owner.id,
        "slug": org.slug,
        "org_slug": org.slug,
        "organization_id": org.id,
        "key": "0" * 32,
        "token": "not-a-valid-token",
        "filename": "civic.css",
        "proposal_id": proposal.id,
        # comments and the master plan
        "comment_id": make_comment(target=proposal).id,
        "section_id": proposal.theme_id,
        # the master plan's published versions (plan)
        "number": sample_revision_number(),
        # experiments (experiments helper): a running one with a partner and its proposal
        "experiment_id": sample_experiment(org, proposal).id,
        # amendments (amendments helper): one against the current version
        "amendment_id": sample_amendment(owner, proposal.theme_id).id,
        # moderation: a reported item and its case
        "target_type": "proposal",
        "target_id": proposal.id,
        "case_id": sample_case(proposal).id,
    }


def sample_revision_number():
    from tests.factories import make_published_revision

    return make_published_revision(summary="Version pour vérifier les routes").number


def sample_experiment(org, proposal):
    from tests.factories import make_experiment

    return make_experiment(title="Expérimentation pour vérifier les routes", status="running",
                           partners=[(org, "lead")], proposals=[proposal])


def sample_amendment(author, section_id):
    from civic.amendments.models import Amendment
    from civic.masterplan.revisions import current_revision
    from tests.factories import make_published_revision

    base = current_revision() or make_published_revision(summary="Version des amendements")
    amendment = Amendment(section_id=section_id, base_revision_id=base.id,
                          title="Un amendement pour vérifier les routes",
                          proposed_body="Un nouveau texte.", justification="Pour vérifier.",
                          author_id=author.id)
    db.session.add(amendment)
    db.session.flush()
    return amendment


def sample_case(proposal):
    from civic.moderation.models import ModerationCase

    case = ModerationCase(target_type="proposal", target_id=proposal.id,
                          target_author_id=proposal.author_id, reports_count=0)
    db.session.add(case)
    db.session.flush()
    return case


def routed_endpoints(app) -> set[str]:
    """Every endpoint of the URL map that the route tests must know about."""
    return {rule.endpoint for rule in app.url_map.iter_rules()
            if rule.endpoint not in EXEMPT_ENDPOINTS}


def get_rules(app) -> Iterator:
    for rule in app.url_map.iter_rules():
        if rule.endpoint in EXEMPT_ENDPOINTS or "GET" not in (rule.methods or ()):
            continue
        yield rule


def build_url(app, rule, values: dict) -> str:
    return app.url_map.bind("localhost").build(
        rule.endpoint, {a: values[a] for a in rule.arguments})


@contextmanager
def record_writes() -> Iterator[list[str]]:
    """Collect every INSERT/UPDATE/DELETE statement sent to the database in the block."""
    writes: list[str] = []

    def spy(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith(WRITE_PREFIXES):
            writes.append(statement)

    event.listen(db.engine, "before_cursor_execute", spy)
    try:
        yield writes
    finally:
        event.remove(db.engine, "before_cursor_execute", spy)


# --- the route matrix's world: every role, valid e-mail links ---------------------------

@dataclass
class World:
    users: dict  # role (and "owner") -> User
    values: dict  # URL argument -> value
    overrides: dict  # endpoint -> {URL argument: value}

    def url(self, app, rule) -> str:
        return build_url(app, rule, {**self.values, **self.overrides.get(rule.endpoint, {})})


def build_world() -> World:
    """Every role's account and a real object behind every URL argument; the links sent
    by e-mail (confirmation, reset, invitation, unsubscribe) carry valid tokens."""
    from civic.accounts.profile_services import CHANGE_EMAIL_PURPOSE
    from civic.accounts.services import confirmation_token, reset_token
    from civic.core.tokens import make_token
    from civic.masterplan.revisions import cite_source, start_draft
    from civic.notifications.services import notify
    from civic.notifications.unsubscribe import make_unsubscribe_token
    from civic.organizations.membership import invitation_link
    from civic.organizations.models import Invitation, JoinRequest

    def person(name, *roles, **fields):
        return make_user(display_name=name, roles=roles, locale="en", **fields)

    owner, member = person("Owen Owner"), person("Mia Member")
    citizen = person("Cam Citizen", pending_email="cam.new@example.org")
    users = {"owner": owner, "citizen": citizen, "member": member,
             "moderator": person("Mo Moderator", "moderator"),
             "staff": person("Stef Staff", "staff"), "admin": person("Ada Admin", "admin")}
    org = make_organization(owner=owner, members=[member], name="Example Ltd")
    values = build_sample_values(owner=owner, organization=org)
    applicant = person("Jo Applicant")
    newcomer = person("Uma Unconfirmed", confirmed=False)
    join_request = JoinRequest(organization_id=org.id, user_id=applicant.id,
                               message="I would like to join.")
    invitation = Invitation(organization_id=org.id, email="invitee@example.org",
                            invited_by_id=owner.id)
    db.session.add_all([join_request, invitation])
    notification = notify(citizen, "comment.reply", actor=owner,
                          data={"actor": owner.display_name, "title": "Example"})
    db.session.flush()
    draft = start_draft(users["staff"])
    source = cite_source(users["staff"], draft, values["section_id"], "proposal",
                         values["proposal_id"])
    db.session.commit()
    values.update({
        "request_id": join_request.id,
        "invitation_id": invitation.id,
        "membership_id": next(m.id for m in org.memberships if m.user_id == member.id),
        "notification_id": notification.id,
        "source_id": source.id,
        "action": "dismiss",
    })
    invitation_token = urlsplit(invitation_link(invitation)).path.rsplit("/", 1)[-1]
    email_token = make_token(CHANGE_EMAIL_PURPOSE,
                             {"user": citizen.id, "email": citizen.pending_email})
    overrides = {
        "accounts.confirm": {"token": confirmation_token(newcomer)},
        "accounts.reset_password": {"token": reset_token(applicant)},
        "profiles.confirm_email": {"token": email_token},
        "organizations.invitation": {"token": invitation_token},
        "organizations.accept_invitation": {"token": invitation_token},
        "notifications.unsubscribe": {"token": make_unsubscribe_token(owner)},
    }
    return World(users=users, values=values, overrides=overrides)


class Browsers:
    """Test clients signed in as any role (or "owner"), all sharing one CSRF secret so a
    form token is fetched once; every client starts from a fresh cookie jar."""

    def __init__(self, app, world: World):
        self.app, self.world = app, world
        app.test_client_class = CivicClient
        probe = app.test_client()
        self.token = probe.csrf_token()
        with probe.session_transaction() as session:
            self.secret = session["csrf_token"]

    def client(self, role: str) -> CivicClient:
        client = self.app.test_client()
        with client.session_transaction() as session:
            session["csrf_token"] = self.secret
            if role != "anonymous":
                session["_user_id"] = self.world.users[role].get_id()
                session["_fresh"] = True
        return client


@contextmanager
def rolled_back() -> Iterator[None]:
    """Undo what the requests inside the block commit (their commits are savepoints), so
    that one role's successful POST does not change what the next role finds."""
    savepoint = db.session.get_bind().begin_nested()
    try:
        yield
    finally:
        savepoint.rollback()
        db.session.expire_all()
        limiter.reset()


def is_on_site(location: str) -> bool:
    parts = urlsplit(location)
    return parts.scheme in ("", "http", "https") and parts.netloc in ("", "localhost")


def classify(response) -> str:
    code = response.status_code
    if code == 401:
        return "login"
    if 300 <= code < 400:
        location = response.headers.get("Location", "")
        if not is_on_site(location):
            return f"off-site redirect to {location}"
        return "login" if urlsplit(location).path == "/login" else "redirect"
    if 200 <= code < 300:
        return "ok"
    return {400: "badrequest", 403: "forbidden", 404: "notfound"}.get(code, str(code))
