"""The audit log viewer's filter (a GET form: nothing changes, so no CSRF token)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectChoice, SelectField, StringField
from wtforms.validators import Length, Optional, ValidationError

from civic.audit.queries import AuditFilter
from civic.core.forms import BaseForm


class AuditFilterForm(BaseForm):
    class Meta:
        csrf = False

    action = SelectField(_l("Action"), choices=[], validate_choice=False)
    actor = StringField(_l("Done by (name or e-mail)"), validators=[Optional(), Length(max=200)])
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To (included)"), validators=[Optional()])

    def set_actions(self, actions: list[str]) -> None:
        self.action.choices = ([SelectChoice("", _l("All actions"))]
                               + [SelectChoice(action) for action in actions])

    def validate_date_to(self, field):
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("The end date must be on or after the start date."))

    def criteria(self) -> AuditFilter:
        return AuditFilter(action=self.action.data or "", actor=self.actor.data or "",
                           date_from=self.date_from.data, date_to=self.date_to.data)
