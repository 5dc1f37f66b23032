"""Experiment pages: the public list and page, supporting and following.

Staff routes (create, edit, start, stop, journal, evaluation, accept a proposal for
experimentation) are in views_staff.py, on this blueprint.
"""
from __future__ import annotations

from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import format_date, format_decimal
from flask_babel import gettext as _
from flask_login import current_user

from civic.core import actions, permissions
from civic.core.actions import run_toggle
from civic.core.limits import limit_contributions
from civic.core.permissions import login_required, public
from civic.core.redirects import safe_next_url
from civic.experiments import queries, supports
from civic.experiments.forms import OUTCOME_LABELS, ROLE_LABELS, STATUS_LABELS
from civic.experiments.models import EXPERIMENT_STATUSES
from civic.experiments.services import next_statuses
from civic.proposals import pages as proposal_pages
from civic.proposals.forms import STATUS_LABELS as PROPOSAL_STATUS_LABELS

bp = Blueprint("experiments", __name__, url_prefix="/experiments")

LABELS = {"status_labels": STATUS_LABELS, "role_labels": ROLE_LABELS,
          "outcome_labels": OUTCOME_LABELS, "proposal_status_labels": PROPOSAL_STATUS_LABELS}


@bp.app_template_filter("day")
def day(value, fmt: str = "long") -> str:
    """A date (no time) in the reader's language."""
    return format_date(value, fmt) if value else ""


@bp.app_template_filter("decimal")
def decimal(value) -> str:
    """A number in the reader's language (12,5 in French), without useless decimals."""
    return format_decimal(value) if value is not None else ""


@bp.app_template_global("experiments_of_proposal")
def experiments_of_proposal(proposal):
    return queries.experiments_of_proposal(proposal)


def load(experiment_id: int):
    """The experiment for its page; 404 when missing."""
    experiment = queries.load_experiment(experiment_id)
    if experiment is None:
        abort(404)
    return experiment


@bp.get("/")
@public
def index():
    themes = proposal_pages.theme_choices()
    filters, errors = queries.parse_list_args(request.args, themes)
    page = queries.list_experiments(filters)
    return render_template("experiments/index.html", page=page, filters=filters,
                           errors=errors, themes=themes, statuses=EXPERIMENT_STATUSES,
                           organizations=queries.partner_choices(), **LABELS)


@bp.get("/<int:experiment_id>")
@public
def detail(experiment_id):
    experiment = load(experiment_id)
    if not permissions.can_view_hidden_content(current_user, experiment):
        return render_template("experiments/hidden.html", experiment=experiment)
    return render_template(
        "experiments/detail.html", experiment=experiment,
        supported=supports.has_supported(current_user, experiment),
        following=supports.is_following(current_user, experiment),
        is_manager=permissions.can_manage_experiments(current_user),
        next_statuses=next_statuses(experiment), **LABELS)


def _back(experiment) -> str:
    return safe_next_url(request.form.get("next"),
                         url_for("experiments.detail", experiment_id=experiment.id))


@bp.post("/<int:experiment_id>/support")
@limit_contributions("SUPPORT")
@login_required
def support(experiment_id):
    experiment = load(experiment_id)
    wanted = actions.wanted("support", "unsupport")
    return run_toggle(lambda: supports.set_support(current_user, experiment, wanted),
                      _("Thank you for your support."), _("Your support is withdrawn."),
                      _back(experiment))


@bp.post("/<int:experiment_id>/follow")
@login_required
def follow(experiment_id):
    experiment = load(experiment_id)
    if not permissions.can_view_hidden_content(current_user, experiment):
        abort(404)
    wanted = actions.wanted("follow", "unfollow")
    return run_toggle(lambda: supports.set_follow(current_user, experiment, wanted),
                      _("You follow this experiment: you will be told when it changes."),
                      _("You no longer follow this experiment."), _back(experiment))


from civic.experiments import views_staff  # noqa: E402,F401
