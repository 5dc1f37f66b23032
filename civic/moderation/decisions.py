"""Moderators' decisions: hide, restore, dismiss the reports, approve; one by one or in bulk.

Moderators never edit what people wrote: they only change whether it is shown. Every
decision is in the audit log, with its reason and the visibility before and after.
"""
from __future__ import annotations

from importlib import import_module

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from civic.audit.services import record
from civic.core import content, permissions
from civic.core.errors import DomainError, NotFound, PermissionDenied
from civic.extensions import db
from civic.moderation import services
from civic.moderation.models import ModerationCase

REASON_MAX_LENGTH = 500
ACTION_LABELS = {
    "hide": _l("Hide"),
    "restore": _l("Restore"),
    "dismiss": _l("Dismiss the reports"),
    "approve": _l("Approve"),
}
# After approval, the domain announces the contribution (notifies followers, mentions...).
ANNOUNCE_HOOKS = {
    "comment": ("civic.comments.services", "announce_comment"),
    "proposal": ("civic.proposals.services", "announce_proposal"),
}


def _require_moderator(actor) -> None:
    if not permissions.can_moderate(actor):
        raise PermissionDenied(_("Only moderators can take moderation decisions."))


def _clean_reason(reason: str, required: bool) -> str:
    reason = (reason or "").strip()
    if required and not reason:
        raise DomainError(_("Give the reason: it is shown publicly in place of the content."),
                          field="reason")
    if len(reason) > REASON_MAX_LENGTH:
        raise DomainError(_("Keep the reason under %(max)d characters.",
                            max=REASON_MAX_LENGTH), field="reason")
    return reason


def _target(case: ModerationCase, required: bool = True):
    """(content_type, item) of the case; item is None when it no longer exists or its
    author deleted it (a deleted comment is never shown, approved or hidden again)."""
    content_type = content.get(case.target_type)
    item = content.load(case.target_type, case.target_id) if content_type else None
    if item is not None and getattr(item, "deleted_at", None) is not None:
        item = None
    if item is None and required:
        raise DomainError(_("This content no longer exists: you can only dismiss the "
                            "reports."))
    return content_type, item


def _audit(actor, action: str, case, content_type, item, reason: str, before: str,
           after: str) -> None:
    label = content_type.label(item) if item is not None else f"#{case.target_id}"
    record(actor, action, item if item is not None else case,
           target_label=f"{case.target_type}: {label}", reason=reason,
           before={"moderation": before, "case": case.id},
           after={"moderation": after, "case": case.id})


def _tell_author(kind: str, content_type, item, actor, reason: str) -> None:
    author = services.author_of(content_type, item)
    services.notify_author(author, kind, item, actor, {
        "title": content_type.label(item), "path": content_type.url(item), "reason": reason})


def _make_visible(actor, case: ModerationCase, reason: str, *, was: str, status: str,
                  action: str, refusal: str):
    """Show again the case's item, which must be `was` ("hidden" or "pending"): decide the
    case with `status` and audit it as `action`. Returns (content_type, item, reason)."""
    _require_moderator(actor)
    reason = _clean_reason(reason, required=False)
    content_type, item = _target(case)
    if item.moderation != was:
        raise DomainError(refusal)
    services.set_visibility(content_type, item, "visible")
    services.decide_case(case, actor, status, reason)
    _audit(actor, action, case, content_type, item, reason, was, "visible")
    return content_type, item, reason


# --- one case ------------------------------------------------------------------------

def hide_case(actor, case: ModerationCase, reason: str) -> ModerationCase:
    """Hide the item with a public reason (also: reject a pre-moderated contribution)."""
    _require_moderator(actor)
    reason = _clean_reason(reason, required=True)
    content_type, item = _target(case)
    if case.status == "hidden" and item.moderation == "hidden":
        raise DomainError(_("This content is already hidden."))
    before = item.moderation
    services.set_visibility(content_type, item, "hidden", reason)
    services.decide_case(case, actor, "hidden", reason)
    _audit(actor, "moderation.hide", case, content_type, item, reason, before, "hidden")
    _tell_author("moderation.hidden", content_type, item, actor, reason)
    db.session.flush()
    return case


def hide_item(actor, target_type: str, target_id: int, reason: str) -> ModerationCase:
    """Hide from the item's public page: the case is created if nobody reported it."""
    _require_moderator(actor)
    content_type, item = services.load_target(target_type, target_id)
    case = services.find_or_create_case(target_type, item.id, content_type.author_id(item),
                                        status="hidden")
    return hide_case(actor, case, reason)


def restore_case(actor, case: ModerationCase, reason: str = "") -> ModerationCase:
    """Make a hidden item visible again."""
    content_type, item, reason = _make_visible(
        actor, case, reason, was="hidden", status="restored", action="moderation.restore",
        refusal=_("This content is not hidden: there is nothing to restore."))
    _tell_author("moderation.restored", content_type, item, actor, reason)
    db.session.flush()
    return case


def dismiss_case(actor, case: ModerationCase, reason: str = "") -> ModerationCase:
    """The reports are unfounded: the item stays (or becomes again) visible."""
    _require_moderator(actor)
    reason = _clean_reason(reason, required=False)
    if case.status != "reported":
        raise DomainError(_("There are no open reports to dismiss on this content."))
    content_type, item = _target(case, required=False)
    before = item.moderation if item is not None else "deleted"
    after = before
    if item is not None and item.moderation == "hidden":
        services.set_visibility(content_type, item, "visible")
        after = "visible"
        _tell_author("moderation.restored", content_type, item, actor, reason)
    services.decide_case(case, actor, "dismissed", reason)
    _audit(actor, "moderation.dismiss", case, content_type, item, reason, before, after)
    db.session.flush()
    return case


def approve_case(actor, case: ModerationCase, reason: str = "") -> ModerationCase:
    """Publish a pre-moderated contribution, then let its domain announce it (once: a
    second approval is refused, the item being no longer pending)."""
    _require_moderator(actor)
    if case.status == "withdrawn":
        raise DomainError(_("Its author deleted or withdrew this contribution: there is "
                            "nothing to approve."))
    _content_type, item, _reason = _make_visible(
        actor, case, reason, was="pending", status="approved", action="moderation.approve",
        refusal=_("This content is not awaiting approval."))
    db.session.flush()
    _announce(case.target_type, item)
    return case


def _announce(target_type: str, item) -> None:
    """Call the kind's hook, if it declares one. A declared hook that does not exist is a
    bug and fails loudly (it used to be skipped in silence)."""
    module_name, function_name = ANNOUNCE_HOOKS.get(target_type, (None, None))
    if module_name is None:
        return
    getattr(import_module(module_name), function_name)(item)


ACTIONS = {
    "hide": hide_case,
    "restore": restore_case,
    "dismiss": dismiss_case,
    "approve": approve_case,
}


def decide(actor, case: ModerationCase, action: str, reason: str = "") -> ModerationCase:
    if action not in ACTIONS:
        raise DomainError(_("Choose an action."), field="action")
    return ACTIONS[action](actor, case, reason)


# --- several cases -------------------------------------------------------------------

def bulk_decide(actor, case_ids, action: str, reason: str = "") -> int:
    """The same decision on several cases, all or nothing: the first refusal raises and
    the caller rolls everything back. Returns the number of cases decided."""
    _require_moderator(actor)
    if action not in ACTIONS:
        raise DomainError(_("Choose an action."), field="action")
    ids = sorted({int(case_id) for case_id in case_ids or ()})
    if not ids:
        raise DomainError(_("Select at least one case."), field="case_ids")
    cases = list(db.session.scalars(
        select(ModerationCase).where(ModerationCase.id.in_(ids)).order_by(ModerationCase.id)))
    if len(cases) != len(ids):
        raise NotFound(_("Some of the selected cases no longer exist. Reload the queue."))
    for case in cases:
        try:
            ACTIONS[action](actor, case, reason)
        except DomainError as error:
            if isinstance(error, (PermissionDenied, NotFound)):
                raise
            raise DomainError(_("Nothing was changed: case #%(id)d: %(problem)s",
                                id=case.id, problem=error.message),
                              field=error.field) from None
    return len(cases)
