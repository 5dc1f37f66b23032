"""Provenance: which contributions shaped each section, and where each contribution landed.

A draft of the master plan cites its sources (RevisionSource rows: a proposal, an
amendment or an experiment for the change of one section). At publication the cited
proposals become "integrated" and the followers of every cited item hear of it; the
section pages list "what shaped this section" and each item says where it landed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, select
from werkzeug.routing import BuildError

from civic.core import content
from civic.experiments.forms import OUTCOME_LABELS
from civic.extensions import db
from civic.masterplan.models import PlanRevision, RevisionSection, RevisionSource

KIND_LABELS = {"proposal": _l("Proposal"), "amendment": _l("Amendment"),
               "experiment": _l("Experiment")}
INTEGRABLE_STATUSES = ("accepted", "experimenting")  # a cited proposal in one of these
CITABLE_PROPOSAL_STATUSES = ("accepted", "experimenting", "integrated")


def _models() -> dict[str, type]:
    """The model of each kind of source (also before the kind's content type exists)."""
    from civic.amendments.models import Amendment
    from civic.experiments.models import Experiment
    from civic.proposals.models import Proposal

    return {"proposal": Proposal, "amendment": Amendment, "experiment": Experiment}


def _follow_types() -> dict[str, str]:
    from civic.amendments.models import FOLLOW_TYPE as AMENDMENT
    from civic.experiments.models import FOLLOW_TYPE as EXPERIMENT
    from civic.proposals.models import FOLLOW_TYPE as PROPOSAL

    return {"proposal": PROPOSAL, "amendment": AMENDMENT, "experiment": EXPERIMENT}


def load_items(pairs) -> dict[tuple[str, int], object]:
    """The cited items, one query per kind (content.load_many, and the models directly
    for a kind whose content type is not registered)."""
    pairs = set(pairs)
    found = content.load_many(pairs)
    missing: dict[str, set[int]] = {}
    for kind, item_id in pairs:
        if (kind, item_id) not in found and content.get(kind) is None:
            missing.setdefault(kind, set()).add(item_id)
    for kind, ids in missing.items():
        model = _models().get(kind)
        if model is not None:
            for obj in db.session.scalars(select(model).where(model.id.in_(ids))):
                found[(kind, obj.id)] = obj
    return found


def item_url(kind: str, item) -> str | None:
    """The public page of a cited item (None while its kind has no page)."""
    content_type = content.get(kind)
    if content_type is not None:
        try:
            return content_type.url(item)
        except BuildError:
            return None
    if kind == "proposal":
        return _site_path("proposals.detail", proposal_id=item.id)
    return None


def _site_path(endpoint: str, **values) -> str:
    return current_app.url_map.bind("localhost").build(endpoint, values)


def diff_path(number: int, section_id: int | None = None) -> str:
    """Where to see what version `number` changed: its diff with the version before (for
    v1, the section's page)."""
    if number <= 1:
        if section_id is not None:
            return _site_path("masterplan.section", section_id=section_id)
        return _site_path("masterplan.index")
    try:
        path = _site_path("masterplan.diff", **{"from": number - 1, "to": number})
    except BuildError:  # before the diff page exists
        path = f"/plan/diff?from={number - 1}&to={number}"
    # The diff page titles each changed section "diff-<id>-title" (masterplan/_macros.html).
    return f"{path}#diff-{section_id}-title" if section_id is not None else path


def is_public(item) -> bool:
    return getattr(item, "moderation", "visible") == "visible"


# --- publication ------------------------------------------------------------------------

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>#])")


def _md_escape(text: str) -> str:
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


def after_publish(actor, revision) -> None:
    """Called by the publication of `revision` (in its transaction), once it has its
    number: integrates the cited proposals, tells the followers of every cited item."""
    from civic.follows.services import followers
    from civic.notifications.services import notify_all
    from civic.proposals.review import change_status

    sources = list(db.session.scalars(
        select(RevisionSource).where(RevisionSource.revision_id == revision.id)
        .order_by(RevisionSource.id)))
    if not sources:
        return
    titles = dict(db.session.execute(
        select(RevisionSection.section_id, RevisionSection.title)
        .where(RevisionSection.revision_id == revision.id)).all())
    # One item may be cited for several sections: it is handled once, naming them all.
    cited: dict[tuple[str, int], list[int]] = {}
    for source in sources:
        cited.setdefault((source.source_type, source.source_id), []).append(source.section_id)
    items = load_items(cited)
    follow_types = _follow_types()
    for (kind, item_id), section_ids in cited.items():
        item = items.get((kind, item_id))
        if item is None:
            continue
        section = ", ".join(titles.get(section_id, "") for section_id in section_ids)
        path = diff_path(revision.number, section_ids[0])
        if kind == "proposal":
            if item.status in INTEGRABLE_STATUSES:
                with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
                    link = f"[{_('see the change')}]({path})"
                    answer = _("Integrated in the master plan v%(number)s, section "
                               "%(section)s: %(link)s", number=revision.number,
                               section=_md_escape(section), link=link)
                change_status(actor, item, "integrated", answer=answer)
            continue
        if not is_public(item):
            continue
        notify_all(followers(follow_types[kind], item.id), "masterplan.integrated", item,
                   actor, data={"title": item.title, "path": path, "number": revision.number,
                                "section": section})


# --- what shaped a section, where an item landed ------------------------------------------

@dataclass
class CitedItem:
    """One contribution a published version cites for a section."""

    revision_number: int
    published_at: datetime | None
    kind: str
    kind_label: str
    label: str
    url: str | None
    reference: str = ""
    note: str = ""
    outcome: str | None = None  # experiments: the evaluation's outcome, when evaluated
    outcome_label: str | None = None
    diff_path: str = ""

    @property
    def published_on(self) -> str:
        """The publication date in the reader's language ("12 March 2027")."""
        return format_date(self.published_at, "long") if self.published_at else ""


def _outcomes(experiment_ids) -> dict[int, str]:
    if not experiment_ids:
        return {}
    from civic.experiments.models import Evaluation

    return dict(db.session.execute(
        select(Evaluation.experiment_id, Evaluation.outcome)
        .where(Evaluation.experiment_id.in_(experiment_ids))).all())


def sources_of_section(section_id: int, limit: int | None = None) -> list[CitedItem]:
    """The public items the published versions cite for the section, newest first (a
    constant number of queries: the citations, one per kind, the outcomes)."""
    query = (select(RevisionSource, PlanRevision.number, PlanRevision.published_at)
             .join(PlanRevision, PlanRevision.id == RevisionSource.revision_id)
             .where(RevisionSource.section_id == section_id,
                    PlanRevision.status == "published")
             .order_by(PlanRevision.number.desc(), RevisionSource.id.desc()))
    rows = db.session.execute(query).all()  # a section cites a handful of items
    items = load_items((source.source_type, source.source_id) for source, _n, _d in rows)
    outcomes = _outcomes([item_id for kind, item_id in items if kind == "experiment"])
    cited = []
    for source, number, published_at in rows:
        item = items.get((source.source_type, source.source_id))
        if item is None or not is_public(item):
            continue
        outcome = outcomes.get(item.id) if source.source_type == "experiment" else None
        cited.append(CitedItem(
            revision_number=number, published_at=published_at, kind=source.source_type,
            kind_label=str(KIND_LABELS[source.source_type]), label=item.title,
            url=item_url(source.source_type, item),
            reference=getattr(item, "reference", None) or "", note=source.note or "",
            outcome=outcome,
            outcome_label=str(OUTCOME_LABELS.get(outcome, outcome)) if outcome else None,
            diff_path=diff_path(number, section_id)))
        if limit and len(cited) >= limit:
            break
    return cited


@dataclass
class Landing:
    """A published version that integrated an item, in one section."""

    number: int
    section_title: str
    section_id: int
    path: str


def landed(source_type: str, source_id: int) -> list[Landing]:
    """Where the item landed: the published versions citing it, oldest first (one query)."""
    rows = db.session.execute(
        select(PlanRevision.number, RevisionSource.section_id, RevisionSection.title)
        .join(PlanRevision, PlanRevision.id == RevisionSource.revision_id)
        .outerjoin(RevisionSection, and_(
            RevisionSection.revision_id == RevisionSource.revision_id,
            RevisionSection.section_id == RevisionSource.section_id))
        .where(RevisionSource.source_type == source_type,
               RevisionSource.source_id == source_id,
               PlanRevision.status == "published")
        .order_by(PlanRevision.number, RevisionSource.id)).all()
    return [Landing(number=number, section_title=title or "", section_id=section_id,
                    path=diff_path(number, section_id))
            for number, section_id, title in rows]
