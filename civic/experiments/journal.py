"""The experiment's public journal: dated progress updates posted by staff."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from civic.audit.services import record
from civic.core.errors import DomainError
from civic.experiments.models import Experiment, ExperimentUpdate
from civic.experiments.notify import notify_update
from civic.experiments.services import require_manager
from civic.extensions import db


def post_update(actor, experiment: Experiment, data: dict, *,
                today: date | None = None) -> ExperimentUpdate:
    """Add a journal entry (title, body, happened_on: today or any past day) and tell
    the followers."""
    require_manager(actor)
    if experiment.status == "stopped":
        raise DomainError(_("This experiment is stopped: its journal is closed."))
    title = (data.get("title") or "").strip()
    if not title or len(title) > 150:
        raise DomainError(_("Give the update a title of at most 150 characters."),
                          field="title")
    body = (data.get("body") or "").strip()
    if not body:
        raise DomainError(_("Say what happened: the text of the update is required."),
                          field="body")
    happened_on = data.get("happened_on")
    if happened_on is None:
        raise DomainError(_("Give the date of the update."), field="happened_on")
    if happened_on > (today or date.today()):
        raise DomainError(_("The date of an update cannot be in the future."),
                          field="happened_on")
    update = ExperimentUpdate(experiment=experiment, author=actor, title=title, body=body,
                              happened_on=happened_on)
    db.session.add(update)
    db.session.flush()
    record(actor, "experiment.update", experiment, target_label=experiment.title,
           after={"update": title, "happened_on": happened_on.isoformat()})
    notify_update(experiment, update, actor)
    return update
