"""Forms for editing the master plan's draft and publishing it."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from civic.core.forms import BaseForm
from civic.masterplan.services import SUMMARY_MAX, TEXT_MAX, TITLE_MAX


class SectionTextForm(BaseForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=TITLE_MAX)])
    summary = TextAreaField(_l("Summary"), validators=[Optional(), Length(max=SUMMARY_MAX)])
    body = TextAreaField(_l("Text"), validators=[Optional(), Length(max=TEXT_MAX)])
    objectives = TextAreaField(_l("Objectives"), validators=[Optional(), Length(max=TEXT_MAX)])
    indicators = TextAreaField(_l("Indicators"), validators=[Optional(), Length(max=TEXT_MAX)])
    position = IntegerField(_l("Position among its siblings"),
                            validators=[Optional(), NumberRange(min=0, max=999)])
    # The version of the text this form was loaded with (optimistic locking).
    version = HiddenField(validators=[DataRequired(), Regexp(r"^\d{1,9}$")])

    def text_data(self) -> dict:
        return {"title": self.title.data or "", "summary": self.summary.data or "",
                "body": self.body.data or "", "objectives": self.objectives.data or "",
                "indicators": self.indicators.data or "", "position": self.position.data}


class PublishForm(BaseForm):
    summary = TextAreaField(_l("Summary of the changes"),
                            validators=[DataRequired(), Length(max=SUMMARY_MAX)])
