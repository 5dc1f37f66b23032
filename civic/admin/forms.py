"""Forms of the admin area."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, IntegerField, SelectChoice, SelectField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from civic.admin.services import ROLE_LABELS
from civic.core.forms import BaseForm
from civic.core.permissions import GRANTABLE_ROLES
from civic.core.routing import MAX_ID


class RoleChangeForm(BaseForm):
    """Grant or revoke one role for one person (a select or a one-click button)."""

    # Bounded like ids in URLs: a bigger number is a 400, not a database overflow.
    user_id = IntegerField(_l("Person"), validators=[InputRequired(), NumberRange(1, MAX_ID)])
    role = SelectField(_l("Role"), validators=[DataRequired()],
                       choices=[SelectChoice(role, ROLE_LABELS[role]) for role in GRANTABLE_ROLES])
    # The search the admin came from, to go back to it afterwards.
    q = HiddenField(validators=[Length(max=200)])
