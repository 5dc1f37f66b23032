"""Who hears about what happens to an experiment: its followers and those of the
proposals it experiments."""
from __future__ import annotations

from sqlalchemy import select

from civic.accounts.models import User
from civic.experiments.models import FOLLOW_TYPE, Experiment
from civic.extensions import db
from civic.follows.models import Follow
from civic.notifications.kinds import site_path
from civic.notifications.services import notify_all
from civic.proposals.models import FOLLOW_TYPE as PROPOSAL_FOLLOW_TYPE


def path_of(experiment: Experiment) -> str:
    return site_path("experiments.detail", experiment_id=experiment.id)


def audience(experiment: Experiment) -> list[User]:
    """The followers of the experiment and of its linked proposals, each once (one query)."""
    proposal_ids = [p.id for p in experiment.proposals]
    follows = Follow.target_type == FOLLOW_TYPE
    condition = follows & (Follow.target_id == experiment.id)
    if proposal_ids:
        condition = condition | ((Follow.target_type == PROPOSAL_FOLLOW_TYPE)
                                 & Follow.target_id.in_(proposal_ids))
    return list(db.session.scalars(
        select(User).where(User.id.in_(select(Follow.user_id).where(condition)),
                           User.deleted_at.is_(None))
        .order_by(User.id)))


def _send(experiment: Experiment, kind: str, actor, **extra) -> int:
    from civic.mail.services import external_url

    data = {"title": experiment.title, "path": path_of(experiment), **extra}
    return notify_all(audience(experiment), kind, experiment, actor, data=data,
                      email_link=external_url("experiments.detail",
                                              experiment_id=experiment.id))


def notify_status(experiment: Experiment, actor) -> int:
    return _send(experiment, "experiment.status", actor,
                 experiment_status=experiment.status)


def notify_update(experiment: Experiment, update, actor) -> int:
    return _send(experiment, "experiment.update", actor, update_title=update.title)
