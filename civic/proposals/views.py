"""Proposal pages: detail (and draft preview), new, edit, publish, withdraw, support, follow.

The list, map and API are in views_list.py; the Lab's review routes in views_review.py.
Creating and publishing count against the POST rate limits, supporting against SUPPORT.
"""
from __future__ import annotations

from datetime import timedelta

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import format_timedelta
from flask_babel import gettext as _
from flask_login import current_user

from civic.core import actions, permissions
from civic.core.actions import asks_for_json, run_action, run_toggle
from civic.core.errors import DomainError, PermissionDenied, render_error
from civic.core.forms import show_domain_error
from civic.core.limits import limit_contributions
from civic.core.permissions import login_required, public
from civic.core.redirects import safe_next_url
from civic.extensions import db
from civic.masterplan.models import Section
from civic.organizations.models import Organization
from civic.organizations.services import organizations_user_may_act_for
from civic.proposals import pages, services, supports
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
    return render_template("proposals/form.html", form=form, proposal=proposal,
                           max_size=human_size(current_app.config["ATTACHMENT_MAX_BYTES"]),
                           max_files=current_app.config["ATTACHMENT_MAX_FILES"])


def _back(proposal) -> str:
    return safe_next_url(request.form.get("next"),
                         url_for("proposals.detail", proposal_id=proposal.id))


@bp.errorhandler(429)
def too_many(error):
    """Past a rate limit: say how long to wait, as JSON for the page's script."""
    limit = getattr(error, "limit", None)
    retry_after = int(limit.limit.get_expiry()) if limit is not None else 60
    message = _("You did this too many times in a short while. Try again in %(wait)s.",
                wait=format_timedelta(timedelta(seconds=retry_after), threshold=1))
    if asks_for_json():
        response = jsonify(error=message)
        response.status_code = 429
    else:
        response = make_response(render_error(429, message))
    response.headers["Retry-After"] = str(retry_after)
    return response


def _refuse_if_blocked() -> None:
    message = permissions.blocked_message(current_user)
    if message:
        raise PermissionDenied(message)


@bp.get("/<int:proposal_id>")
@public
def detail(proposal_id):
    proposal = pages.load_proposal(proposal_id)
    if not permissions.can_view_hidden_content(current_user, proposal):
        # Hidden by the moderators: the reference and the reason stay, the content goes.
        return render_template("proposals/hidden.html", proposal=proposal)
    return render_template("proposals/detail.html", **pages.detail_context(proposal))


@bp.route("/new", methods=["GET", "POST"])
@limit_contributions("POST")
@login_required
def new():
    _refuse_if_blocked()
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
    _refuse_if_blocked()
    if proposal.author_id != current_user.id:  # only its author ever edits a proposal
        abort(403)
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


def _one_click(proposal, action, success):
    return run_action(action, success, _back(proposal))


@bp.post("/<int:proposal_id>/publish")
@limit_contributions("POST")
@login_required
def publish(proposal_id):
    proposal = pages.load_proposal(proposal_id)

    def published(_result) -> str:
        if proposal.is_pending:
            return _("Your proposal is sent. It will be public once the moderators approve "
                     "it; until then only you and the moderators can see it.")
        return _("Your proposal is published. The usage lab will answer it.")

    return _one_click(proposal, lambda: services.publish_proposal(current_user, proposal),
                      published)


@bp.post("/<int:proposal_id>/withdraw")
@login_required
def withdraw(proposal_id):
    proposal = pages.load_proposal(proposal_id)
    return _one_click(proposal, lambda: services.withdraw_proposal(current_user, proposal),
                      _("Your proposal is withdrawn. It stays visible as withdrawn."))


def _toggle(proposal, change, state: str, count: str, said_on: str, said_off: str):
    """An on/off button: JSON for the page's script (`state` and the counter `count` the
    page shows), otherwise flash and go back."""
    return run_toggle(change, said_on, said_off, _back(proposal),
                      json=lambda now_on: {state: now_on, count: getattr(proposal, count)})


@bp.post("/<int:proposal_id>/support")
@limit_contributions("SUPPORT")
@login_required
def support(proposal_id):
    proposal = pages.load_proposal(proposal_id)
    wanted = actions.wanted("support", "unsupport")
    return _toggle(proposal, lambda: supports.set_support(current_user, proposal, wanted),
                   "supported", "supports_count", _("Thank you for your support."),
                   _("Your support is withdrawn."))


@bp.post("/<int:proposal_id>/follow")
@login_required
def follow(proposal_id):
    proposal = pages.load_proposal(proposal_id)
    wanted = actions.wanted("follow", "unfollow")
    return _toggle(proposal, lambda: supports.set_follow(current_user, proposal, wanted),
                   "following", "followers_count",
                   _("You follow this proposal: you will be told when it changes."),
                   _("You no longer follow this proposal."))


# The Lab's routes live next door on this blueprint (the list: VIEW_MODULES in civic/__init__).
from civic.proposals import views_review  # noqa: E402,F401
