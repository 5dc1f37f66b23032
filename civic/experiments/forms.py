"""Forms for running experiments (staff) and the labels of their states."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    FieldList,
    FloatField,
    Form,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from civic.core.forms import BaseForm
from civic.proposals.forms import choices, theme_options

STATUS_LABELS = {"planned": _l("Planned"), "running": _l("Running"),
                 "evaluated": _l("Evaluated"), "stopped": _l("Stopped")}
ROLE_LABELS = {"lead": _l("Lead"), "partner": _l("Partner")}
OUTCOME_LABELS = {"adopt": _l("Adopt"), "adapt": _l("Adapt"), "abandon": _l("Abandon")}
PARTNER_ROWS = 5
INDICATOR_ROWS = 6


class PartnerRow(Form):
    """One row of the partners table (a sub-form: the CSRF token is the parent's)."""

    organization = SelectField(_l("Organization"), coerce=int, default=0,
                               validate_choice=False)
    role = SelectField(_l("Role"), default="partner", choices=choices(ROLE_LABELS.items()))


class ExperimentForm(BaseForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(min=5, max=150)])
    description = TextAreaField(_l("Description"),
                                validators=[DataRequired(), Length(max=20_000)])
    theme = SelectField(_l("Theme of the master plan"), coerce=int,
                        validators=[DataRequired()])
    proposals = StringField(_l("Linked proposals"), validators=[Optional(), Length(max=500)])
    partners = FieldList(FormField(PartnerRow), label=_l("Partners"), min_entries=PARTNER_ROWS,
                         max_entries=PARTNER_ROWS)
    address = StringField(_l("Address or place"), validators=[Optional(), Length(max=300)])
    latitude = FloatField(_l("Latitude"), validators=[Optional()])
    longitude = FloatField(_l("Longitude"), validators=[Optional()])
    starts_on = DateField(_l("Start date"), validators=[Optional()])
    ends_on = DateField(_l("End date"), validators=[Optional()])
    budget_euros = IntegerField(_l("Budget (euros)"),
                                validators=[Optional(), NumberRange(min=0, max=10**9)])

    def set_choices(self, themes, organizations) -> None:
        self.theme.choices = theme_options(themes)
        options = choices([(0, _l("No organization")),
                           *((org.id, org.name) for org in organizations)])
        for row in self.partners:
            row.organization.choices = options


class StopForm(BaseForm):
    reason = TextAreaField(_l("Why is the experiment stopped?"),
                           validators=[DataRequired(), Length(max=5000)])


class UpdateForm(BaseForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=150)])
    body = TextAreaField(_l("What happened"), validators=[DataRequired(), Length(max=20_000)])
    happened_on = DateField(_l("Date"), validators=[DataRequired()])


class IndicatorRow(Form):
    name = StringField(_l("Indicator"), validators=[Optional(), Length(max=150)])
    unit = StringField(_l("Unit"), validators=[Optional(), Length(max=40)])
    target = StringField(_l("Target"), validators=[Optional(), Length(max=30)])
    measured = StringField(_l("Measured value"), validators=[Optional(), Length(max=30)])


class EvaluationForm(BaseForm):
    summary = TextAreaField(_l("Summary"), validators=[DataRequired(), Length(max=20_000)])
    outcome = SelectField(_l("Outcome"), validators=[DataRequired()],
                          choices=choices([("", _l("Choose an outcome")),
                                           *OUTCOME_LABELS.items()]))
    lessons = TextAreaField(_l("Lessons learned"),
                            validators=[DataRequired(), Length(max=20_000)])
    indicators = FieldList(FormField(IndicatorRow), label=_l("Indicators"),
                           min_entries=INDICATOR_ROWS,
                           max_entries=INDICATOR_ROWS)
