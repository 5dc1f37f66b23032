"""Forms for organizations and their members."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField, EmailField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from civic.core.forms import BaseForm
from civic.organizations.models import ORGANIZATION_KINDS
from civic.organizations.services import is_http_url

IMAGE_ACCEPT = "image/png,image/jpeg,image/webp,image/gif"


def _kind_choices():
    return [(key, label) for key, label in ORGANIZATION_KINDS.items()]


def _role_choices():
    return [("member", _l("Member")), ("owner", _l("Owner"))]


def http_url(form, field):
    if field.data and not is_http_url(field.data):
        raise ValidationError(_l("Enter the full address of the website, starting with "
                                 "https://"))


class OrganizationForm(BaseForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(min=2, max=120)])
    kind = SelectField(_l("Kind of organization"), choices=_kind_choices,
                       validators=[DataRequired()])
    description = TextAreaField(_l("Description"),
                                validators=[Optional(), Length(max=10_000)])
    website = StringField(_l("Website"), validators=[Optional(), Length(max=300), http_url])
    logo_file = FileField(_l("Logo"))


class EditOrganizationForm(OrganizationForm):
    remove_logo = BooleanField(_l("Remove the current logo"))


class InviteForm(BaseForm):
    email = EmailField(_l("E-mail address"),
                       validators=[DataRequired(), Email(), Length(max=254)])
    role = SelectField(_l("Role"), choices=_role_choices, default="member",
                       validators=[DataRequired()])


class JoinRequestForm(BaseForm):
    message = TextAreaField(_l("Message to the owners"),
                            validators=[Optional(), Length(max=2000)])


class RoleForm(BaseForm):
    role = SelectField(_l("Role"), choices=_role_choices)


class UnverifyForm(BaseForm):
    reason = StringField(_l("Reason"), validators=[Optional(), Length(max=500)])
