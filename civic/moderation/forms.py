"""Forms for reporting, moderators' decisions and blocks."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from civic.core.forms import BaseForm
from civic.moderation.decisions import ACTION_LABELS, REASON_MAX_LENGTH
from civic.moderation.reports import DETAILS_MAX_LENGTH, REASON_LABELS


class ReportForm(BaseForm):
    reason = RadioField(_l("Why do you report this content?"),
                        choices=[SelectChoice(k, v) for k, v in REASON_LABELS.items()],
                        validators=[DataRequired(_l("Choose why you report this content."))])
    details = TextAreaField(_l("Details for the moderators"),
                            validators=[Optional(), Length(max=DETAILS_MAX_LENGTH)])


class HideForm(BaseForm):
    reason = TextAreaField(_l("Public reason"),
                           validators=[DataRequired(_l("Give the reason: it is shown publicly "
                                                       "in place of the content.")),
                                       Length(max=REASON_MAX_LENGTH)])


class DecisionForm(BaseForm):
    """Restore, dismiss, approve: the reason is optional (it goes to the audit log)."""

    reason = TextAreaField(_l("Reason"), validators=[Optional(), Length(max=REASON_MAX_LENGTH)])


class BulkForm(BaseForm):
    case_ids = SelectMultipleField(_l("Cases"), coerce=int,
                                   widget=ListWidget(prefix_label=False),
                                   option_widget=CheckboxInput(),
                                   validators=[DataRequired(_l("Select at least one case."))])
    action = SelectField(_l("Action on the selected cases"),
                         choices=[SelectChoice("", _l("Choose…"))]
                         + [SelectChoice(k, v) for k, v in ACTION_LABELS.items()],
                         validators=[DataRequired(_l("Choose an action."))])
    reason = TextAreaField(_l("Reason (required to hide: shown publicly)"),
                           validators=[Optional(), Length(max=REASON_MAX_LENGTH)])


class BlockForm(BaseForm):
    reason = TextAreaField(_l("Reason (the person reads it)"),
                           validators=[DataRequired(_l("Give the reason: the person is told "
                                                       "why they are blocked.")),
                                       Length(max=REASON_MAX_LENGTH)])
    until = DateField(_l("Blocked until"), validators=[Optional()])
    hide_content = BooleanField(_l("Also hide all of this person's content"))
