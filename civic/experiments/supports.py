"""Supporting and following experiments: once per account, counters changed in SQL
(the mechanics are civic.supports')."""
from __future__ import annotations

from flask_babel import gettext as _

from civic.core import permissions
from civic.core.errors import DomainError, NotFound
from civic.experiments.models import FOLLOW_TYPE, Experiment, ExperimentSupport
from civic.proposals.checks import require_confirmed, require_unblocked
from civic.supports import Toggles, set_state

SUPPORTABLE_STATUSES = ("planned", "running", "evaluated")
TOGGLES = Toggles(Experiment, ExperimentSupport, "experiment_id", FOLLOW_TYPE)


def _check_can_support(user, experiment: Experiment) -> None:
    require_unblocked(user)
    require_confirmed(user)
    if experiment.moderation != "visible":
        raise DomainError(_("This experiment was hidden by the moderators: it no longer "
                            "accepts supports."))
    if experiment.status not in SUPPORTABLE_STATUSES:
        raise DomainError(_("This experiment is stopped: it no longer accepts supports."))


def has_supported(user, experiment: Experiment) -> bool:
    return TOGGLES.has_supported(user, experiment)


def support_experiment(user, experiment: Experiment) -> bool:
    """Add `user`'s support; False if they already supported (no count change)."""
    _check_can_support(user, experiment)
    return TOGGLES.add_support(user, experiment)


def unsupport_experiment(user, experiment: Experiment) -> bool:
    """Take `user`'s support back; False if there was none."""
    return TOGGLES.remove_support(user, experiment)


def set_support(user, experiment: Experiment, wanted: bool | None = None) -> bool:
    """Support (True), take the support back (False) or toggle (None); returns whether
    `user` now supports the experiment."""
    return set_state(user, experiment, wanted, has_supported, support_experiment,
                     unsupport_experiment)


def is_following(user, experiment: Experiment) -> bool:
    return TOGGLES.is_following(user, experiment)


def follow_experiment(user, experiment: Experiment) -> bool:
    if not permissions.can_view_hidden_content(user, experiment):
        raise NotFound(_("This experiment does not exist."))
    return TOGGLES.add_follow(user, experiment)


def unfollow_experiment(user, experiment: Experiment) -> bool:
    return TOGGLES.remove_follow(user, experiment)


def set_follow(user, experiment: Experiment, wanted: bool | None = None) -> bool:
    return set_state(user, experiment, wanted, is_following, follow_experiment,
                     unfollow_experiment)
