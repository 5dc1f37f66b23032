"""Experiments as content: comments, reports and moderation find them here."""
from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _

from civic.core.content import ContentType
from civic.core.sanitize import plain_text
from civic.experiments.models import FOLLOW_TYPE, Experiment


def comments_closed(experiment: Experiment) -> str | None:
    """Open while planned, running and once evaluated (people discuss the results);
    closed once stopped."""
    if experiment.status == "stopped":
        return _("Comments are closed: this experiment was stopped.")
    return None


CONTENT_TYPES = (
    ContentType(
        name="experiment", model=Experiment,
        label=lambda e: e.title,
        url=lambda e: url_for("experiments.detail", experiment_id=e.id),
        author_id=lambda e: None,  # written by staff for the metropolis, not a person
        excerpt=lambda e: plain_text(e.description or "", 300),
        comments_closed=comments_closed,
        follow_type=FOLLOW_TYPE,
        authored_by=None,
        reportable=True,
    ),
)
