"""The comment form (new comment, reply, edit) and the vote button's value."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, SelectChoice, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired

from civic.core.forms import BaseForm

ALIGNMENT_LABELS = {"for": _l("For"), "against": _l("Against"), "neutral": _l("Neutral")}


def _int_or_none(value):
    """A database id, or None (empty, not a number, or too large for the database)."""
    try:
        number = int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None
    return number if number is not None and 0 < number < 2**31 else None


class CommentForm(BaseForm):
    body = TextAreaField(_l("Your comment"),
                         validators=[DataRequired(_l("Write your comment before sending it."))])
    alignment = RadioField(_l("Your position"),
                           choices=[SelectChoice(value, label)
                                    for value, label in ALIGNMENT_LABELS.items()],
                           default="neutral",
                           validators=[InputRequired(_l("Say whether you are for, against "
                                                        "or neutral."))])
    organization = SelectField(_l("Comment on behalf of"), coerce=int, default=0)
    parent_id = HiddenField(filters=[_int_or_none])

    def set_organizations(self, organizations) -> None:
        self.organization.choices = [SelectChoice(0, _l("Myself"))] + [
            SelectChoice(org.id, org.name) for org in organizations]


class VoteForm(BaseForm):
    value = RadioField(choices=[SelectChoice("up", _l("Up")),
                                SelectChoice("down", _l("Down"))],
                       validators=[InputRequired()])
