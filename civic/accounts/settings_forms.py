"""Forms of the settings pages: profile, notifications, password, e-mail, deletion."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    EmailField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length, Regexp

from civic.accounts.forms import DISPLAY_NAME_PATTERN, DISPLAY_NAME_RULE
from civic.core.forms import BaseForm

BIO_MAX_LENGTH = 2000
LANGUAGE_CHOICES = [SelectChoice("fr", "Français"), SelectChoice("en", "English")]


class ProfileForm(BaseForm):
    display_name = StringField(
        _l("Display name"),
        validators=[DataRequired(_l("Enter the name other participants will see.")),
                    Length(min=2, max=80, message=_l("Use between 2 and 80 characters.")),
                    # the sign-up rule: names are @mentioned in comments
                    Regexp(DISPLAY_NAME_PATTERN, message=DISPLAY_NAME_RULE)],
    )
    bio = TextAreaField(
        _l("About you"),
        validators=[Length(max=BIO_MAX_LENGTH,
                           message=_l("Use at most %(max)d characters.", max=BIO_MAX_LENGTH))],
        render_kw={"maxlength": BIO_MAX_LENGTH},
    )
    locale = SelectField(_l("Language"), choices=LANGUAGE_CHOICES,
                         validators=[DataRequired(_l("Choose a language."))])


class NotificationsForm(BaseForm):
    email_frequency = RadioField(
        _l("E-mails about activity"),
        choices=[SelectChoice("immediate", _l("Right away")),
                 SelectChoice("daily", _l("Once a day, in a summary")),
                 SelectChoice("never", _l("Never"))],
        default="daily",
        validators=[DataRequired(_l("Choose how often you want e-mails."))],
    )


class PasswordChangeForm(BaseForm):
    current_password = PasswordField(
        _l("Current password"), validators=[DataRequired(_l("Enter your current password."))])
    new_password = PasswordField(
        _l("New password"), validators=[DataRequired(_l("Enter a new password."))])
    confirm_password = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(_l("Repeat the new password.")),
                    EqualTo("new_password", message=_l("The two passwords are different. "
                                                       "Type the same password twice."))],
    )


class EmailChangeForm(BaseForm):
    new_email = EmailField(
        _l("New e-mail address"),
        validators=[DataRequired(_l("Enter your new e-mail address.")),
                    Length(max=254, message=_l("Use at most 254 characters.")),
                    Email(message=_l("Enter an e-mail address like name@example.org."),
                          check_deliverability=False)],
    )
    current_password = PasswordField(
        _l("Current password"), validators=[DataRequired(_l("Enter your current password."))])


class DeleteAccountForm(BaseForm):
    password = PasswordField(
        _l("Your password"), validators=[DataRequired(_l("Enter your password to confirm."))])
