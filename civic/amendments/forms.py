"""Forms for proposing amendments, and for the staff's decision."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from civic.amendments.services import BODY_MAX, JUSTIFICATION_MAX, TITLE_MAX
from civic.core.forms import BaseForm

STATUS_LABELS = {
    "pending": _l("Awaiting a decision"), "accepted": _l("Accepted"),
    "rejected": _l("Rejected"), "withdrawn": _l("Withdrawn"),
}


class AmendmentForm(BaseForm):
    title = StringField(_l("Title of your amendment"),
                        validators=[DataRequired(), Length(max=TITLE_MAX)])
    proposed_body = TextAreaField(_l("Proposed text of the section"),
                                  validators=[DataRequired(), Length(max=BODY_MAX)])
    justification = TextAreaField(_l("Justification"),
                                  validators=[DataRequired(), Length(max=JUSTIFICATION_MAX)])
    organization = SelectField(_l("Propose on behalf of"), coerce=int, default=0)
    preview = SubmitField(_l("Preview the changes"))
    save = SubmitField(_l("Propose the amendment"))

    def set_choices(self, organizations) -> None:
        self.organization.choices = [SelectChoice(0, _l("Myself"))] + [
            SelectChoice(org.id, org.name) for org in organizations]


class DecisionForm(BaseForm):
    answer = TextAreaField(_l("Public answer"), validators=[Optional(), Length(max=20_000)])


class StatusFilterForm(BaseForm):
    class Meta:
        csrf = False

    status = SelectField(_l("Status"), default="", validators=[Optional()],
                         choices=[SelectChoice("", _l("All statuses"))] + [
                             SelectChoice(value, label) for value, label in
                             STATUS_LABELS.items()])
