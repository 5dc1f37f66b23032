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
from civic.extensions import db

bp = Blueprint("profiles", __name__)


def _me() -> User:
    return current_user._get_current_object()



# --- public profile ----------------------------------------------------------------

@bp.get("/people/<int:user_id>")
@public
def show(user_id: int):
    person = db.session.get(User, user_id) or abort(404)
    return render_template(
        "profiles/show.html", person=person,
        memberships=[] if person.is_deleted else list_memberships(person),
        activity=list_activity(person),
        org_pages="organizations.show" in current_app.view_functions,
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
    if form.validate_on_submit():
        try:
            services.update_profile(_me(), display_name=form.display_name.data,
                                    bio=form.bio.data, locale=form.locale.data)
        except DomainError as error:
            show_domain_error(form, error)
            return _render_settings(profile_form=form, status=error.status_code)
        db.session.commit()
        flash(_("Your profile has been saved."), "success")
        return redirect(url_for("profiles.settings"))
    return _render_settings(profile_form=form, status=400)


@bp.post("/settings/notifications")
@login_required
def update_notifications():
    form = NotificationsForm()
    if form.validate_on_submit():
        try:
            services.update_notifications(_me(), email_frequency=form.email_frequency.data)
        except DomainError as error:
            show_domain_error(form, error)
            return _render_settings(notifications_form=form, status=error.status_code)
        db.session.commit()
        flash(_("Your notification preferences have been saved."), "success")
        return redirect(url_for("profiles.settings"))
    return _render_settings(notifications_form=form, status=400)


# --- password ----------------------------------------------------------------------

@bp.route("/settings/password", methods=["GET", "POST"])
@login_required
def password():
    form = PasswordChangeForm()
    status = 200
    if form.validate_on_submit():
        user = _me()
        try:
            services.change_password(user, current_password=form.current_password.data,
                                     new_password=form.new_password.data)
        except DomainError as error:
            show_domain_error(form, error)
            return render_template("profiles/password.html", form=form), error.status_code
        db.session.commit()
        # The session key changed: sign this browser in again, every other one is out.
        remember = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
        login_user(user, remember=remember in request.cookies, fresh=True)
        flash(_("Your password has been changed. You were logged out everywhere else."),
              "success")
        return redirect(url_for("profiles.settings"))
    if form.is_submitted():
        status = 400
    return render_template("profiles/password.html", form=form), status


# --- e-mail address ----------------------------------------------------------------

@bp.route("/settings/email", methods=["GET", "POST"])
@login_required
def email():
    form = EmailChangeForm()
    status = 200
    if form.validate_on_submit():
        try:
            services.request_email_change(_me(), new_email=form.new_email.data,
                                          current_password=form.current_password.data)
        except DomainError as error:
            show_domain_error(form, error)
            return render_template("profiles/email.html", form=form), error.status_code
        db.session.commit()
        flash(_("We sent a confirmation link to your new address. Open it to finish the "
                "change; until then your current address stays in use."), "success")
        return redirect(url_for("profiles.settings"))
    if form.is_submitted():
        status = 400
    return render_template("profiles/email.html", form=form), status


@bp.route("/settings/email/confirm/<token>", methods=["GET", "POST"])
@login_required
def confirm_email(token: str):
    form = EmptyForm()
    if form.validate_on_submit():
        services.confirm_email_change(_me(), token)
        db.session.commit()
        flash(_("Your e-mail address has been changed."), "success")
        return redirect(url_for("profiles.settings"))
    if form.is_submitted():
        abort(400)
    new_email = services.read_email_change(_me(), token)
    return render_template("profiles/confirm_email.html", form=form, new_email=new_email)


# --- GDPR: export and deletion -------------------------------------------------------

@bp.post("/settings/export")
@login_required
def export():
    if not EmptyForm().validate_on_submit():
        abort(400)
    body = json.dumps(export_user_data(_me()), ensure_ascii=False, indent=2)
    filename = f"civic-my-data-{utcnow():%Y-%m-%d}.json"
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "no-store",
    })


@bp.route("/settings/delete", methods=["GET", "POST"])
@login_required
def delete():
    form = DeleteAccountForm()
    status = 200
    if form.validate_on_submit():
        try:
            services.delete_account(_me(), password=form.password.data)
        except DomainError as error:
            show_domain_error(form, error)
            status = error.status_code
        else:
            db.session.commit()
            logout_user()
            flash(_("Your account has been deleted. What you published stays, signed "
                    "\"Deleted participant\". Thank you for taking part."), "success")
            return redirect(url_for("pages.home"))
    elif form.is_submitted():
        status = 400
    blocking = services.organizations_blocking_deletion(_me())
    return render_template("profiles/delete.html", form=form, blocking=blocking), status
