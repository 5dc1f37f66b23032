"""Creating and editing experiments, moving them along, and accepting a proposal for
experimentation.

The journal is in journal.py, the evaluation in evaluation.py, supports and follows in
supports.py.
"""
from __future__ import annotations

import re
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from civic.audit.services import record
from civic.core import permissions
from civic.core.errors import DomainError, PermissionDenied
from civic.core.models import utcnow
from civic.core.places import check_place
from civic.core.routing import as_id, is_digits
from civic.experiments.forms import STATUS_LABELS
from civic.experiments.models import PARTNER_ROLES, Experiment, ExperimentPartner
from civic.experiments.notify import notify_status, path_of
from civic.extensions import db
from civic.proposals.models import Proposal

# Which status may follow which. "evaluated" is reached only by posting the evaluation.
TRANSITIONS = {
    "planned": ("running", "stopped"),
    "running": ("evaluated", "stopped"),
}
LINKABLE_STATUSES = ("accepted", "experimenting")
ACCEPTABLE_STATUSES = ("published", "under_review", "accepted")
REFERENCE_RE = re.compile(r"^[Pp]-\d{4}-\d+$")


def require_manager(actor) -> None:
    if not permissions.can_manage_experiments(actor):
        raise PermissionDenied(_("Only the metropolis' staff run experiments."))


# --- checking what staff typed --------------------------------------------------------

def resolve_proposals(text: str, accepting: Proposal | None = None) -> list[Proposal]:
    """Proposals named by reference ("P-2026-00012") or id, separated by commas or spaces;
    each must exist and be accepted or already experimented (except `accepting`, the
    proposal being accepted for experimentation right now)."""
    tokens = [t for t in re.split(r"[,;\s]+", text or "") if t]
    if not tokens:
        return []

    bad = [t for t in tokens if not (is_digits(t) or REFERENCE_RE.match(t))]
    if bad:
        raise DomainError(_("“%(value)s” is not a proposal reference: write references "
                            "like P-2026-00012, separated by commas.", value=bad[0]),
                          field="proposals")
    references = {t.upper() for t in tokens if not is_digits(t)}
    # An id beyond the database's integers names no proposal (reported as missing below).
    ids = {as_id(t) for t in tokens} - {None}
    found = list(db.session.scalars(select(Proposal).where(
        Proposal.status != "draft",
        (Proposal.reference.in_(references) | Proposal.id.in_(ids)))))
    known = {p.reference for p in found} | {str(p.id) for p in found}
    missing = [t for t in tokens if (t if is_digits(t) else t.upper()) not in known]
    if missing:
        raise DomainError(_("There is no proposal %(value)s. Check the reference on the "
                            "proposal's page.", value=missing[0]), field="proposals")
    for proposal in found:
        if proposal.status not in LINKABLE_STATUSES and proposal is not accepting:
            raise DomainError(_("The proposal %(ref)s is not accepted: only accepted "
                                "proposals are experimented. Accept it first from its page.",
                                ref=proposal.reference or proposal.id), field="proposals")
    return sorted({p.id: p for p in found}.values(), key=lambda p: p.id)


def _check_partners(partners) -> list[tuple]:
    """[(organization, role)] without empty rows; one lead at most, each organization once."""
    rows = [(org, role) for org, role in partners or () if org is not None]
    for _org, role in rows:
        if role not in PARTNER_ROLES:
            raise DomainError(_("Choose the role of each partner: lead or partner."),
                              field="partners")
    if sum(1 for _org, role in rows if role == "lead") > 1:
        raise DomainError(_("Only one partner can lead the experiment: make the others "
                            "partners."), field="partners")
    ids = [org.id for org, _role in rows]
    if len(ids) != len(set(ids)):
        raise DomainError(_("Each organization can be listed once only."), field="partners")
    return rows


def _check_dates(starts_on: date | None, ends_on: date | None) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise DomainError(_("The end date must be on or after the start date."),
                          field="ends_on")


def _set_partners(experiment: Experiment, rows) -> None:
    """Keep the rows of organizations still listed (the database allows each once),
    drop the others, add the new ones."""
    existing = {p.organization_id: p for p in experiment.partners}
    wanted = {org.id for org, _role in rows}
    for partner in list(experiment.partners):
        if partner.organization_id not in wanted:
            experiment.partners.remove(partner)
    for position, (org, role) in enumerate(rows):
        partner = existing.get(org.id)
        if partner is None:
            partner = ExperimentPartner(organization=org)
            experiment.partners.append(partner)
        partner.role, partner.position = role, position
    experiment.partners.sort(key=lambda p: p.position)


def _apply(experiment: Experiment, data: dict, proposals=None) -> None:
    title = (data.get("title") or "").strip()
    if not title or len(title) > 150:
        raise DomainError(_("Give the experiment a title of at most 150 characters."),
                          field="title")
    if data.get("theme") is None:
        raise DomainError(_("Choose a theme of the master plan."), field="theme")
    budget = data.get("budget_euros")
    if budget is not None and budget < 0:
        raise DomainError(_("The budget cannot be negative."), field="budget_euros")
    _check_dates(data.get("starts_on"), data.get("ends_on"))
    check_place(data.get("latitude"), data.get("longitude"))
    rows = _check_partners(data.get("partners"))
    if proposals is None:
        proposals = resolve_proposals(data.get("proposals") or "")
    experiment.title = title
    experiment.description = data.get("description") or ""
    experiment.theme = data["theme"]
    experiment.address = (data.get("address") or "").strip()[:300]
    experiment.latitude, experiment.longitude = data.get("latitude"), data.get("longitude")
    experiment.starts_on, experiment.ends_on = data.get("starts_on"), data.get("ends_on")
    experiment.budget_euros = budget
    _set_partners(experiment, rows)
    experiment.proposals = list(proposals)


# --- creating and editing -------------------------------------------------------------

def _create(actor, data: dict, proposals=None) -> Experiment:
    experiment = Experiment(status="planned", created_by=actor, supports_count=0,
                            comments_count=0, followers_count=0)
    _apply(experiment, data, proposals)
    db.session.add(experiment)
    db.session.flush()
    record(actor, "experiment.create", experiment, target_label=experiment.title,
           after={"status": "planned",
                  "proposals": [p.reference for p in experiment.proposals]})
    return experiment


def create_experiment(actor, data: dict) -> Experiment:
    """A new planned experiment. `data`: title, description, theme (a Section),
    proposals (references or ids, as typed), partners [(Organization, role)], address,
    latitude, longitude, starts_on, ends_on, budget_euros."""
    require_manager(actor)
    return _create(actor, data)


def update_experiment(actor, experiment: Experiment, data: dict) -> Experiment:
    require_manager(actor)
    before = {"title": experiment.title,
              "proposals": [p.reference for p in experiment.proposals]}
    _apply(experiment, data)
    db.session.flush()
    record(actor, "experiment.edit", experiment, target_label=experiment.title,
           before=before, after={"title": experiment.title,
                                 "proposals": [p.reference for p in experiment.proposals]})
    return experiment


# --- status ---------------------------------------------------------------------------

def next_statuses(experiment: Experiment) -> tuple[str, ...]:
    return TRANSITIONS.get(experiment.status, ())


def move(actor, experiment: Experiment, to_status: str, *, reason: str = "") -> Experiment:
    """Check the transition table, change the status, audit it and tell the followers.
    (Callers check who may do it; "evaluated" comes from evaluation.post_evaluation.)"""
    if to_status not in next_statuses(experiment):
        current = STATUS_LABELS.get(experiment.status, experiment.status)
        target = STATUS_LABELS.get(to_status, to_status)
        raise DomainError(_("An experiment cannot go from “%(current)s” to “%(target)s”.",
                            current=current, target=target), field="status")
    before = experiment.status
    now = utcnow()
    experiment.status = to_status
    if to_status == "running":
        experiment.started_at = now
    elif to_status == "evaluated":
        experiment.evaluated_at = now
    elif to_status == "stopped":
        experiment.stopped_at = now
        experiment.stop_reason = reason
    db.session.flush()
    record(actor, "experiment.status", experiment, target_label=experiment.title,
           reason=reason, before={"status": before}, after={"status": to_status})
    notify_status(experiment, actor)
    return experiment


def start_experiment(actor, experiment: Experiment) -> Experiment:
    require_manager(actor)
    return move(actor, experiment, "running")


def stop_experiment(actor, experiment: Experiment, reason: str) -> Experiment:
    require_manager(actor)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say publicly why the experiment is stopped: the reason is "
                            "required."), field="reason")
    return move(actor, experiment, "stopped", reason=reason)


# --- accepting a proposal for experimentation -----------------------------------------

def _answer(experiment: Experiment) -> str:
    title = re.sub(r"([\\\[\]()*_`<>])", r"\\\1", experiment.title)
    return _("This proposal is being experimented: see the experiment [%(title)s](%(path)s).",
             title=title, path=path_of(experiment))


def accept_for_experimentation(actor, proposal: Proposal, data: dict) -> Experiment:
    """Create the experiment of `proposal` (linked to it) and move the proposal to
    "experimenting" (through "accepted" when needed), with a public answer linking to
    the experiment; the proposal's followers are told by the status change."""
    from civic.proposals import review

    if not permissions.can_accept_for_experimentation(actor, proposal):
        if proposal.status not in ACCEPTABLE_STATUSES:
            raise DomainError(_("Only a published, reviewed or accepted proposal can be "
                                "accepted for experimentation."))
        raise PermissionDenied(_("Only the usage lab and the metropolis' staff accept "
                                 "proposals for experimentation."))
    if proposal.moderation != "visible":
        raise DomainError(_("This proposal is hidden or awaits moderation: it cannot be "
                            "experimented."))
    others = resolve_proposals(data.get("proposals") or "", accepting=proposal)
    experiment = _create(actor, data, proposals=[proposal, *(p for p in others
                                                             if p.id != proposal.id)])
    if proposal.status != "accepted":
        review.change_status(actor, proposal, "accepted")
    review.change_status(actor, proposal, "experimenting", answer=_answer(experiment))
    return experiment


def prefill(proposal: Proposal) -> dict:
    """What the "accept for experimentation" form starts with."""
    return {"title": proposal.title, "description": proposal.body, "theme": proposal.theme,
            "address": proposal.address, "latitude": proposal.latitude,
            "longitude": proposal.longitude,
            "partners": [(proposal.organization, "lead")] if proposal.organization else []}
