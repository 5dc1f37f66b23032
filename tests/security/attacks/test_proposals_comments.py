"""Attack strings in proposals (new, edit, the Lab's answer) and comments (new, reply,
edit), through the real forms."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from civic.comments.models import Comment
from civic.extensions import db
from civic.proposals.models import Proposal, StatusChange
from tests.factories import make_comment, make_proposal, make_section
from tests.security.attacks.checks import Report
from tests.security.attacks.harness import (
    Attack,
    Poster,
    cut,
    id_in,
    padded,
    run_attack,
    same,
)

TEXT = "Une proposition ordinaire pour vérifier les formulaires."


@pytest.fixture
def theme(db_session):
    return make_section(title="Mobilités")


@pytest.fixture
def poster(client, login_as, citizen):
    login_as(citizen)
    return Poster(client)


def _proposal(response) -> Proposal:
    return db.session.get(Proposal, id_in(response.headers["Location"], "/proposals/"))


def _proposal_fields(response) -> dict:
    proposal = _proposal(response)
    return {"title": proposal.title, "body": proposal.body, "address": proposal.address}


PROPOSAL_FIELDS = {"title": lambda p: padded(5)(cut(150)(p)), "body": padded(15),
                   "address": cut(300)}


def test_proposal_form_new(poster, theme, report: Report):
    attack = Attack("/proposals/new", PROPOSAL_FIELDS, _proposal_fields,
                    base={"theme": theme.id, "kind": "idea", "organization": 0})
    run_attack(poster, attack, report, "new proposal")
    report.check(at_least={"title": 35, "body": 35, "address": 35})


def test_proposal_form_edit_and_public_pages(poster, citizen, theme, report: Report):
    draft = make_proposal(author=citizen, theme=theme, status="draft")
    attack = Attack(f"/proposals/{draft.id}/edit", PROPOSAL_FIELDS, _proposal_fields,
                    base={"theme": theme.id, "kind": "idea", "organization": 0})
    run_attack(poster, attack, report, "edit proposal")
    # The last version, published: the lists, the map and the API show it.
    response = poster.post(f"/proposals/{draft.id}/publish", {})
    assert response.status_code == 302
    for page in ("/proposals/", "/proposals/map", "/", f"/api/v1/proposals/{draft.id}",
                 "/api/v1/proposals", f"/people/{citizen.id}"):
        from tests.security.attacks.checks import answer_problems

        report.add(f"GET {page}", draft.title, answer_problems(poster.get(page), draft.title))
    report.check(at_least={"title": 35, "body": 35})


def test_status_form_answer_and_internal_note(client, login_as, moderator, theme,
                                              report: Report):
    login_as(moderator)
    poster = Poster(client)
    current = {}

    def url():
        current["proposal"] = make_proposal(theme=theme, title="Une proposition à examiner")
        return f"/proposals/{current['proposal'].id}/status"

    def stored(response):
        change = db.session.scalars(select(StatusChange).where(
            StatusChange.proposal_id == current["proposal"].id)
            .order_by(StatusChange.id.desc())).first()
        return {"answer": change.answer, "internal_note": change.internal_note}

    attack = Attack(url, {"answer": same, "internal_note": same}, stored,
                    base={"status": "under_review"})
    run_attack(poster, attack, report, "Lab answer")
    report.check(at_least={"answer": 36, "internal_note": 36})


# --- comments --------------------------------------------------------------------------

def _comment_fields(response) -> dict:
    comment = db.session.get(Comment, id_in(response.headers["Location"], "#comment-"))
    return {"body": comment.body}


def test_comment_form_new_and_reply(poster, theme, report: Report):
    # A fresh proposal for each payload: a thread of a hundred comments would only make
    # the test slower.
    current = {}

    def url():
        proposal = make_proposal(theme=theme, title="Une proposition commentée")
        current["parent"] = make_comment(target=proposal, body="Le premier commentaire.")
        current["proposal"] = proposal
        return f"/comments/proposal/{proposal.id}"

    def pages(response):
        return [f"/api/v1/comments?target_type=proposal&target_id={current['proposal'].id}"]

    new = Attack(url, {"body": same}, _comment_fields, pages=pages,
                 base={"organization": 0, "alignment": "for"})
    run_attack(poster, new, report, "new comment")

    def reply_url():
        target = url()
        reply.base["parent_id"] = current["parent"].id
        return target

    reply = Attack(reply_url, {"body": same}, _comment_fields,
                   base={"organization": 0, "alignment": "against"})
    run_attack(poster, reply, report, "reply")
    report.check(at_least={"body": 2 * 36})


def test_comment_form_edit(poster, citizen, theme, report: Report):
    proposal = make_proposal(theme=theme, title="Une proposition commentée")
    comment = make_comment(target=proposal, author=citizen, body="À corriger.")
    attack = Attack(f"/comments/{comment.id}/edit", {"body": same}, _comment_fields,
                    base={"alignment": "neutral", "organization": 0})
    run_attack(poster, attack, report, "edit comment")
    report.check(at_least={"body": 36})
