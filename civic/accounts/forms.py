"""Forms of sign-up, log-in and password reset."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Regexp, ValidationError

from civic.accounts.passwords import password_problem
from civic.core.forms import BaseForm

# Letters (any alphabet), digits, spaces and a few separators: names appear in @mentions.
DISPLAY_NAME_PATTERN = r"^[^\W_][\w .'’-]*$"
DISPLAY_NAME_RULE = _l("Use letters, digits, spaces, hyphens, dots and apostrophes only, "
                       "starting with a letter or a digit.")


def _email_field(**kwargs):
    return StringField(_l("E-mail address"), validators=[
        DataRequired(_l("Enter your e-mail address.")),
        Length(max=254, message=_l("Use at most 254 characters.")),
        Email(_l("Enter a valid e-mail address, like name@example.org.")),
    ], **kwargs)


def _new_password_fields():
    password = PasswordField(_l("Password"), validators=[
        DataRequired(_l("Choose a password.")),
    ])
    confirm = PasswordField(_l("Password again"), validators=[
        DataRequired(_l("Type the password a second time.")),
        EqualTo("password", _l("The two passwords are different. Type the same one twice.")),
    ])
    return password, confirm


class SignupForm(BaseForm):
    email = _email_field()
    display_name = StringField(_l("Display name"), validators=[
        DataRequired(_l("Choose a display name.")),
        Length(min=2, max=80, message=_l("Use between 2 and 80 characters.")),
        Regexp(DISPLAY_NAME_PATTERN, message=DISPLAY_NAME_RULE),
    ])
    password, password_confirm = _new_password_fields()
    # Honeypot: hidden from people, filled by bots.
    website = StringField(_l("Leave this field empty"))

    def validate_password(self, field):
        problem = password_problem(field.data or "", email=self.email.data or "",
                                   display_name=self.display_name.data or "")
        if problem:
            raise ValidationError(problem)


class LoginForm(BaseForm):
    email = StringField(_l("E-mail address"), validators=[
        DataRequired(_l("Enter your e-mail address.")),
        Length(max=254, message=_l("Use at most 254 characters.")),
    ])
    password = PasswordField(_l("Password"), validators=[
        DataRequired(_l("Enter your password.")),
    ])
    remember = BooleanField(_l("Keep me logged in on this device"))
    next = HiddenField()


class ResetRequestForm(BaseForm):
    email = _email_field()


class ResendConfirmationForm(BaseForm):
    email = _email_field()


class ResetPasswordForm(BaseForm):
    password, password_confirm = _new_password_fields()
