"""The notifications page and the unread count in the header."""
from __future__ import annotations

from flask import Blueprint, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from civic.core.actions import run_action
from civic.core.forms import EmptyForm
from civic.core.permissions import login_required
from civic.notifications import services

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.app_context_processor
def inject_unread_count():
    # A callable: the count is queried only when a page shows it.
    return {"notifications_unread": lambda: services.unread_count(current_user)}


@bp.get("")
@login_required
def index():
    return render_template("notifications/index.html",
                           notifications=services.recent_notifications(current_user),
                           form=EmptyForm())


@bp.post("/read-all")
@login_required
def mark_all_read():
    # The CSRF token is checked for every POST before the view runs (CSRFProtect).
    return run_action(lambda: services.mark_all_read(current_user),
                      _("All your notifications are marked as read."),
                      url_for("notifications.index"))
