"""Organization pages: list, public page, create, edit, verify.

Membership routes (invitations, join requests, roles) are in `membership_views.py`, on the
same blueprint.
"""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from civic.core import permissions
from civic.core.actions import run_action
from civic.core.errors import DomainError
from civic.core.forms import show_domain_error
from civic.core.pagination import page_argument
from civic.core.permissions import login_required, public, require_role
from civic.extensions import db
from civic.organizations import membership, queries, services
from civic.organizations.forms import EditOrganizationForm, OrganizationForm, UnverifyForm
from civic.organizations.models import ORGANIZATION_KINDS
from civic.uploads.services import human_size

bp = Blueprint("organizations", __name__, url_prefix="/organizations")


def _logo_size() -> str:
    return human_size(current_app.config["LOGO_MAX_BYTES"])




@bp.get("/")
@public
def index():
    kind = request.args.get("kind") or None
    if kind not in ORGANIZATION_KINDS:
        kind = None
    verified_only = request.args.get("verified") == "1"
    page = queries.list_organizations(kind=kind, verified_only=verified_only,
                                      page=page_argument())
    return render_template("organizations/index.html", page=page, kind=kind,
                           verified_only=verified_only, kinds=ORGANIZATION_KINDS)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    form = OrganizationForm()
    if form.validate_on_submit():
        try:
            org = services.create_organization(
                current_user, name=form.name.data, kind=form.kind.data,
                description=form.description.data, website=form.website.data,
                logo_file=form.logo_file.data or None)
        except DomainError as error:
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("%(org)s is created. Invite the other members from its page.",
                    org=org.name), "success")
            return redirect(url_for(".detail", slug=org.slug))
    return render_template("organizations/new.html", form=form, logo_max_size=_logo_size())


@bp.get("/<slug>")
@public
def detail(slug):
    org = queries.get_organization(slug)
    join_request = pending_count = None
    if current_user.is_authenticated:
        if permissions.can_request_to_join(current_user, org):
            join_request = membership.find_join_request(org, current_user)
        if permissions.can_manage_organization(current_user, org):
            pending_count = membership.count_pending_join_requests(org)
    return render_template("organizations/detail.html", org=org,
                           activity=queries.organization_activity(org),
                           join_request=join_request, pending_count=pending_count,
                           unverify_form=UnverifyForm())


@bp.route("/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit(slug):
    org = queries.get_organization(slug)
    if not permissions.can_manage_organization(current_user, org):
        abort(403)
    form = EditOrganizationForm(obj=org)
    if form.validate_on_submit():
        try:
            services.update_organization(
                current_user, org, name=form.name.data, kind=form.kind.data,
                description=form.description.data, website=form.website.data,
                logo_file=form.logo_file.data or None, remove_logo=form.remove_logo.data)
        except DomainError as error:
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("The changes are saved."), "success")
            return redirect(url_for(".detail", slug=org.slug))
    return render_template("organizations/edit.html", form=form, org=org,
                           logo_max_size=_logo_size())


@bp.post("/<slug>/verify")
@require_role("staff")
def verify(slug):
    org = queries.get_organization(slug)
    return run_action(lambda: services.verify_organization(current_user, org),
                      _("%(org)s is now verified.", org=org.name),
                      url_for(".detail", slug=org.slug))


@bp.post("/<slug>/unverify")
@require_role("staff")
def unverify(slug):
    org = queries.get_organization(slug)
    form = UnverifyForm()
    if not form.validate_on_submit():
        flash(_("The reason is too long."), "error")
        return redirect(url_for(".detail", slug=org.slug))
    return run_action(
        lambda: services.unverify_organization(current_user, org, reason=form.reason.data or ""),
        _("%(org)s is no longer verified.", org=org.name), url_for(".detail", slug=org.slug))


from civic.organizations import membership_views  # noqa: E402,F401  (routes on `bp`)
