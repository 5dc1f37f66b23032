"""Comment pages: post on an item, reply, edit, delete, vote, permalink.

Threads are shown by the item's own page: it includes "comments/_thread.html", which calls
the `comment_thread(target)` template global defined here.
"""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from civic.comments import services, votes
from civic.comments.forms import CommentForm, VoteForm
from civic.comments.models import Comment
from civic.comments.thread import build_thread, page_of
from civic.core import content, permissions
from civic.core.actions import run_action
from civic.core.errors import DomainError, NotFound
from civic.core.forms import show_domain_error
from civic.core.limits import limit_contributions
from civic.core.permissions import login_required, public
from civic.core.redirects import safe_next_url
from civic.extensions import db
from civic.organizations.models import Organization
from civic.organizations.services import organizations_user_may_act_for

bp = Blueprint("comments", __name__)


@bp.app_template_global("comment_thread")
def comment_thread(target, sort=None):
    """The thread of `target` for the current visitor (None: no thread on this page)."""
    if target is None:
        return None
    if sort is None:
        sort = request.args.get("sort")
    page = request.args.get("comments_page", 1, type=int)
    return build_thread(current_user, target, sort, page_path=request.path,
                        page=min(max(page, 1), 10_000))


# --- loading -------------------------------------------------------------------------

def _load_target(target_type: str, target_id: int):
    content_type = content.get(target_type)
    if content_type is None or not content_type.commentable:
        abort(404)
    target = content.load(target_type, target_id)
    if target is None or not permissions.can_view_comments_on(current_user, target):
        abort(404)
    return target


def _load_comment(comment_id: int) -> tuple[Comment, object]:
    """The comment and its item; 404 when the visitor may not see them."""
    comment = db.session.get(Comment, comment_id)
    if comment is None or not permissions.can_see_comment(current_user, comment):
        abort(404)
    return comment, _load_target(comment.target_type, comment.target_id)


def _anchor(comment: Comment, target) -> str:
    """The comment on its item's page: the thread's page that shows it, when not the
    first (threads are paginated)."""
    url = content.get(comment.target_type).url(target)
    page = page_of(current_user, target, comment.id)
    return f"{url}{f'?comments_page={page}' if page > 1 else ''}#comment-{comment.id}"


def _prepare(form: CommentForm) -> CommentForm:
    form.set_organizations(organizations_user_may_act_for(current_user))
    return form


def _organization(form: CommentForm):
    org_id = form.organization.data or 0
    return db.session.get(Organization, org_id) if org_id else None


def _render_form(form, target, *, comment=None, parent=None, status=200):
    content_type = content.type_of(target)
    return render_template(
        "comments/form.html", form=form, comment=comment, parent=parent,
        target_label=content_type.label(target), target_url=content_type.url(target),
        target_type=content_type.name, target=target,
    ), status


# --- posting -------------------------------------------------------------------------

@bp.post("/comments/<target_type>/<int:target_id>")
@limit_contributions("COMMENT")
@login_required
def create(target_type, target_id):
    target = _load_target(target_type, target_id)
    form = _prepare(CommentForm())
    parent = None
    if request.form.get("parent_id", "").strip() and form.parent_id.data is None:
        abort(404)  # a reply to something that cannot exist
    if form.parent_id.data:
        parent = db.session.get(Comment, form.parent_id.data)
        if parent is None or not permissions.can_see_comment(current_user, parent):
            abort(404)
    if form.validate_on_submit():
        try:
            comment = services.create_comment(
                current_user, target, form.body.data, form.alignment.data, parent=parent,
                organization=_organization(form))
        except NotFound:
            db.session.rollback()
            raise
        except DomainError as error:  # refusals too: never lose what they wrote
            show_domain_error(form, error)
            return _render_form(form, target, parent=parent, status=error.status_code)
        db.session.commit()
        if comment.moderation == "pending":
            flash(_("Your comment is sent. The moderators check new contributions first: "
                    "it will be public once they approve it."), "info")
        else:
            flash(_("Your comment is published."), "success")
        return redirect(_anchor(comment, target))
    return _render_form(form, target, parent=parent, status=400)


@bp.route("/comments/<int:comment_id>/edit", methods=["GET", "POST"])
@limit_contributions("COMMENT")
@login_required
def edit(comment_id):
    comment, target = _load_comment(comment_id)
    if comment.author_id != current_user.id:
        abort(403)
    if not permissions.can_edit_comment(current_user, comment):
        flash(_("This comment can no longer be edited: comments can be edited for "
                "%(minutes)s minutes after posting.", minutes=_edit_minutes()), "error")
        return redirect(_anchor(comment, target))
    if request.method == "GET":
        form = CommentForm(obj=comment)
        form.organization.data = comment.organization_id or 0
    else:
        form = CommentForm()
    _prepare(form)
    if form.validate_on_submit():
        try:
            services.edit_comment(current_user, comment, form.body.data, form.alignment.data,
                                  organization=_organization(form))
        except DomainError as error:
            show_domain_error(form, error)
            return _render_form(form, target, comment=comment, status=error.status_code)
        db.session.commit()
        flash(_("Your comment is saved."), "success")
        return redirect(_anchor(comment, target))
    return _render_form(form, target, comment=comment,
                        status=400 if form.is_submitted() else 200)


def _edit_minutes() -> int:
    from flask import current_app

    return int(current_app.config["COMMENT_EDIT_WINDOW"].total_seconds() // 60)


@bp.post("/comments/<int:comment_id>/delete")
@login_required
def delete(comment_id):
    comment, target = _load_comment(comment_id)
    if comment.author_id != current_user.id:
        abort(403)
    return run_action(lambda: services.delete_comment(current_user, comment),
                      _("Your comment is deleted."), _anchor(comment, target))


@bp.post("/comments/<int:comment_id>/vote")
@login_required
def vote(comment_id):
    comment, target = _load_comment(comment_id)
    form = VoteForm()
    if not form.validate_on_submit():
        abort(400)
    back = safe_next_url(request.form.get("next"), _anchor(comment, target))
    said = {1: _("Your up vote is counted."), -1: _("Your down vote is counted."),
            0: _("Your vote is taken back.")}
    return run_action(lambda: votes.vote_comment(current_user, comment, form.value.data),
                      lambda now: said[now], back)


@bp.get("/comments/<int:comment_id>")
@public
def permalink(comment_id):
    comment, target = _load_comment(comment_id)
    return redirect(_anchor(comment, target))
