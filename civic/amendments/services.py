"""Proposing, withdrawing, accepting and rejecting amendments to the master plan.

Supports and follows are in supports.py.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.orm import attributes

from civic.amendments.models import FOLLOW_TYPE, Amendment
from civic.amendments.supports import follow_amendment
from civic.audit.services import record
from civic.core import permissions
from civic.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from civic.core.models import utcnow
from civic.extensions import db
from civic.follows import services as follows
from civic.masterplan import revisions
from civic.masterplan.queries import campaign_closed_reason
from civic.masterplan.services import edit_section_text
from civic.moderation.services import initial_moderation, open_pending_case
from civic.notifications.kinds import site_path
from civic.notifications.services import notify_all
from civic.proposals.checks import require_confirmed, require_unblocked

TITLE_MAX = 150
BODY_MAX = 50_000
JUSTIFICATION_MAX = 20_000


def normalize_text(text: str | None) -> str:
    """Line endings as the database keeps them (browsers send CR LF)."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def base_text(amendment: Amendment) -> str:
    """The section's body in the revision the amendment was written against."""
    try:
        return revisions.section_text(amendment.base_revision, amendment.section_id).body
    except NotFound:
        return ""


# --- proposing and withdrawing --------------------------------------------------------

def _check_organization(author, organization) -> None:
    if organization is not None and not permissions.can_act_for_organization(author,
                                                                              organization):
        raise PermissionDenied(_("You can only publish on behalf of an organization you "
                                 "belong to."))


def _check_fields(section, data: dict) -> tuple[str, str, str]:
    title = (data.get("title") or "").strip()
    if not title or len(title) > TITLE_MAX:
        raise DomainError(_("Give your amendment a title of at most 150 characters."),
                          field="title")
    body = normalize_text(data.get("proposed_body"))
    if not body:
        raise DomainError(_("Write the new text you propose for this section."),
                          field="proposed_body")
    if len(body) > BODY_MAX:
        raise DomainError(_("The proposed text is too long (at most %(n)s characters).",
                            n=BODY_MAX), field="proposed_body")
    if body == normalize_text(section.body):
        raise DomainError(_("The proposed text is identical to the current text of the "
                            "section. Change the text where you want the plan to change."),
                          field="proposed_body")
    justification = normalize_text(data.get("justification"))
    if not justification:
        raise DomainError(_("Explain why the plan should change: the justification is "
                            "required."), field="justification")
    if len(justification) > JUSTIFICATION_MAX:
        raise DomainError(_("The justification is too long (at most %(n)s characters).",
                            n=JUSTIFICATION_MAX), field="justification")
    return title, body, justification


def current_base(section):
    """The published revision an amendment of `section` is written against; refuses
    when there is none yet, or when the section is not part of it."""
    revision = revisions.current_revision()
    if revision is None:
        raise DomainError(_("The master plan has no published version yet: amendments "
                            "open once the first version is published."))
    try:
        revisions.section_text(revision, section.id)
    except NotFound:
        raise DomainError(_("This section is not part of the published master plan yet: "
                            "amendments open once it is published.")) from None
    return revision


def propose_amendment(author, section, data: dict) -> Amendment:
    """Save an amendment against the current published text of `section`; its author
    follows it. Under pre-moderation it waits for the moderators' approval ("pending"),
    seen by its author and the moderators only."""
    require_unblocked(author)
    require_confirmed(author)
    reason = campaign_closed_reason(section)
    if reason:
        raise DomainError(reason)
    base = current_base(section)
    title, body, justification = _check_fields(section, data)
    organization = data.get("organization")
    _check_organization(author, organization)
    amendment = Amendment(section_id=section.id, base_revision_id=base.id, title=title,
                          proposed_body=body, justification=justification,
                          author_id=author.id,
                          organization_id=organization.id if organization else None,
                          status="pending", answer="", supports_count=0, comments_count=0,
                          followers_count=0, moderation=initial_moderation(author))
    db.session.add(amendment)
    db.session.flush()
    follow_amendment(author, amendment)
    if amendment.moderation == "pending":
        open_pending_case("amendment", amendment, author.id)  # tells the moderators too
    return amendment


def withdraw_amendment(author, amendment: Amendment) -> Amendment:
    if not permissions.can_withdraw_amendment(author, amendment):
        raise PermissionDenied(_("Only the author can withdraw an amendment, and only "
                                 "before the staff decide on it."))
    _claim(amendment, "withdrawn")
    amendment.decided_at = utcnow()
    db.session.flush()
    return amendment


# --- the staff's decision -------------------------------------------------------------

def _not_pending_message(amendment: Amendment) -> str:
    if amendment.status == "accepted":
        return _("This amendment was already accepted: nothing was changed.")
    if amendment.status == "rejected":
        return _("This amendment was already rejected: nothing was changed.")
    return _("This amendment was withdrawn by its author: it can no longer be decided on.")


def _claim(amendment: Amendment, status: str) -> None:
    """Move a pending amendment to `status`, once: a concurrent decision (or withdrawal)
    that got there first makes this one a Conflict, and nothing changes."""
    if amendment.status != "pending":
        raise Conflict(_not_pending_message(amendment))
    result = db.session.execute(
        update(Amendment).where(Amendment.id == amendment.id, Amendment.status == "pending")
        .values(status=status).execution_options(synchronize_session=False))
    if not result.rowcount:
        db.session.refresh(amendment, ["status"])
        raise Conflict(_not_pending_message(amendment))
    attributes.set_committed_value(amendment, "status", status)


def _check_decidable(actor, amendment: Amendment) -> None:
    if not permissions.can_decide_amendment(actor, amendment):
        raise PermissionDenied(_("Only the metropolis' staff accept or reject amendments."))
    if amendment.status != "pending":
        raise Conflict(_not_pending_message(amendment))
    if amendment.moderation != "visible":
        raise DomainError(_("This amendment is not public (it awaits the moderators' "
                            "approval or was hidden): it cannot be decided on."))


@dataclass
class Acceptance:
    amendment: Amendment
    draft: object  # the PlanRevision draft the text went into
    replaced_draft_change: bool  # the draft had already changed this section's text


def accept_amendment(actor, amendment: Amendment, answer: str = "") -> Acceptance:
    """Put the amendment's text into the draft of the next version (cited as its
    source), once. The draft's text of the section is replaced even when someone had
    changed it since the amendment's base: the caller says so (the draft diff shows it)."""
    _check_decidable(actor, amendment)
    _claim(amendment, "accepted")
    draft = revisions.start_draft(actor)
    try:
        text = revisions.section_text(draft, amendment.section_id)
    except NotFound:
        raise Conflict(_("This section is no longer part of the draft of the next version: "
                         "put it back before accepting the amendment.")) from None
    replaced = normalize_text(text.body) not in (normalize_text(base_text(amendment)),
                                                 amendment.proposed_body)
    # The plan's own edit: bumps the section text's version (a concurrent save of the
    # same section is a Conflict) and signs the change.
    edit_section_text(actor, draft, amendment.section_id, {"body": amendment.proposed_body},
                      expected_version=None)
    now = utcnow()
    revisions.cite_source(actor, draft, amendment.section_id, "amendment", amendment.id,
                          note=amendment.title)
    amendment.accepted_into_id = draft.id
    _decide(actor, amendment, answer, now)
    record(actor, "amendment.accept", amendment, reason=amendment.answer,
           before={"status": "pending"},
           after={"status": "accepted", "revision_id": draft.id,
                  "section_id": amendment.section_id, "replaced_draft_change": replaced})
    _notify(actor, amendment, "amendment.accepted")
    return Acceptance(amendment, draft, replaced)


def reject_amendment(actor, amendment: Amendment, answer: str) -> Amendment:
    """Refuse the amendment with a public answer, once."""
    _check_decidable(actor, amendment)
    answer = normalize_text(answer)
    if not answer:
        raise DomainError(_("Explain publicly why the amendment is rejected: the answer "
                            "is required."), field="answer")
    _claim(amendment, "rejected")
    _decide(actor, amendment, answer, utcnow())
    record(actor, "amendment.reject", amendment, reason=answer,
           before={"status": "pending"}, after={"status": "rejected"})
    _notify(actor, amendment, "amendment.rejected")
    return amendment


def _decide(actor, amendment: Amendment, answer: str, when) -> None:
    amendment.answer = normalize_text(answer)
    amendment.decided_by_id = actor.id
    amendment.decided_at = when
    db.session.flush()


def _notify(actor, amendment: Amendment, kind: str) -> int:
    """The author (even if they stopped following) and the followers."""
    people = {user.id: user for user in follows.followers(FOLLOW_TYPE, amendment.id)}
    author = amendment.author
    if author is not None and not author.is_deleted:
        people.setdefault(author.id, author)
    path = site_path("amendments.detail", amendment_id=amendment.id)
    return notify_all(sorted(people.values(), key=lambda user: user.id), kind, amendment,
                      actor, data={"title": amendment.title, "path": path,
                                   "answer": amendment.answer})


def release_from_draft(actor, draft) -> int:
    """The draft is being thrown away: the amendments accepted into it wait for a
    decision again (their text is no longer on its way into the plan). Call it before
    deleting the draft; returns how many amendments were reopened."""
    reopened = list(db.session.scalars(
        select(Amendment).where(Amendment.accepted_into_id == draft.id,
                                Amendment.status == "accepted")))
    for amendment in reopened:
        amendment.status = "pending"
        amendment.accepted_into_id = None
        amendment.decided_by_id = None
        amendment.decided_at = None
        record(actor, "amendment.reopen", amendment, reason=_("The draft was discarded."),
               before={"status": "accepted", "revision_id": draft.id},
               after={"status": "pending"})
    db.session.flush()
    return len(reopened)
