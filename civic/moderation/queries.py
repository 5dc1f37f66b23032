"""What moderators read: the queue of cases with each item's context, in a constant
number of queries whatever the size of the page."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from civic.core import content
from civic.core.pagination import Page
from civic.core.sanitize import plain_text
from civic.extensions import db
from civic.moderation.models import OPEN_CASE_STATUSES, ModerationCase
from civic.moderation.reports import reports_by_reason

PAGE_SIZE = 20
TABS = {
    "open": (_l("To decide"), OPEN_CASE_STATUSES),
    "reported": (_l("Reported"), ("reported",)),
    "pending": (_l("Awaiting approval"), ("pending",)),
    "hidden": (_l("Hidden"), ("hidden",)),
    "decided": (_l("Decided"), ("dismissed", "restored", "approved", "withdrawn")),
    "all": (_l("All"), None),
}
SORTS = {
    "reports": _l("Most reported first"),
    "oldest": _l("Oldest first"),
    "newest": _l("Newest first"),
}
STATUS_LABELS = {
    "reported": _l("Reported, awaiting a decision"),
    "pending": _l("Awaiting approval"),
    "hidden": _l("Hidden by the moderators"),
    "dismissed": _l("Reports dismissed"),
    "restored": _l("Restored"),
    "approved": _l("Approved"),
    "withdrawn": _l("Closed: deleted or withdrawn by its author"),
}
VISIBILITY_LABELS = {
    "visible": _l("Visible"),
    "hidden": _l("Hidden"),
    "pending": _l("Not published yet (awaiting approval)"),
}
KIND_LABELS = {
    "proposal": _l("Proposal"),
    "comment": _l("Comment"),
    "profile": _l("Profile"),
    "experiment": _l("Experiment"),
    "amendment": _l("Amendment"),
}


@dataclass
class CaseView:
    """A case and everything the queue shows about its item."""

    case: ModerationCase
    item: Any = None
    kind_label: str = ""
    label: str = ""
    excerpt: str = ""
    url: str | None = None
    author: Any = None
    reports: list[dict] = field(default_factory=list)

    @property
    def visibility(self) -> str:
        if self.item is None:
            return "deleted"
        return getattr(self.item, "moderation", "visible")


def open_cases_count() -> int:
    return db.session.scalar(select(func.count(ModerationCase.id)).where(
        ModerationCase.status.in_(OPEN_CASE_STATUSES))) or 0


def queue(tab: str = "open", sort: str = "reports", page: int = 1,
          per_page: int = PAGE_SIZE) -> Page:
    statuses = TABS.get(tab, TABS["open"])[1]
    where = [ModerationCase.status.in_(statuses)] if statuses else []
    total = db.session.scalar(select(func.count(ModerationCase.id)).where(*where)) or 0
    order = {
        "oldest": (ModerationCase.created_at.asc(), ModerationCase.id.asc()),
        "newest": (ModerationCase.created_at.desc(), ModerationCase.id.desc()),
    }.get(sort, (ModerationCase.reports_count.desc(), ModerationCase.created_at.asc(),
                 ModerationCase.id.asc()))
    cases = list(db.session.scalars(select(ModerationCase).where(*where).order_by(*order)
                                    .limit(per_page).offset((page - 1) * per_page)))
    return Page(items=case_views(cases), page=page, per_page=per_page, total=total)


def case_views(cases: list[ModerationCase]) -> list[CaseView]:
    """Items, their authors, the items comments are about (for their links) and the
    reports: one query per kind of content plus three, whatever the number of cases."""
    from civic.accounts.models import User

    items = content.load_many((c.target_type, c.target_id) for c in cases)
    # Comments link to the page of what they comment on: load those in one go too, so
    # the kind's url() finds them in the session instead of querying one by one.
    parents = [(item.target_type, item.target_id) for item in items.values()
               if hasattr(item, "target_type") and hasattr(item, "target_id")]
    # (kept referenced: the session only holds objects weakly)
    loaded_parents = content.load_many(parents) if parents else {}
    author_ids = {c.target_author_id for c in cases if c.target_author_id}
    authors = {u.id: u for u in db.session.scalars(
        select(User).where(User.id.in_(author_ids)))} if author_ids else {}
    reports = reports_by_reason([c.id for c in cases])
    views = []
    for case in cases:
        item = items.get((case.target_type, case.target_id))
        content_type = content.get(case.target_type)
        view = CaseView(case=case, item=item, reports=reports.get(case.id, []),
                        kind_label=str(KIND_LABELS.get(case.target_type, case.target_type)),
                        author=authors.get(case.target_author_id))
        if item is not None and content_type is not None:
            view.label = content_type.label(item)
            view.excerpt = plain_text(content_type.excerpt(item), 300)
            view.url = content_type.url(item)
        views.append(view)
    del loaded_parents
    return views


def case_view(case: ModerationCase) -> CaseView:
    return case_views([case])[0]


def case_history(case: ModerationCase) -> list:
    """The audit entries about this case (automatic hiding and decisions, oldest first)."""
    from civic.audit.models import AuditEntry

    content_type = content.get(case.target_type)
    if content_type is None:
        return []
    entries = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action.like("moderation.%"),
                                 AuditEntry.target_type == content_type.model.__tablename__,
                                 AuditEntry.target_id == case.target_id)
        .order_by(AuditEntry.id))
    return [entry for entry in entries
            if case.id in ((entry.before or {}).get("case"), (entry.after or {}).get("case"))]
