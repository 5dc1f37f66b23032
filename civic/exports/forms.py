"""The staff export form: what to export, in which format, with which filters."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import DateField, SelectChoice, SelectField
from wtforms.validators import InputRequired, Optional, ValidationError

from civic.core.forms import BaseForm
from civic.exports.kinds import Filters, all_kinds
from civic.extensions import db
from civic.masterplan.models import Section

FORMAT_CHOICES = [
    SelectChoice("xlsx", _l("Spreadsheet (XLSX)")),
    SelectChoice("csv", _l("CSV (UTF-8, comma-separated)")),
    SelectChoice("json", _l("JSON")),
]


def _optional_int(value):
    if value in (None, "", "None"):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValueError(_l("Choose a theme from the list.")) from None


class ExportForm(BaseForm):
    kind = SelectField(_l("Data"), choices=[], validators=[InputRequired()],
                       validate_choice=False)  # the service says which kinds exist and who
    format = SelectField(_l("Format"), choices=FORMAT_CHOICES, default="xlsx",
                         validators=[InputRequired()])
    theme = SelectField(_l("Theme"), choices=[], coerce=_optional_int,
                        validators=[Optional()], validate_choice=False)
    status = SelectField(_l("Status"), choices=[], validators=[Optional()])
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To (included)"), validators=[Optional()])

    def set_choices(self, kinds) -> None:
        self.kind.choices = [SelectChoice(kind.name, kind.label) for kind in kinds]
        sections = db.session.scalars(select(Section).order_by(Section.position, Section.id))
        axes, projects = [], {}
        for section in sections:
            if section.parent_id is None:
                axes.append(section)
            else:
                projects.setdefault(section.parent_id, []).append(section)
        themes = [SelectChoice("", _l("All themes"))]
        for axis in axes:
            themes.append(SelectChoice(str(axis.id), axis.title))
            themes.extend(SelectChoice(str(p.id), f"— {p.title}")
                          for p in projects.get(axis.id, ()))
        self.theme.choices = themes
        statuses = sorted({status for kind in all_kinds() for status in kind.statuses})
        self.status.choices = ([SelectChoice("", _l("All statuses"))]
                               + [SelectChoice(s, s) for s in statuses])

    def validate_date_to(self, field):
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("The end date must be on or after the start date."))

    def filters(self) -> Filters:
        return Filters(theme_id=self.theme.data, status=self.status.data or "",
                       date_from=self.date_from.data, date_to=self.date_to.data)
