"""Reporting content, and hiding it automatically once enough people reported it."""
from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from civic.audit.services import record
from civic.core import permissions
from civic.core.errors import Conflict, DomainError, PermissionDenied
from civic.core.i18n import in_site_language
from civic.core.models import utcnow
from civic.extensions import db
from civic.moderation import services
from civic.moderation.models import REPORT_REASONS, ModerationCase, Report

DETAILS_MAX_LENGTH = 1000
REASON_LABELS = {
    "spam": _l("Spam or advertising"),
    "offensive": _l("Insulting, hateful or harassing"),
    "off_topic": _l("Off topic"),
    "personal_data": _l("Reveals someone's personal data"),
    "illegal": _l("Illegal content"),
    "other": _l("Something else"),
}
# Shown publicly in place of an item hidden by the threshold, until a moderator decides.
AUTO_HIDE_REASON = _l("reported by several participants; a moderator will review it")
# A moderator's decision is final for the reports before it: later reports reopen the case
# but never hide the item again on their own.
DECIDED_STATUSES = ("dismissed", "restored", "approved", "withdrawn")


def has_reported(user, case: ModerationCase | None) -> bool:
    if case is None or not permissions.is_signed_in(user):
        return False
    return db.session.scalar(select(Report.id).where(
        Report.case_id == case.id, Report.reporter_id == user.id)) is not None


def check_can_report(reporter, content_type, item) -> None:
    """PermissionDenied with a clear message when `reporter` may not report `item`."""
    if permissions.is_blocked(reporter):
        raise PermissionDenied(_("Your account is blocked: you cannot report content until "
                                 "the block ends."))
    if not permissions.can_report(reporter, item, content_type.author_id(item)):
        raise PermissionDenied(_("You cannot report your own content. You can edit or "
                                 "delete it instead."))


def report_content(reporter, target_type: str, target_id: int, reason: str,
                   details: str = "") -> Report:
    """`reporter` reports the item once; past REPORTS_TO_HIDE distinct reports it is
    hidden until a moderator decides. Moderators hear of the first report in-app, and of
    the automatic hiding in-app and by e-mail."""
    content_type, item = services.load_target(target_type, target_id)
    check_can_report(reporter, content_type, item)
    if reason not in REPORT_REASONS:
        raise DomainError(_("Choose why you report this content."), field="reason")
    details = (details or "").strip()
    if len(details) > DETAILS_MAX_LENGTH:
        raise DomainError(_("Keep the details under %(max)d characters.",
                            max=DETAILS_MAX_LENGTH), field="details")
    case = services.find_or_create_case(target_type, item.id, content_type.author_id(item))
    if has_reported(reporter, case):
        raise Conflict(_("You have already reported this content. The moderators will "
                         "review it; there is no need to report it again."))
    report = Report(case_id=case.id, reporter_id=reporter.id, reason=reason, details=details)
    try:
        with db.session.begin_nested():
            db.session.add(report)
    except IntegrityError:  # the same person, twice at the same moment
        raise Conflict(_("You have already reported this content. The moderators will "
                         "review it; there is no need to report it again.")) from None
    reopened = case.status in DECIDED_STATUSES
    case.reports_count = ModerationCase.reports_count + 1  # atomic, exact under concurrency
    case.last_reported_at = utcnow()
    if reopened:
        case.status = "reported"
    db.session.flush()
    db.session.refresh(case, ["reports_count"])
    label = content_type.label(item)
    data = {"title": label, "path": services.queue_path(case),
            "reports_count": case.reports_count}
    if _reached_threshold(case, item, reopened):
        _auto_hide(content_type, item, case, label)
        services.notify_moderators("moderation.report", item, data, force_email=True)
    elif case.reports_count == 1 or reopened:
        services.notify_moderators("moderation.report", item, data)
    return report


def _reached_threshold(case: ModerationCase, item, reopened: bool) -> bool:
    threshold = current_app.config.get("REPORTS_TO_HIDE", 3)
    return (threshold > 0 and case.reports_count >= threshold and not reopened
            and case.status == "reported" and case.decided_at is None
            and item.moderation == "visible")


def _auto_hide(content_type, item, case: ModerationCase, label: str) -> None:
    """Hide the item pending a moderator's decision (the case stays in the queue)."""
    reason = in_site_language(AUTO_HIDE_REASON)  # stored and shown publicly
    services.set_visibility(content_type, item, "hidden", reason)
    record(None, "moderation.auto_hide", item, target_label=f"{content_type.name}: {label}",
           reason=reason, before={"moderation": "visible", "case": case.id},
           after={"moderation": "hidden", "case": case.id, "reports": case.reports_count})
    author = services.author_of(content_type, item)
    services.notify_author(author, "moderation.hidden", item, None,
                           {"title": label, "path": content_type.url(item), "reason": reason})


def reports_by_reason(case_ids) -> dict[int, list[dict]]:
    """For each case: [{reason, label, count, details: [...]}], most frequent first
    (one query whatever the number of cases)."""
    grouped: dict[int, dict[str, dict]] = {}
    if not case_ids:
        return {}
    rows = db.session.execute(
        select(Report.case_id, Report.reason, Report.details)
        .where(Report.case_id.in_(list(case_ids))).order_by(Report.created_at, Report.id))
    for case_id, reason, details in rows:
        group = grouped.setdefault(case_id, {}).setdefault(
            reason, {"reason": reason, "label": REASON_LABELS.get(reason, reason),
                     "count": 0, "details": []})
        group["count"] += 1
        if details:
            group["details"].append(details)
    return {case_id: sorted(groups.values(), key=lambda g: -g["count"])
            for case_id, groups in grouped.items()}
