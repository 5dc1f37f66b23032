"""Amendment pages: propose (with a preview of the diff), read, support, follow, withdraw,
and the staff's decision; a section's list of amendments.

Proposing counts against the POST rate limits, supporting against SUPPORT.
"""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from civic.amendments import queries, services, supports
from civic.amendments.forms import (
    STATUS_LABELS,
    AmendmentForm,
    DecisionForm,
    StatusFilterForm,
)
from civic.core import actions, permissions
from civic.core.actions import run_action, run_toggle
from civic.core.errors import DomainError, NotFound, PermissionDenied
from civic.core.forms import show_domain_error
from civic.core.limits import limit_contributions
from civic.core.pagination import page_argument
from civic.core.permissions import login_required, public, require_role
from civic.core.redirects import safe_next_url
from civic.core.sanitize import render_word_diff
from civic.extensions import db
from civic.masterplan import revisions
from civic.masterplan.models import Section
from civic.organizations.models import Organization
from civic.organizations.services import organizations_user_may_act_for
from civic.proposals.checks import require_confirmed, require_unblocked

bp = Blueprint("amendments", __name__)


@bp.app_template_global("section_amendments")
def section_amendments(section):
    """The latest public amendments of a section and its counts (the section's page)."""
    return queries.section_summary(section.id)


def word_diff(old: str | None, new: str | None):
    return render_word_diff(old, new, inserted=_("inserted"), deleted=_("deleted"))


def _load_section(section_id: int) -> Section:
    section = db.session.execute(
        select(Section).options(joinedload(Section.parent)).where(Section.id == section_id)
    ).scalar_one_or_none()
    if section is None:
        abort(404)
    return section


def _back(amendment) -> str:
    return safe_next_url(request.form.get("next"),
                         url_for("amendments.detail", amendment_id=amendment.id))


# --- proposing -----------------------------------------------------------------------

def _form_data(form: AmendmentForm) -> dict:
    org_id = form.organization.data or 0
    return {"title": form.title.data, "proposed_body": form.proposed_body.data,
            "justification": form.justification.data,
            "organization": db.session.get(Organization, org_id) if org_id else None}


@bp.route("/plan/sections/<int:section_id>/amendments/new", methods=["GET", "POST"])
@limit_contributions("POST")
@login_required
def new(section_id):
    section = _load_section(section_id)
    require_unblocked(current_user)
    require_confirmed(current_user)
    try:
        services.current_base(section)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("masterplan.section", section_id=section.id))
    form = AmendmentForm()
    if request.method == "GET":
        form.proposed_body.data = section.body or ""
    form.set_choices(organizations_user_may_act_for(current_user))
    preview = None
    if form.validate_on_submit():
        if form.preview.data and not form.save.data:
            preview = word_diff(section.body, services.normalize_text(form.proposed_body.data))
        else:
            try:
                amendment = services.propose_amendment(current_user, section,
                                                       _form_data(form))
            except DomainError as error:
                show_domain_error(form, error)
            else:
                db.session.commit()
                if amendment.is_pending:
                    flash(_("Your amendment is sent. It will be public once the moderators "
                            "approve it; until then only you and the moderators can see "
                            "it."), "success")
                else:
                    flash(_("Your amendment is published. The metropolis' staff will "
                            "accept or reject it."), "success")
                return redirect(url_for("amendments.detail", amendment_id=amendment.id))
    return render_template("amendments/form.html", form=form, section=section,
                           preview=preview)


# --- reading -------------------------------------------------------------------------

def _detail_context(amendment, decision_form=None) -> dict:
    section = amendment.section
    current = revisions.current_revision()
    stale = current is not None and current.id != amendment.base_revision_id
    base_body = services.base_text(amendment) if stale else section.body
    can_decide = (permissions.can_decide_amendment(current_user, amendment)
                  and amendment.status == "pending" and amendment.is_visible)
    return {
        "amendment": amendment, "section": section, "current": current, "stale": stale,
        "diff": word_diff(section.body, amendment.proposed_body),
        "base_diff": word_diff(base_body, amendment.proposed_body) if stale else None,
        "base_unchanged": stale and services.normalize_text(base_body)
        == services.normalize_text(section.body),
        "supported": supports.has_supported(current_user, amendment),
        "following": supports.is_following(current_user, amendment),
        "decision_form": (decision_form or DecisionForm(formdata=None)) if can_decide
        else None,
        "status_labels": STATUS_LABELS,
    }


@bp.get("/amendments/<int:amendment_id>")
@public
def detail(amendment_id):
    amendment = queries.load_amendment(amendment_id)
    if not permissions.can_view_hidden_content(current_user, amendment):
        # Hidden by the moderators: the reason stays, the content goes.
        return render_template("amendments/hidden.html", amendment=amendment)
    return render_template("amendments/detail.html", **_detail_context(amendment))


@bp.get("/plan/sections/<int:section_id>/amendments")
@public
def section_list(section_id):
    section = _load_section(section_id)
    form = StatusFilterForm(request.args)
    if not form.validate():  # a hand-edited address: show every status
        form = StatusFilterForm(formdata=None)
    status = form.status.data or None
    page = queries.section_amendments(section.id, status=status, page=page_argument())
    return render_template("amendments/list.html", section=section, form=form, page=page,
                           counts=queries.status_counts(section.id), status=status,
                           status_labels=STATUS_LABELS,
                           args={"section_id": section.id, **({"status": status}
                                                              if status else {})})


# --- one-click actions ---------------------------------------------------------------

@bp.post("/amendments/<int:amendment_id>/support")
@limit_contributions("SUPPORT")
@login_required
def support(amendment_id):
    amendment = queries.load_amendment(amendment_id)
    wanted = actions.wanted("support", "unsupport")
    return run_toggle(lambda: supports.set_support(current_user, amendment, wanted),
                      _("Thank you for your support."), _("Your support is withdrawn."),
                      _back(amendment), passthrough=(NotFound,))


@bp.post("/amendments/<int:amendment_id>/follow")
@login_required
def follow(amendment_id):
    amendment = queries.load_amendment(amendment_id)
    wanted = actions.wanted("follow", "unfollow")
    return run_toggle(lambda: supports.set_follow(current_user, amendment, wanted),
                      _("You follow this amendment: you will be told when it is decided on."),
                      _("You no longer follow this amendment."), _back(amendment),
                      passthrough=(NotFound,))


@bp.post("/amendments/<int:amendment_id>/withdraw")
@login_required
def withdraw(amendment_id):
    amendment = queries.load_amendment(amendment_id)
    return run_action(lambda: services.withdraw_amendment(current_user, amendment),
                      _("Your amendment is withdrawn. It stays visible as withdrawn."),
                      _back(amendment))


# --- the staff's decision ------------------------------------------------------------

def _decide(amendment_id, decide, success):
    amendment = queries.load_amendment(amendment_id)
    form = DecisionForm()
    if form.validate_on_submit():
        try:
            result = decide(amendment, form.answer.data or "")
        except PermissionDenied:
            db.session.rollback()
            raise
        except DomainError as error:  # already decided (409), answer missing (400)
            show_domain_error(form, error)
            amendment = queries.load_amendment(amendment_id)
            context = _detail_context(amendment, form)
            context["decision_errors"] = form
            return render_template("amendments/detail.html", **context), error.status_code
        db.session.commit()
        flash(success(result), "success")
        return redirect(url_for("amendments.detail", amendment_id=amendment_id))
    context = _detail_context(amendment, form)
    context["decision_errors"] = form
    return render_template("amendments/detail.html", **context), 400


def _accepted_message(result) -> str:
    message = _("The amendment is accepted: its text is in the draft of the next version, "
                "credited to its author, who is told along with its followers.")
    if result.replaced_draft_change:
        message += " " + _("The text of this section had changed since the amendment was "
                           "written (in the draft or in a newer version): that change was "
                           "replaced by the amendment's text. Compare them in the draft's "
                           "differences.")
    return message


@bp.post("/amendments/<int:amendment_id>/accept")
@require_role("staff")
def accept(amendment_id):
    return _decide(amendment_id,
                   lambda amendment, answer: services.accept_amendment(current_user, amendment,
                                                                       answer),
                   _accepted_message)


@bp.post("/amendments/<int:amendment_id>/reject")
@require_role("staff")
def reject(amendment_id):
    return _decide(amendment_id,
                   lambda amendment, answer: services.reject_amendment(current_user, amendment,
                                                                       answer),
                   lambda _result: _("The amendment is rejected; its author and followers "
                                     "are told, with your answer."))
