"""GET /api/v1/experiments[/<id>]: public, read-only, added to the "api" blueprint.

Same pagination and error format as /api/v1/proposals; hidden experiments are 404.
Imported by civic.create_app (VIEW_MODULES) before the blueprint is registered.
"""
from __future__ import annotations

from flask import abort, jsonify, request, url_for
from flask_babel import force_locale

from civic.api.serialize import absolute, organization, theme
from civic.api.views import bad_parameter, bp
from civic.core.permissions import public
from civic.core.sanitize import render_markdown
from civic.experiments import queries
from civic.proposals.models import PUBLIC_STATUSES


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _html(text: str) -> str:
    return str(render_markdown(text or ""))


def experiment_summary(e) -> dict:
    return {
        "id": e.id, "title": e.title, "status": e.status,
        "description_html": _html(e.description),
        "stop_reason": (e.stop_reason or "") if e.status == "stopped" else "",
        "theme": theme(e.theme),
        "address": e.address or "", "latitude": e.latitude, "longitude": e.longitude,
        "starts_on": _iso(e.starts_on), "ends_on": _iso(e.ends_on),
        "budget_euros": e.budget_euros,
        "partners": [{**organization(p.organization), "role": p.role} for p in e.partners],
        "supports_count": e.supports_count, "comments_count": e.comments_count,
        "followers_count": e.followers_count,
        "created_at": _iso(e.created_at), "started_at": _iso(e.started_at),
        "evaluated_at": _iso(e.evaluated_at), "stopped_at": _iso(e.stopped_at),
        "url": absolute(url_for("experiments.detail", experiment_id=e.id)),
    }


def _evaluation(evaluation) -> dict | None:
    if evaluation is None:
        return None
    return {
        "summary_html": _html(evaluation.summary), "outcome": evaluation.outcome,
        "lessons_html": _html(evaluation.lessons),
        "indicators": [{"name": i.name, "unit": i.unit, "target": i.target,
                        "measured": i.measured} for i in evaluation.indicators],
        "updated_at": _iso(evaluation.updated_at),
    }


@bp.get("/experiments")
@public
def experiments():
    with force_locale("en"):
        filters, errors = queries.parse_list_args(request.args)
        if errors:
            return bad_parameter(errors[0].parameter, errors[0].message)
    page = queries.list_experiments(filters)
    return jsonify(items=[experiment_summary(e) for e in page.items], page=page.page,
                   per_page=page.per_page, total=page.total)


@bp.get("/experiments/<int:experiment_id>")
@public
def experiment(experiment_id: int):
    found = queries.load_experiment(experiment_id)
    if found is None or found.moderation != "visible":
        abort(404)
    data = experiment_summary(found)
    data["proposals"] = [
        {"id": p.id, "reference": p.reference, "title": p.title, "status": p.status,
         "url": absolute(url_for("proposals.detail", proposal_id=p.id))}
        for p in found.proposals
        if p.status in PUBLIC_STATUSES and p.moderation == "visible"]
    data["updates"] = [{"title": u.title, "body_html": _html(u.body),
                        "happened_on": _iso(u.happened_on),
                        "created_at": _iso(u.created_at)} for u in found.updates]
    data["evaluation"] = _evaluation(found.evaluation)
    return jsonify(data)
