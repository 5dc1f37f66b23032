"""The public evaluation that ends a running experiment: outcome, indicators, lessons.

Posting it moves the experiment to "evaluated". While it is evaluated, staff may correct
the evaluation (posting again edits it; the status and date stay).
"""
from __future__ import annotations

import math
import re

from flask_babel import gettext as _

from civic.audit.services import record
from civic.core.errors import DomainError
from civic.experiments.models import OUTCOMES, Evaluation, Experiment, Indicator
from civic.experiments.services import move, require_manager
from civic.extensions import db

MAX_INDICATORS = 20
NUMBER_RE = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def parse_number(value, label: str = "") -> float | None:
    """A number as people type it: "12.5", "12,5" (French decimal comma), "1 250";
    empty: None."""
    if value is None or isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise DomainError(_("“%(value)s” is not a number.", value=value),
                              field="indicators")
        return None if value is None else float(value)
    text = re.sub(r"[\s\u00a0\u202f]", "", str(value))
    if not text:
        return None
    if not NUMBER_RE.match(text):
        raise DomainError(_("“%(value)s” is not a number: write for instance 12,5 or 12.5.",
                            value=value), field="indicators")
    return float(text.replace(",", "."))


def _indicators(rows) -> list[Indicator]:
    indicators = []
    for row in rows or ():
        name = (row.get("name") or "").strip()
        unit = (row.get("unit") or "").strip()
        target, measured = parse_number(row.get("target")), parse_number(row.get("measured"))
        if not name:
            if unit or target is not None or measured is not None:
                raise DomainError(_("Give each indicator a name."), field="indicators")
            continue
        if len(name) > 150 or len(unit) > 40:
            raise DomainError(_("Indicator names have at most 150 characters and units "
                                "at most 40."), field="indicators")
        indicators.append(Indicator(name=name, unit=unit, target=target, measured=measured,
                                    position=len(indicators)))
    if len(indicators) > MAX_INDICATORS:
        raise DomainError(_("At most %(n)s indicators.", n=MAX_INDICATORS),
                          field="indicators")
    return indicators


def post_evaluation(actor, experiment: Experiment, data: dict) -> Evaluation:
    """Evaluate a running experiment (it becomes "evaluated"), or correct the evaluation
    of an evaluated one. `data`: summary, outcome, lessons, indicators [{name, unit,
    target, measured}] (numbers may be strings with a decimal comma)."""
    require_manager(actor)
    editing = experiment.status == "evaluated" and experiment.evaluation is not None
    if not editing and experiment.status != "running":
        if experiment.status == "planned":
            raise DomainError(_("Start the experiment before evaluating it: only a running "
                                "experiment is evaluated."))
        raise DomainError(_("A stopped experiment is not evaluated: its stop reason "
                            "explains why."))
    summary = (data.get("summary") or "").strip()
    if not summary:
        raise DomainError(_("Sum the results up: the summary is required."), field="summary")
    outcome = data.get("outcome")
    if outcome not in OUTCOMES:
        raise DomainError(_("Choose the outcome: adopt, adapt or abandon."), field="outcome")
    lessons = (data.get("lessons") or "").strip()
    if not lessons:
        raise DomainError(_("Say what was learned: the lessons are required."),
                          field="lessons")
    indicators = _indicators(data.get("indicators"))
    evaluation = experiment.evaluation if editing else Evaluation(experiment=experiment)
    before = {"outcome": evaluation.outcome} if editing else None
    evaluation.author = actor
    evaluation.summary, evaluation.outcome, evaluation.lessons = summary, outcome, lessons
    evaluation.indicators = indicators
    db.session.add(evaluation)
    db.session.flush()
    if editing:
        record(actor, "experiment.evaluation_edit", experiment,
               target_label=experiment.title, before=before, after={"outcome": outcome})
    else:
        move(actor, experiment, "evaluated")
    return evaluation
