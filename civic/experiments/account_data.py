"""A person's supports and follows of experiments: GDPR export and erasure.

Listed in civic.ACCOUNT_PARTS before civic.proposals.account_data, whose erasure drops
every follow of the person: the followers counts must be lowered first.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select, update

from civic.experiments.models import FOLLOW_TYPE, Experiment, ExperimentSupport
from civic.extensions import db
from civic.follows.models import Follow


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def export(user) -> dict[str, Any]:
    supports = db.session.execute(
        select(ExperimentSupport.created_at, Experiment.id, Experiment.title)
        .join(Experiment, Experiment.id == ExperimentSupport.experiment_id)
        .where(ExperimentSupport.user_id == user.id).order_by(ExperimentSupport.created_at))
    followed = db.session.execute(
        select(Follow.created_at, Experiment.id, Experiment.title)
        .join(Experiment, Experiment.id == Follow.target_id)
        .where(Follow.user_id == user.id, Follow.target_type == FOLLOW_TYPE)
        .order_by(Follow.created_at))
    return {
        "experiment_supports": [{"experiment_id": eid, "title": title,
                                 "created_at": _iso(at)} for at, eid, title in supports],
        "followed_experiments": [{"experiment_id": eid, "title": title,
                                  "created_at": _iso(at)} for at, eid, title in followed],
    }


def erase(user) -> None:
    """On account deletion: drop the follows (followers counts stay exact). Supports stay,
    as for proposals: the account remains as "Deleted participant", so counts stay exact."""
    followed = select(Follow.target_id).where(Follow.user_id == user.id,
                                              Follow.target_type == FOLLOW_TYPE)
    db.session.execute(
        update(Experiment).where(Experiment.id.in_(followed))
        .values(followers_count=Experiment.followers_count - 1)
        .execution_options(synchronize_session=False))
    db.session.execute(delete(Follow).where(Follow.user_id == user.id,
                                            Follow.target_type == FOLLOW_TYPE)
                       .execution_options(synchronize_session=False))
