"""GET /api/v1/organizations[/<id>]: what the organizations' public pages show — never
their members' names or e-mail addresses, only how many they are."""
from __future__ import annotations

from flask import jsonify, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select

from civic.api.params import choice, not_found, page_and_size, page_response
from civic.api.serialize import _iso, absolute
from civic.api.views import bp
from civic.core.pagination import Page
from civic.core.permissions import public
from civic.core.public import public_proposal, visible
from civic.experiments.models import Experiment, ExperimentPartner
from civic.extensions import db
from civic.organizations.models import ORGANIZATION_KINDS, Membership, Organization
from civic.proposals.models import Proposal

KINDS = tuple(ORGANIZATION_KINDS)
BOOLEANS = {"true": True, "1": True, "false": False, "0": False}


def _counts():
    """Correlated counts: members, public proposals, visible experiments."""
    members = (select(func.count(Membership.id))
               .where(Membership.organization_id == Organization.id)
               .correlate(Organization).scalar_subquery())
    proposals = (select(func.count(Proposal.id))
                 .where(Proposal.organization_id == Organization.id, public_proposal())
                 .correlate(Organization).scalar_subquery())
    experiments = (select(func.count(ExperimentPartner.id))
                   .join(Experiment, Experiment.id == ExperimentPartner.experiment_id)
                   .where(ExperimentPartner.organization_id == Organization.id,
                          visible(Experiment))
                   .correlate(Organization).scalar_subquery())
    return members, proposals, experiments


def serialize_organization(row) -> dict:
    org, members, proposals, experiments = row
    return {
        "id": org.id, "slug": org.slug, "name": org.name, "kind": org.kind,
        "description": org.description or "", "website": org.website or None,
        "verified": org.is_verified, "verified_at": _iso(org.verified_at),
        "logo_url": absolute(url_for("uploads.serve", key=org.logo.key)) if org.logo else None,
        "members_count": members or 0, "proposals_count": proposals or 0,
        "experiments_count": experiments or 0, "created_at": _iso(org.created_at),
        "url": absolute(url_for("organizations.detail", slug=org.slug)),
    }


@bp.get("/organizations")
@public
def organizations():
    kind = choice("kind", KINDS)
    verified = choice("verified", tuple(BOOLEANS))
    page, per_page = page_and_size()
    conditions = []
    if kind:
        conditions.append(Organization.kind == kind)
    if verified is not None:
        conditions.append(Organization.verified_at.is_not(None) if BOOLEANS[verified]
                          else Organization.verified_at.is_(None))
    total = db.session.scalar(select(func.count(Organization.id)).where(*conditions)) or 0
    rows = db.session.execute(
        select(Organization, *_counts()).where(*conditions)
        .order_by(func.lower(Organization.name), Organization.id)
        .limit(per_page).offset((page - 1) * per_page)).unique().all()
    return page_response(Page(items=rows, page=page, per_page=per_page, total=total),
                         serialize_organization)


@bp.get("/organizations/<int:organization_id>")
@public
def organization(organization_id: int):
    row = db.session.execute(
        select(Organization, *_counts()).where(Organization.id == organization_id)
    ).unique().first()
    if row is None:
        with force_locale("en"):
            return not_found(_("There is no organization with this id."))
    return jsonify(serialize_organization(row))
