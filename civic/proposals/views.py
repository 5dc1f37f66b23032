"""Proposal pages: detail (and draft preview), new, edit, publish, withdraw, support, follow.

The list, map and API are in views_list.py; the Lab's review routes in views_review.py.
"""
from __future__ import annotations

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from civic.core import permissions
from civic.core.actions import run_action
from civic.core.errors import DomainError
from civic.core.forms import show_domain_error
from civic.core.permissions import login_required, public
from civic.core.redirects import safe_next_url
from civic.extensions import db
from civic.masterplan.models import Section
from civic.organizations.models import Organization
from civic.organizations.services import organizations_user_may_act_for
from civic.proposals import pages, services
from civic.proposals.forms import ProposalForm
from civic.uploads.services import human_size

bp = Blueprint("proposals", __name__, url_prefix="/proposals")



def _prepare(form: ProposalForm) -> ProposalForm:
    form.set_choices(pages.theme_choices(), organizations_user_may_act_for(current_user))
    return form


def _form_data(form: ProposalForm) -> dict:
    org_id = form.organization.data or 0
    return {
        "title": form.title.data, "body": form.body.data, "kind": form.kind.data,
        "theme": db.session.get(Section, form.theme.data) if form.theme.data else None,
        "organization": db.session.get(Organization, org_id) if org_id else None,
        "address": form.address.data, "latitude": form.latitude.data,
        "longitude": form.longitude.data,
    }


def _render_form(form, proposal=None):
    from flask import current_app

    return render_template("proposals/form.html", form=form, proposal=proposal,
                           max_size=human_size(current_app.config["ATTACHMENT_MAX_BYTES"]),
                           max_files=current_app.config["ATTACHMENT_MAX_FILES"])


def wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and request.accept_mimetypes[best] > \
        request.accept_mimetypes["text/html"]


def _back(proposal) -> str:
    return safe_next_url(request.form.get("next"),
                         url_for("proposals.detail", proposal_id=proposal.id))


@bp.get("/<int:proposal_id>")
@public
def detail(proposal_id):
    proposal = pages.load_proposal(proposal_id)
    return render_template("proposals/detail.html", **pages.detail_context(proposal))


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    form = _prepare(ProposalForm())
    if form.validate_on_submit():
        try:
            proposal = services.create_proposal(current_user, _form_data(form),
                                                request.files.getlist("attachments"))
        except DomainError as error:
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Your draft is saved. Check it, look at similar proposals, then "
                    "publish it."), "success")
            return redirect(url_for("proposals.detail", proposal_id=proposal.id))
    return _render_form(form)


@bp.route("/<int:proposal_id>/edit", methods=["GET", "POST"])
@login_required
def edit(proposal_id):
    proposal = pages.load_proposal(proposal_id)
    if not permissions.can_edit_proposal(current_user, proposal):
        flash(_("This proposal can no longer be edited: it has been answered or has "
                "already received supports or comments."), "error")
        return redirect(url_for("proposals.detail", proposal_id=proposal.id))
    form = ProposalForm(obj=proposal) if request.method == "GET" else ProposalForm()
    if request.method == "GET":
        form.theme.data = proposal.theme_id
        form.organization.data = proposal.organization_id or 0
    _prepare(form)
    if form.validate_on_submit():
        try:
            services.update_proposal(current_user, proposal, _form_data(form),
                                     request.files.getlist("attachments"))
        except DomainError as error:
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Your changes are saved."), "success")
            return redirect(url_for("proposals.detail", proposal_id=proposal.id))
    return _render_form(form, proposal)


def _one_click(proposal, action, success: str):
    return run_action(action, success, _back(proposal))


@bp.post("/<int:proposal_id>/publish")
@login_required
def publish(proposal_id):
    proposal = pages.load_proposal(proposal_id)
    return _one_click(proposal, lambda: services.publish_proposal(current_user, proposal),
                      _("Your proposal is published. The usage lab will answer it."))


@bp.post("/<int:proposal_id>/withdraw")
@login_required
def withdraw(proposal_id):
    proposal = pages.load_proposal(proposal_id)
    return _one_click(proposal, lambda: services.withdraw_proposal(current_user, proposal),
                      _("Your proposal is withdrawn. It stays visible as withdrawn."))


@bp.post("/<int:proposal_id>/support")
@login_required
def support(proposal_id):
    proposal = pages.load_proposal(proposal_id)
    # The button says what it does: a double click on "Support" supports once, not twice
    # then back. Without `action`, the click toggles.
    action = request.form.get("action")
    try:
        if action == "support":
            services.support_proposal(current_user, proposal)
            supported = True
        elif action == "unsupport":
            services.unsupport_proposal(current_user, proposal)
            supported = False
        else:
            supported = services.toggle_support(current_user, proposal)
    except DomainError as error:
        db.session.rollback()
        if wants_json():
            return jsonify(error=error.message), error.status_code
        flash(error.message, "error")
        return redirect(_back(proposal))
    db.session.commit()
    if wants_json():
        return jsonify(supported=supported, supports_count=proposal.supports_count)
    flash(_("Thank you for your support.") if supported
          else _("Your support is withdrawn."), "success")
    return redirect(_back(proposal))


@bp.post("/<int:proposal_id>/follow")
@login_required
def follow(proposal_id):
    proposal = pages.load_proposal(proposal_id)
    try:
        following = services.toggle_follow(current_user, proposal)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(_back(proposal))
    db.session.commit()
    if wants_json():
        return jsonify(following=following, followers_count=proposal.followers_count)
    flash(_("You follow this proposal: you will be told when it changes.") if following
          else _("You no longer follow this proposal."), "success")
    return redirect(_back(proposal))


# The Lab's routes live next door on this blueprint (the list: VIEW_MODULES in civic/__init__).
from civic.proposals import views_review  # noqa: E402,F401
