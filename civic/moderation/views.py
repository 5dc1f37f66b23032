"""Reporting (any signed-in person) and the moderators' queue and decisions.

Blocking people is in views_blocks.py (same blueprint).
"""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from civic.core.errors import Conflict, DomainError
from civic.core.forms import show_domain_error
from civic.core.limits import limit_contributions
from civic.core.pagination import page_argument
from civic.core.permissions import login_required, require_role
from civic.core.redirects import safe_next_url
from civic.core.routing import as_id
from civic.extensions import db
from civic.moderation import decisions, queries, reports, services
from civic.moderation.forms import BulkForm, DecisionForm, HideForm, ReportForm
from civic.moderation.models import ModerationCase

bp = Blueprint("moderation", __name__)

DECISION_MESSAGES = {
    "hide": lambda: _("The content is hidden; its author is told why."),
    "restore": lambda: _("The content is visible again; its author is told."),
    "dismiss": lambda: _("The reports are dismissed; the content stays visible."),
    "approve": lambda: _("The contribution is approved and published."),
}


@bp.app_context_processor
def _moderation_globals():
    return {"moderation_open_count": queries.open_cases_count}


# --- reporting -----------------------------------------------------------------------

@bp.route("/report/<target_type>/<int:target_id>", methods=["GET", "POST"])
@limit_contributions("REPORT")
@login_required
def report(target_type, target_id):
    content_type, item = services.load_target(target_type, target_id)
    reports.check_can_report(current_user, content_type, item)
    back = safe_next_url(request.values.get("next"),
                         content_type.url(item) if item.moderation == "visible"
                         else url_for("pages.home"))
    case = services.find_case(target_type, item.id)
    already = reports.has_reported(current_user, case)
    form = ReportForm()
    if not already and form.validate_on_submit():
        try:
            reports.report_content(current_user, target_type, item.id, form.reason.data,
                                   form.details.data or "")
        except Conflict as error:
            db.session.rollback()
            flash(error.message, "info")
            return redirect(back)
        except DomainError as error:
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Thank you. The moderators will review this content."), "success")
            return redirect(back)
    elif already and request.method == "POST":
        flash(_("You have already reported this content. The moderators will review it; "
                "there is no need to report it again."), "info")
        return redirect(back)
    status = 400 if form.errors else 200
    return render_template("moderation/report.html", form=form, item=item, back=back,
                           label=content_type.label(item), already=already,
                           target_type=target_type,
                           kind_label=queries.KIND_LABELS.get(target_type, target_type)), status


# --- hiding from the public page -----------------------------------------------------

@bp.route("/moderation/hide/<target_type>/<int:target_id>", methods=["GET", "POST"])
@require_role("moderator", "staff")
def hide(target_type, target_id):
    content_type, item = services.load_target(target_type, target_id)
    back = safe_next_url(request.values.get("next"), content_type.url(item))
    form = HideForm()
    if form.validate_on_submit():
        try:
            case = decisions.hide_item(current_user, target_type, item.id, form.reason.data)
        except DomainError as error:
            show_domain_error(form, error)
            content_type, item = services.load_target(target_type, target_id)
        else:
            db.session.commit()
            flash(DECISION_MESSAGES["hide"](), "success")
            return redirect(safe_next_url(request.form.get("next"),
                                          url_for("moderation.case", case_id=case.id)))
    status = 400 if form.errors else 200
    return render_template("moderation/hide.html", form=form, item=item, back=back,
                           label=content_type.label(item), url=content_type.url(item),
                           target_type=target_type,
                           kind_label=queries.KIND_LABELS.get(target_type, target_type)), status


# --- the queue -----------------------------------------------------------------------

def _queue_args() -> dict:
    tab = request.args.get("tab", "open")
    sort = request.args.get("sort", "reports")
    return {"tab": tab if tab in queries.TABS else "open",
            "sort": sort if sort in queries.SORTS else "reports"}


@bp.get("/moderation")
@require_role("moderator", "staff")
def queue():
    args = _queue_args()
    page = queries.queue(args["tab"], args["sort"], page_argument())
    return render_template("moderation/queue.html", page=page, args=args,
                           tabs=queries.TABS, sorts=queries.SORTS, form=BulkForm(formdata=None),
                           status_labels=queries.STATUS_LABELS,
                           visibility_labels=queries.VISIBILITY_LABELS)


@bp.post("/moderation/bulk")
@require_role("moderator", "staff")
def bulk():
    form = BulkForm()
    form.case_ids.choices = [(as_id(v), v) for v in request.form.getlist("case_ids")
                             if as_id(v) is not None]
    back = safe_next_url(request.form.get("next"), url_for("moderation.queue"))
    if not form.validate_on_submit():
        if form.csrf_token.errors:
            return redirect(back)  # pragma: no cover - CSRFProtect answers 400 first
        messages = [m for errors in form.errors.values() for m in errors]
        flash(_("Nothing was changed: %(problem)s", problem=" ".join(map(str, messages))),
              "error")
        return redirect(back)
    try:
        count = decisions.bulk_decide(current_user, form.case_ids.data, form.action.data,
                                      form.reason.data or "")
    except DomainError as error:
        db.session.rollback()
        if error.status_code != 400:
            raise
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(ngettext("%(num)d case decided.", "%(num)d cases decided.", count), "success")
    return redirect(back)


# --- one case ------------------------------------------------------------------------

def _load_case(case_id: int) -> ModerationCase:
    from flask import abort

    return db.session.get(ModerationCase, case_id) or abort(404)


def _render_case(case, forms=None, status=200):
    forms = forms or {}
    return render_template(
        "moderation/case.html", view=queries.case_view(case),
        history=queries.case_history(case),
        hide_form=forms.get("hide") or HideForm(formdata=None),
        decision_form=forms.get("decision") or DecisionForm(formdata=None),
        status_labels=queries.STATUS_LABELS, visibility_labels=queries.VISIBILITY_LABELS,
    ), status


@bp.get("/moderation/cases/<int:case_id>")
@require_role("moderator", "staff")
def case(case_id):
    return _render_case(_load_case(case_id))


@bp.post("/moderation/cases/<int:case_id>/<any(hide, restore, dismiss, approve):action>")
@require_role("moderator", "staff")
def decide(case_id, action):
    moderation_case = _load_case(case_id)
    form = HideForm() if action == "hide" else DecisionForm()
    key = "hide" if action == "hide" else "decision"
    if form.validate_on_submit():
        try:
            decisions.decide(current_user, moderation_case, action, form.reason.data or "")
        except DomainError as error:
            show_domain_error(form, error)
            moderation_case = _load_case(case_id)
        else:
            db.session.commit()
            flash(DECISION_MESSAGES[action](), "success")
            return redirect(safe_next_url(request.form.get("next"),
                                          url_for("moderation.case", case_id=case_id)))
    return _render_case(moderation_case, {key: form}, status=400)
