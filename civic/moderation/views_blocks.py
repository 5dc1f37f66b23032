"""Blocking and unblocking participants (moderation blueprint)."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from civic.accounts.models import User
from civic.core import permissions
from civic.core.actions import run_action
from civic.core.errors import DomainError
from civic.core.forms import EmptyForm, show_domain_error
from civic.core.permissions import require_role
from civic.core.redirects import safe_next_url
from civic.extensions import db
from civic.moderation import blocks
from civic.moderation.forms import BlockForm
from civic.moderation.views import bp


def _load_person(user_id: int) -> User:
    person = db.session.get(User, user_id)
    if person is None or person.is_deleted:
        abort(404)
    if not permissions.can_block_user(current_user, person):
        abort(403)
    return person


@bp.route("/moderation/users/<int:user_id>/block", methods=["GET", "POST"])
@require_role("moderator", "staff")
def block_user(user_id):
    person = _load_person(user_id)
    back = safe_next_url(request.values.get("next"),
                         url_for("profiles.show", user_id=person.id))
    form = BlockForm()
    if form.validate_on_submit():
        try:
            hidden = blocks.block_user(current_user, person, form.reason.data,
                                       form.until.data, bool(form.hide_content.data))
        except DomainError as error:
            show_domain_error(form, error)
            person = _load_person(user_id)
        else:
            db.session.commit()
            message = _("%(name)s is blocked and told why.", name=person.public_name)
            if form.hide_content.data:
                message += " " + ngettext("%(num)d item of their content is hidden.",
                                          "%(num)d items of their content are hidden.",
                                          hidden)
            flash(message, "success")
            return redirect(back)
    restorable = len(blocks.hidden_by_block(person)) if person.is_blocked else 0
    return render_template("moderation/block.html", form=form, person=person, back=back,
                           unblock_form=EmptyForm(formdata=None),
                           restorable=restorable), 400 if form.errors else 200


@bp.post("/moderation/users/<int:user_id>/unblock")
@require_role("moderator", "staff")
def unblock_user(user_id):
    person = _load_person(user_id)
    back = safe_next_url(request.form.get("next"), url_for("profiles.show", user_id=person.id))
    def unblocked(restored: int) -> str:
        message = _("%(name)s is unblocked and told so.", name=person.public_name)
        if restored:
            message += " " + ngettext("%(num)d item hidden by the block is visible again.",
                                      "%(num)d items hidden by the block are visible again.",
                                      restored)
        return message

    return run_action(lambda: blocks.unblock_user(current_user, person,
                                                  request.form.get("reason", ""),
                                                  bool(request.form.get("restore_content"))),
                      unblocked, back)
