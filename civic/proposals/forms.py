"""Forms for proposing, and for the Lab's answers."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import MultipleFileField
from wtforms import FloatField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from civic.core.forms import BaseForm

ATTACHMENT_ACCEPT = "image/png,image/jpeg,image/webp,image/gif,application/pdf"
KIND_LABELS = {"idea": _l("Idea"), "experiment": _l("Experiment proposal")}
STATUS_LABELS = {
    "draft": _l("Draft"), "published": _l("Published"), "under_review": _l("Under review"),
    "accepted": _l("Accepted"), "rejected": _l("Rejected"),
    "experimenting": _l("Being experimented"), "integrated": _l("Integrated in the plan"),
    "withdrawn": _l("Withdrawn"),
}


def choices(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def theme_options(themes, first=()) -> list[SelectChoice]:
    """Axes, each followed by its flagship projects marked with a dash."""
    return choices([*first, *((section.id, section.title if section.is_axis
                               else f"— {section.title}") for section in themes)])


class ProposalForm(BaseForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(min=5, max=150)])
    body = TextAreaField(_l("Your proposal"),
                         validators=[DataRequired(), Length(min=15, max=20_000)])
    theme = SelectField(_l("Theme of the master plan"), coerce=int,
                        validators=[DataRequired()])
    kind = SelectField(_l("Kind"), choices=choices(KIND_LABELS.items()), default="idea",
                       validators=[DataRequired()])
    organization = SelectField(_l("Publish on behalf of"), coerce=int, default=0)
    address = StringField(_l("Address or place"), validators=[Optional(), Length(max=300)])
    latitude = FloatField(_l("Latitude"), validators=[Optional()])
    longitude = FloatField(_l("Longitude"), validators=[Optional()])
    attachments = MultipleFileField(_l("Attachments (images or PDF)"))

    def set_choices(self, themes, organizations) -> None:
        """Themes: axes and their flagship projects; organizations the author may act for."""
        self.theme.choices = theme_options(themes)
        self.organization.choices = choices(
            [(0, _l("Myself"))] + [(org.id, org.name) for org in organizations])


class StatusForm(BaseForm):
    status = SelectField(_l("New status"), validators=[DataRequired()])
    answer = TextAreaField(_l("Public answer"), validators=[Optional(), Length(max=20_000)])
    internal_note = TextAreaField(_l("Internal note (moderators and staff only)"),
                                  validators=[Optional(), Length(max=10_000)])


class ReviewFilterForm(BaseForm):
    class Meta:
        csrf = False

    theme = SelectField(_l("Theme"), coerce=int, default=0, validators=[Optional()])
    status = SelectField(_l("Status"), default="",
                         choices=choices([("", _l("Awaiting an answer")),
                                          ("published", STATUS_LABELS["published"]),
                                          ("under_review", STATUS_LABELS["under_review"])]))
    kind = SelectField(_l("Kind"), default="",
                       choices=choices([("", _l("All kinds")), *KIND_LABELS.items()]))
    threshold = SelectField(_l("Support threshold"), default="",
                            choices=choices([("", _l("All")), ("reached", _l("Reached")),
                                             ("not_reached", _l("Not reached"))]))
    sort = SelectField(_l("Sort"), default="oldest",
                       choices=choices([("oldest", _l("Oldest first")),
                                        ("supports", _l("Most supported first"))]))

    def set_choices(self, themes) -> None:
        self.theme.choices = theme_options(themes, first=[(0, _l("All themes"))])
