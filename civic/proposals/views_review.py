"""The usage lab's routes: the review queue and status changes (same blueprint)."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from civic.core.errors import DomainError
from civic.core.forms import show_domain_error
from civic.core.pagination import page_argument
from civic.core.permissions import require_role
from civic.extensions import db
from civic.proposals import pages, review
from civic.proposals.forms import STATUS_LABELS, ReviewFilterForm, StatusForm
from civic.proposals.views import bp


@bp.get("/review")
@require_role("moderator", "staff")
def review_queue():
    themes = pages.theme_choices()
    form = ReviewFilterForm(request.args)
    form.set_choices(themes)
    if not form.validate():  # a hand-edited address: show the whole queue
        form = ReviewFilterForm(formdata=None)
        form.set_choices(themes)
    page = review.review_queue(theme_id=form.theme.data or 0, status=form.status.data or "",
                               kind=form.kind.data or "", threshold=form.threshold.data or "",
                               sort=form.sort.data or "oldest", page=page_argument())
    args = {k: v for k, v in request.args.items() if k != "page"}
    return render_template("proposals/review.html", form=form, page=page, args=args,
                           status_labels=STATUS_LABELS)


@bp.post("/<int:proposal_id>/status")
@require_role("moderator", "staff")
def change_status(proposal_id):
    proposal = pages.load_proposal(proposal_id)
    form = StatusForm()
    form.status.validate_choice = False  # the transition table decides, with a clear message
    form.status.choices = []
    if form.validate_on_submit():
        try:
            review.change_status(current_user, proposal, form.status.data,
                                 answer=form.answer.data or "",
                                 internal_note=form.internal_note.data or "")
        except DomainError as error:
            show_domain_error(form, error)
            proposal = pages.load_proposal(proposal_id)
        else:
            db.session.commit()
            flash(_("The status is changed and the followers are told."), "success")
            return redirect(url_for("proposals.detail", proposal_id=proposal.id))
    context = pages.detail_context(proposal, form)
    return render_template("proposals/detail.html", **context), 400
