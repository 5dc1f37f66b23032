"""Sign up, confirm, log in and out, reset a password."""
from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from civic.accounts import services
from civic.accounts.forms import (
    LoginForm,
    ResendConfirmationForm,
    ResetPasswordForm,
    ResetRequestForm,
    SignupForm,
)
from civic.core.errors import DomainError
from civic.core.forms import EmptyForm, show_domain_error
from civic.core.permissions import login_required, public
from civic.core.redirects import safe_next_url
from civic.extensions import db, limiter

bp = Blueprint("accounts", __name__)
# The address a confirmation link proved: prefilled once on the login page (kept in the
# session, not in the URL, so that it never reaches access logs).
LOGIN_EMAIL_KEY = "login_email"
# One budget of new confirmation links per address, asked signed in or not.
RESEND_SCOPE = "confirm-resend"


def _limit(name: str):
    return lambda: current_app.config[name]


def _failed(response) -> bool:
    # A successful log-in redirects; anything else counts as a failed attempt.
    return response.status_code != 302


def _address_key(prefix: str, signed_in: bool = False):
    """A rate-limit key per e-mail address: the form's, or the signed-in person's."""
    def key() -> str:
        if signed_in:
            email = current_user.email if current_user.is_authenticated else ""
        else:
            email = request.form.get("email", "")
        return f"{prefix}:{services.normalize_email(email)}"
    return key


_account_key = _address_key("account")


def _start_session(user, remember: bool = False) -> None:
    # A fresh session on log-in: nothing from before survives but the language choice.
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    login_user(user, remember=remember)


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit(_limit("SIGNUP_LIMIT_PER_IP"), methods=["POST"])
@public
def signup():
    """Create an unconfirmed account; never log in.

    A new address, a registered one and a bot get the same answer (a redirect, no change
    to the session): logging the new account in would tell anyone which addresses have
    an account. The person logs in after confirming.
    """
    if current_user.is_authenticated:
        return redirect(url_for("pages.home"))
    form = SignupForm()
    if form.validate_on_submit():
        if form.website.data:
            return redirect(url_for("accounts.check_inbox"))  # a bot: pretend, create nothing
        try:
            services.register_user(form.email.data, form.display_name.data,
                                   form.password.data, locale=str(get_locale()))
        except DomainError as error:
            show_domain_error(form, error)
        else:
            db.session.commit()
            return redirect(url_for("accounts.check_inbox"))
    return render_template("accounts/signup.html", form=form)


@bp.get("/signup/check-inbox")
@public
def check_inbox():
    return render_template("accounts/check_inbox.html", form=ResendConfirmationForm())


@bp.route("/confirm/<token>", methods=["GET", "POST"])
@public
def confirm(token):
    if request.method != "POST":  # GET, and HEAD which must never confirm either
        # Mail scanners follow links: only the button (a POST) confirms.
        user = services.user_for_confirmation(token)
        return render_template("accounts/confirm.html", form=EmptyForm(), user=user,
                               token=token)
    user = services.confirm_email(token)
    db.session.commit()
    if current_user.is_authenticated:
        flash(_("Thank you: your e-mail address is confirmed."), "success")
        return redirect(url_for("pages.home"))
    # Never logged in here: the link alone is not the password.
    session[LOGIN_EMAIL_KEY] = user.email
    flash(_("Thank you: your e-mail address is confirmed. Log in with your password to "
            "take part."), "success")
    return redirect(url_for("accounts.login"))


@bp.route("/signup/resend", methods=["GET", "POST"])
@limiter.limit(_limit("RESET_LIMIT_PER_IP"), methods=["POST"])
@limiter.shared_limit(_limit("CONFIRM_RESEND_LIMIT_PER_ADDRESS"), RESEND_SCOPE,
                      methods=["POST"], key_func=_address_key("resend"))
@public
def resend_request():
    """A new confirmation link for whoever knows the address; the same answer for every
    address (registered, confirmed or not)."""
    form = ResendConfirmationForm()
    if form.validate_on_submit():
        services.resend_confirmation_to(form.email.data)
        db.session.commit()
        flash(_("If an unconfirmed account exists for this address, we sent it a new "
                "confirmation link. Check your inbox (and your spam folder)."), "success")
        return redirect(url_for("accounts.check_inbox"))
    return render_template("accounts/resend_request.html", form=form)


@bp.post("/signup/resend-confirmation")
@limiter.limit(_limit("RESET_LIMIT_PER_IP"))
@limiter.shared_limit(_limit("CONFIRM_RESEND_LIMIT_PER_ADDRESS"), RESEND_SCOPE,
                      key_func=_address_key("resend", signed_in=True))
@login_required
def resend_confirmation():
    if services.resend_confirmation(current_user):
        db.session.commit()
        flash(_("We sent you a new confirmation link. Check your inbox (and your spam "
                "folder)."), "success")
    else:
        flash(_("Your e-mail address is already confirmed."), "info")
    return redirect(safe_next_url(request.form.get("next"), url_for("accounts.check_inbox")))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_limit("LOGIN_LIMIT_PER_IP"), methods=["POST"], deduct_when=_failed)
@limiter.limit(_limit("LOGIN_LIMIT_PER_ACCOUNT"), methods=["POST"], deduct_when=_failed,
               key_func=_account_key)
@public
def login():
    form = LoginForm()
    if request.method in ("GET", "HEAD"):
        form.next.data = request.args.get("next", "")
        if LOGIN_EMAIL_KEY in session:  # just confirmed: the address is known
            form.email.data = session.pop(LOGIN_EMAIL_KEY)
    target = safe_next_url(form.next.data, url_for("pages.home"))
    if current_user.is_authenticated and request.method in ("GET", "HEAD"):
        return redirect(target)
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data)
        except DomainError as error:
            show_domain_error(form, error)
        else:
            db.session.commit()
            _start_session(user, remember=form.remember.data)
            if not user.is_confirmed:
                flash(_("Your e-mail address is not confirmed yet: follow the link we sent "
                        "you, or ask for a new one."), "warning")
                if not form.next.data:
                    return redirect(url_for("accounts.check_inbox"))
            return redirect(target)
    return render_template("accounts/login.html", form=form)


@bp.post("/logout")
@public
def logout():
    if current_user.is_authenticated:
        logout_user()
        session.clear()
        flash(_("You are logged out. See you soon!"), "success")
    return redirect(url_for("pages.home"))


@bp.route("/reset", methods=["GET", "POST"])
@limiter.limit(_limit("RESET_LIMIT_PER_IP"), methods=["POST"])
@public
def reset_request():
    form = ResetRequestForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        db.session.commit()
        flash(_("If an account exists for this address, we sent it a link to choose a new "
                "password. It works for %(minutes)d minutes.",
                minutes=current_app.config["RESET_TOKEN_MAX_AGE"] // 60), "success")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_request.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
@public
def reset_password(token):
    user = services.user_for_reset_token(token)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            services.reset_password(user, form.password.data)
        except DomainError as error:
            show_domain_error(form, error)
        else:
            db.session.commit()
            _start_session(user)
            flash(_("Your new password is set and you are logged in. Your other sessions "
                    "have been closed."), "success")
            return redirect(url_for("pages.home"))
    return render_template("accounts/reset_password.html", form=form, token=token)
