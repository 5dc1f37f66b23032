"""Every route declares who may use it, and no GET request changes anything."""
from __future__ import annotations

import pytest
from sqlalchemy import event

from civic.core.permissions import get_access
from civic.extensions import db
from tests.factories import make_comment, make_organization, make_proposal, make_user

EXEMPT_ENDPOINTS = {"static"}
WRITE_PREFIXES = ("INSERT", "UPDATE", "DELETE")


def test_every_endpoint_declares_an_access_rule(app):
    missing = [
        endpoint for endpoint, view in app.view_functions.items()
        if endpoint not in EXEMPT_ENDPOINTS and get_access(view) is None
    ]
    assert missing == [], f"endpoints without @public/@login_required/@require_role: {missing}"


def test_declared_rules_are_known(app):
    kinds = {get_access(view).kind for endpoint, view in app.view_functions.items()
             if endpoint not in EXEMPT_ENDPOINTS}
    assert kinds <= {"public", "login", "role"}


@pytest.fixture
def sample_values(db_session, admin):
    """One real value for every URL argument name used by a GET route."""
    owner = make_user(display_name="Propriétaire Exemple")
    org = make_organization(owner=owner, name="Exemple SAS")
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
        "number": _sample_revision_number(),
        # experiments (experiments helper): a running one with a partner and its proposal
        "experiment_id": _sample_experiment(org, proposal).id,
        # amendments (amendments helper): one against the current version
        "amendment_id": _sample_amendment(owner, proposal.theme_id).id,
        # moderation: a reported item and its case
        "target_type": "proposal",
        "target_id": proposal.id,
        "case_id": _sample_case(proposal).id,
    }


def _sample_revision_number():
    from tests.factories import make_published_revision

    return make_published_revision(summary="Version pour vérifier les routes").number


def _sample_experiment(org, proposal):
    from tests.factories import make_experiment

    return make_experiment(title="Expérimentation pour vérifier les routes", status="running",
                           partners=[(org, "lead")], proposals=[proposal])


def _sample_amendment(author, section_id):
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


def _sample_case(proposal):
    from civic.moderation.models import ModerationCase

    case = ModerationCase(target_type="proposal", target_id=proposal.id,
                          target_author_id=proposal.author_id, reports_count=0)
    db.session.add(case)
    db.session.flush()
    return case


def _get_rules(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint in EXEMPT_ENDPOINTS or "GET" not in (rule.methods or ()):
            continue
        yield rule


def test_get_requests_never_write_to_the_database(app, client, login_as, admin, sample_values):
    login_as(admin)
    writes: list[str] = []

    def spy(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith(WRITE_PREFIXES):
            writes.append(statement)

    unknown_arguments = []
    pages_seen = 0
    event.listen(db.engine, "before_cursor_execute", spy)
    try:
        for rule in _get_rules(app):
            missing = set(rule.arguments) - set(sample_values)
            if missing:
                unknown_arguments.append((rule.rule, sorted(missing)))
                continue
            url = app.url_map.bind("localhost").build(
                rule.endpoint, {a: sample_values[a] for a in rule.arguments})
            before = len(writes)
            response = client.get(url)
            assert response.status_code < 500, (url, response.status_code)
            pages_seen += response.status_code == 200
            assert len(writes) == before, f"GET {url} wrote: {writes[before:]}"
    finally:
        event.remove(db.engine, "before_cursor_execute", spy)
    assert pages_seen >= 15, "most GET pages should render for an admin with sample data"
    assert unknown_arguments == [], (
        "add a sample value for these URL arguments in sample_values", unknown_arguments)

