"""Public profiles and account settings (including GDPR export and deletion)."""
from __future__ import annotations

import json

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from civic.accounts import profile_services as services
from civic.accounts.models import User
from civic.accounts.profile_data import export_user_data, list_activity, list_memberships
from civic.accounts.settings_forms import (
    DeleteAccountForm,
    EmailChangeForm,
    NotificationsForm,
    PasswordChangeForm,
    ProfileForm,
)
from civic.core.errors import DomainError
from civic.core.forms import EmptyForm, show_domain_error
from civic.core.models import utcnow
from civic.core.permissions import login_required, public
from civic.extensions import db, limiter

bp = Blueprint("profiles", __name__)


def _password_key() -> str:
    return f"account:{current_user.get_id()}"


# Every settings form that checks the current password (password, e-mail, deletion) draws
# on one budget per account: a borrowed or stolen session cannot try passwords at will.
# Only failed checks count (a success redirects).
password_checks = limiter.shared_limit(
    lambda: current_app.config["PASSWORD_CHECK_LIMIT_PER_ACCOUNT"], scope="password-check",
    methods=["POST"], key_func=_password_key,
    deduct_when=lambda response: response.status_code != 302)


def _me() -> User:
    return current_user._get_current_object()


def _submit(form, action) -> int | None:
    """Validate `form`, run `action` and commit: None when that worked, otherwise the
    status to show the form again with (the refusal is shown on the form)."""
    if not form.validate_on_submit():
        return 400 if form.is_submitted() else 200
    try:
        action()
    except DomainError as error:
        show_domain_error(form, error)
        return error.status_code
    db.session.commit()
    return None


# --- public profile ----------------------------------------------------------------

@bp.get("/people/<int:user_id>")
@public
def show(user_id: int):
    person = db.session.get(User, user_id) or abort(404)
    return render_template(
        "profiles/show.html", person=person,
        memberships=[] if person.is_deleted else list_memberships(person),
        activity=list_activity(person),
    )


# --- profile and notifications -----------------------------------------------------

def _render_settings(profile_form=None, notifications_form=None, status=200):
    user = _me()
    profile_form = profile_form or ProfileForm(obj=user, formdata=None)
    notifications_form = notifications_form or NotificationsForm(obj=user, formdata=None)
    return render_template("profiles/settings.html", profile_form=profile_form,
                           notifications_form=notifications_form, export_form=EmptyForm()
                           ), status


@bp.get("/settings")
@login_required
def settings():
    return _render_settings()


@bp.post("/settings/profile")
@login_required
def update_profile():
    form = ProfileForm()
    status = _submit(form, lambda: services.update_profile(
        _me(), display_name=form.display_name.data, bio=form.bio.data,
        locale=form.locale.data))
    if status is not None:
        return _render_settings(profile_form=form, status=status)
    flash(_("Your profile has been saved."), "success")
    return redirect(url_for("profiles.settings"))


@bp.post("/settings/notifications")
@login_required
def update_notifications():
    form = NotificationsForm()
    status = _submit(form, lambda: services.update_notifications(
        _me(), email_frequency=form.email_frequency.data))
    if status is not None:
        return _render_settings(notifications_form=form, status=status)
    flash(_("Your notification preferences have been saved."), "success")
    return redirect(url_for("profiles.settings"))


# --- password ----------------------------------------------------------------------

@bp.route("/settings/password", methods=["GET", "POST"])
@password_checks
@login_required
def password():
    form = PasswordChangeForm()
    user = _me()
    status = _submit(form, lambda: services.change_password(
        user, current_password=form.current_password.data,
        new_password=form.new_password.data))
    if status is not None:
        return render_template("profiles/password.html", form=form), status
    # The session key changed: sign this browser in again, every other one is out.
    remember = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
    login_user(user, remember=remember in request.cookies, fresh=True)
    flash(_("Your password has been changed. You were logged out everywhere else."),
          "success")
    return redirect(url_for("profiles.settings"))


# --- e-mail address ----------------------------------------------------------------

@bp.route("/settings/email", methods=["GET", "POST"])
@password_checks
@login_required
def email():
    form = EmailChangeForm()
    status = _submit(form, lambda: services.request_email_change(
        _me(), new_email=form.new_email.data, current_password=form.current_password.data))
    if status is not None:
        return render_template("profiles/email.html", form=form), status
    flash(_("We sent a confirmation link to your new address. Open it to finish the "
            "change; until then your current address stays in use."), "success")
    return redirect(url_for("profiles.settings"))


@bp.route("/settings/email/confirm/<token>", methods=["GET", "POST"])
@login_required
def confirm_email(token: str):
    if request.method != "POST":  # GET, and HEAD which CSRF protection does not cover
        # Mail scanners follow links: only the button (a POST, CSRF-checked) changes it.
        new_email = services.read_email_change(_me(), token)
        return render_template("profiles/confirm_email.html", form=EmptyForm(),
                               new_email=new_email)
    services.confirm_email_change(_me(), token)
    db.session.commit()
    flash(_("Your e-mail address has been changed."), "success")
    return redirect(url_for("profiles.settings"))


# --- GDPR: export and deletion -------------------------------------------------------

@bp.post("/settings/export")
@login_required
def export():
    body = json.dumps(export_user_data(_me()), ensure_ascii=False, indent=2)
    filename = f"civic-my-data-{utcnow():%Y-%m-%d}.json"
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "no-store",
    })


@bp.route("/settings/delete", methods=["GET", "POST"])
@password_checks
@login_required
def delete():
    form = DeleteAccountForm()
    status = _submit(form, lambda: services.delete_account(_me(), password=form.password.data))
    if status is None:
        logout_user()
        flash(_("Your account has been deleted. What you published stays, signed "
                "\"Deleted participant\". Thank you for taking part."), "success")
        return redirect(url_for("pages.home"))
    blocking = services.organizations_blocking_deletion(_me())
    return render_template("profiles/delete.html", form=form, blocking=blocking), status
