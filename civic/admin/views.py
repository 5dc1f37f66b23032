"""Admin area: site roles (the audit log viewer lives in civic.audit.views)."""
from __future__ import annotations

from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from civic.accounts.models import User
from civic.admin import queries, services
from civic.admin.forms import RoleChangeForm
from civic.core.actions import run_action
from civic.core.errors import NotFound, render_error
from civic.core.pagination import page_argument
from civic.core.permissions import GRANTABLE_ROLES, require_role
from civic.extensions import db

bp = Blueprint("admin", __name__, url_prefix="/admin")



@bp.get("/roles")
@require_role("admin")
def roles():
    query = request.args.get("q", "", type=str).strip()[:200]
    people = queries.search_people(query, page_argument())
    return render_template(
        "admin/roles.html", query=query, people=people, holders=queries.list_role_holders(),
        role_label=services.role_label, grantable=GRANTABLE_ROLES,
    )


def _change_role(change, success_message: str):
    form = RoleChangeForm()
    if not form.validate_on_submit():
        if "role" in form.errors:
            return render_error(400, _("Unknown role. Choose one of: %(roles)s.",
                                       roles=", ".join(GRANTABLE_ROLES)))
        return render_error(400, _("Choose a person and a role, then try again."))
    user = db.session.get(User, form.user_id.data)
    if user is None:
        raise NotFound(_("This person does not exist. Search for them again."))
    role = form.role.data
    return run_action(lambda: change(current_user, user, role),
                      success_message % {"name": user.display_name,
                                         "role": services.role_label(role)},
                      url_for("admin.roles", q=form.q.data or None))


@bp.post("/roles/grant")
@require_role("admin")
def grant():
    return _change_role(services.grant_role, _("%(name)s is now: %(role)s."))


@bp.post("/roles/revoke")
@require_role("admin")
def revoke():
    return _change_role(services.revoke_role, _("%(name)s no longer holds the role: %(role)s."))
