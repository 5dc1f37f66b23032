"""Supporting and following experiments: once per account, counters changed in SQL."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import attributes

from civic.core import permissions
from civic.core.errors import DomainError, NotFound, PermissionDenied
from civic.experiments.models import FOLLOW_TYPE, Experiment, ExperimentSupport
from civic.extensions import db
from civic.follows import services as follows

SUPPORTABLE_STATUSES = ("planned", "running", "evaluated")


def _bump(experiment: Experiment, column: str, delta: int) -> int:
    """Change a counter in SQL (never read-modify-write) and return its new value."""
    value = db.session.execute(
        update(Experiment).where(Experiment.id == experiment.id)
        .values({column: getattr(Experiment, column) + delta})
        .returning(getattr(Experiment, column))
        .execution_options(synchronize_session=False)
    ).scalar_one()
    attributes.set_committed_value(experiment, column, value)
    return value


def _check_can_support(user, experiment: Experiment) -> None:
    message = permissions.blocked_message(user)
    if message:
        raise PermissionDenied(message)
    if not getattr(user, "is_confirmed", False):
        raise PermissionDenied(_("Confirm your e-mail address first: open the link we sent "
                                 "you, or ask for a new one."))
    if experiment.moderation != "visible":
        raise DomainError(_("This experiment was hidden by the moderators: it no longer "
                            "accepts supports."))
    if experiment.status not in SUPPORTABLE_STATUSES:
        raise DomainError(_("This experiment is stopped: it no longer accepts supports."))


def has_supported(user, experiment: Experiment) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return db.session.scalar(
        select(ExperimentSupport.id).where(ExperimentSupport.experiment_id == experiment.id,
                                           ExperimentSupport.user_id == user.id)
    ) is not None


def support_experiment(user, experiment: Experiment) -> bool:
    """Add `user`'s support; False if they already supported (no count change)."""
    _check_can_support(user, experiment)
    try:
        with db.session.begin_nested():
            db.session.add(ExperimentSupport(experiment_id=experiment.id, user_id=user.id))
            db.session.flush()
    except IntegrityError:
        # Supported already (maybe by a concurrent request): show the count as it is now.
        attributes.set_committed_value(experiment, "supports_count", db.session.scalar(
            select(Experiment.supports_count).where(Experiment.id == experiment.id)))
        return False
    _bump(experiment, "supports_count", 1)
    return True


def unsupport_experiment(user, experiment: Experiment) -> bool:
    """Take `user`'s support back; False if there was none."""
    result = db.session.execute(
        ExperimentSupport.__table__.delete().where(
            ExperimentSupport.experiment_id == experiment.id,
            ExperimentSupport.user_id == user.id))
    if not result.rowcount:
        return False
    _bump(experiment, "supports_count", -1)
    return True


def _set(user, experiment, wanted, is_on, turn_on, turn_off) -> bool:
    if wanted is None:
        wanted = not is_on(user, experiment)
    (turn_on if wanted else turn_off)(user, experiment)
    return wanted


def set_support(user, experiment: Experiment, wanted: bool | None = None) -> bool:
    """Support (True), take the support back (False) or toggle (None); returns whether
    `user` now supports the experiment."""
    return _set(user, experiment, wanted, has_supported, support_experiment,
                unsupport_experiment)


def is_following(user, experiment: Experiment) -> bool:
    return follows.is_following(user, FOLLOW_TYPE, experiment.id)


def follow_experiment(user, experiment: Experiment) -> bool:
    if not permissions.can_view_hidden_content(user, experiment):
        raise NotFound(_("This experiment does not exist."))
    if not follows.add_follow(user, FOLLOW_TYPE, experiment.id):
        return False
    _bump(experiment, "followers_count", 1)
    return True


def unfollow_experiment(user, experiment: Experiment) -> bool:
    if not follows.remove_follow(user, FOLLOW_TYPE, experiment.id):
        return False
    _bump(experiment, "followers_count", -1)
    return True


def set_follow(user, experiment: Experiment, wanted: bool | None = None) -> bool:
    return _set(user, experiment, wanted, is_following, follow_experiment,
                unfollow_experiment)
