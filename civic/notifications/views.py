"""The notifications page, the unread count in the header, and unsubscribing from
notification e-mails."""
from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from civic.core.actions import run_action
from civic.core.forms import EmptyForm
from civic.core.pagination import MAX_PAGE, page_argument
from civic.core.permissions import can_open_notification, login_required, public
from civic.core.redirects import safe_next_url
from civic.extensions import csrf, db
from civic.notifications import kinds, services
from civic.notifications import unsubscribe as unsubscribing
from civic.notifications.models import Notification

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.app_context_processor
def inject_unread_count():
    # A callable: the count is queried only when a page shows it.
    return {"notifications_unread": lambda: services.unread_count(current_user)}


@bp.app_template_global("describe_notification")
def describe_notification(kind: str, data: dict, actor_name: str | None = None):
    """A notification's words (kinds.Rendered) from its kind and data (e-mails)."""
    return kinds.render(kind, data, actor_name=actor_name)


@bp.app_template_global("render_notification")
def render_notification(notification: Notification):
    return kinds.render_notification(notification)


def _load_own(notification_id: int) -> Notification:
    notification = db.session.get(Notification, notification_id)
    if notification is None or not can_open_notification(current_user, notification):
        abort(404)  # someone else's notification does not exist for you
    return notification


def _index_url() -> str:
    page = request.form.get("page", type=int) or 1
    page = max(1, min(page, MAX_PAGE))
    return url_for("notifications.index", page=page if page > 1 else None)


@bp.get("")
@login_required
def index():
    page = services.notifications_page(current_user, page_argument())
    items = [(n, kinds.render_notification(n)) for n in page.items]
    return render_template("notifications/index.html", page=page, items=items,
                           form=EmptyForm())


@bp.post("/<int:notification_id>/open")
@login_required
def open_notification(notification_id: int):
    notification = _load_own(notification_id)
    services.mark_read(current_user, notification)
    db.session.commit()
    # Never an open redirect: only a path of this site, else the notifications page.
    return redirect(safe_next_url(kinds.path_of(notification),
                                  url_for("notifications.index")))


@bp.post("/<int:notification_id>/read")
@login_required
def mark_read(notification_id: int):
    notification = _load_own(notification_id)
    return run_action(lambda: services.mark_read(current_user, notification),
                      _("The notification is marked as read."), _index_url())


@bp.post("/read-all")
@login_required
def mark_all_read():
    # The CSRF token is checked for every POST before the view runs (CSRFProtect).
    return run_action(lambda: services.mark_all_read(current_user),
                      _("All your notifications are marked as read."),
                      url_for("notifications.index"))


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
# Exempt from CSRF on purpose, and only this view: mail providers implement the
# List-Unsubscribe-Post header (RFC 8058) by POSTing "List-Unsubscribe=One-Click" to the
# link, with no session and no form token. The signed token in the URL is the credential
# (only the mail's recipient has it), and the only effect is to stop notification
# e-mails, so a forged request can do nothing worse than that.
@csrf.exempt
@public
def unsubscribe(token: str):
    user = unsubscribing.read_unsubscribe_token(token)
    context = {"person": user, "masked_email": unsubscribing.masked_email(user.email),
               "form": EmptyForm(), "token": token}
    if request.method != "POST":  # GET and HEAD never unsubscribe
        # Mail scanners open links: only the button (or a provider's POST) unsubscribes.
        return render_template("notifications/unsubscribe.html", done=False, **context)
    changed = unsubscribing.unsubscribe(user)
    db.session.commit()
    return render_template("notifications/unsubscribe.html", done=True, changed=changed,
                           **context)
