"""Staff routes of the "experiments" blueprint: create, edit, start, stop, post journal
updates and the evaluation; and (usage lab and staff) accept a proposal for
experimentation."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from civic.core import permissions
from civic.core.actions import run_action
from civic.core.errors import DomainError
from civic.core.forms import show_domain_error
from civic.core.permissions import require_role
from civic.experiments import evaluation, journal, queries, services
from civic.experiments.forms import (
    INDICATOR_ROWS,
    PARTNER_ROWS,
    EvaluationForm,
    ExperimentForm,
    StopForm,
    UpdateForm,
)
from civic.experiments.views import LABELS, bp, load
from civic.extensions import db
from civic.masterplan.models import Section
from civic.organizations.models import Organization
from civic.proposals import pages as proposal_pages


def _detail(experiment) -> str:
    return url_for("experiments.detail", experiment_id=experiment.id)


def _prepare(form: ExperimentForm) -> ExperimentForm:
    form.set_choices(proposal_pages.theme_choices(), queries.organization_choices())
    return form


def _initial(values: dict) -> dict:
    """Form data from an experiment's (or a proposal's) values."""
    partners = [{"organization": org.id, "role": role}
                for org, role in values.get("partners", ())]
    partners += [{"organization": 0, "role": "partner"}] * (PARTNER_ROWS - len(partners))
    theme = values.get("theme")
    return {**values, "theme": theme.id if theme is not None else None,
            "partners": partners[:PARTNER_ROWS]}


def _values_of(experiment) -> dict:
    return {"title": experiment.title, "description": experiment.description,
            "theme": experiment.theme, "address": experiment.address,
            "latitude": experiment.latitude, "longitude": experiment.longitude,
            "starts_on": experiment.starts_on, "ends_on": experiment.ends_on,
            "budget_euros": experiment.budget_euros,
            "proposals": ", ".join(p.reference or str(p.id) for p in experiment.proposals),
            "partners": [(p.organization, p.role) for p in experiment.partners]}


def _form_data(form: ExperimentForm) -> dict:
    rows = [(row.organization.data or 0, row.role.data) for row in form.partners]
    ids = {org_id for org_id, _role in rows if org_id}
    orgs = {o.id: o for o in db.session.scalars(
        select(Organization).where(Organization.id.in_(ids)))} if ids else {}
    if ids - set(orgs):
        raise DomainError(_("Choose the partners from the list of organizations."),
                          field="partners")
    return {
        "title": form.title.data, "description": form.description.data,
        "theme": db.session.get(Section, form.theme.data) if form.theme.data else None,
        "proposals": form.proposals.data or "",
        "partners": [(orgs[org_id], role) for org_id, role in rows if org_id],
        "address": form.address.data, "latitude": form.latitude.data,
        "longitude": form.longitude.data, "starts_on": form.starts_on.data,
        "ends_on": form.ends_on.data, "budget_euros": form.budget_euros.data,
    }


def _save_form(form, save, success: str, template_context: dict):
    """Validate, call `save(data)`, commit and go to the experiment; else show the form."""
    if form.validate_on_submit():
        try:
            experiment = save(_form_data(form))
        except DomainError as error:
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(success, "success")
            return redirect(_detail(experiment))
    return render_template("experiments/form.html", form=form, **template_context)


@bp.route("/new", methods=["GET", "POST"])
@require_role("staff")
def new():
    form = _prepare(ExperimentForm())
    return _save_form(form, lambda data: services.create_experiment(current_user, data),
                      _("The experiment is created. It is planned until you start it."),
                      {"experiment": None, "proposal": None})


@bp.route("/<int:experiment_id>/edit", methods=["GET", "POST"])
@require_role("staff")
def edit(experiment_id):
    experiment = load(experiment_id)
    form = ExperimentForm(data=_initial(_values_of(experiment)))
    _prepare(form)
    return _save_form(
        form, lambda data: services.update_experiment(current_user, experiment, data),
        _("Your changes are saved."), {"experiment": experiment, "proposal": None})


@bp.route("/accept/<int:proposal_id>", methods=["GET", "POST"])
@require_role("moderator", "staff")
def accept(proposal_id):
    proposal = proposal_pages.load_proposal(proposal_id)
    if not permissions.can_accept_for_experimentation(current_user, proposal):
        abort(403)
    form = ExperimentForm(data=_initial(services.prefill(proposal)))
    _prepare(form)
    return _save_form(
        form, lambda data: services.accept_for_experimentation(current_user, proposal, data),
        _("The proposal is accepted for experimentation and its followers are told."),
        {"experiment": None, "proposal": proposal})


@bp.post("/<int:experiment_id>/start")
@require_role("staff")
def start(experiment_id):
    experiment = load(experiment_id)
    return run_action(lambda: services.start_experiment(current_user, experiment),
                      _("The experiment is running. Its followers are told."),
                      _detail(experiment))


@bp.route("/<int:experiment_id>/stop", methods=["GET", "POST"])
@require_role("staff")
def stop(experiment_id):
    experiment = load(experiment_id)
    form = StopForm()
    if form.validate_on_submit():
        try:
            services.stop_experiment(current_user, experiment, form.reason.data)
        except DomainError as error:
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("The experiment is stopped. Its followers are told why."), "success")
            return redirect(_detail(experiment))
    return render_template("experiments/stop.html", form=form, experiment=experiment)


@bp.route("/<int:experiment_id>/updates/new", methods=["GET", "POST"])
@require_role("staff")
def new_update(experiment_id):
    experiment = load(experiment_id)
    form = UpdateForm()
    if form.validate_on_submit():
        try:
            journal.post_update(current_user, experiment, {
                "title": form.title.data, "body": form.body.data,
                "happened_on": form.happened_on.data})
        except DomainError as error:
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("The update is published in the journal. Followers are told."),
                  "success")
            return redirect(_detail(experiment) + "#journal")
    return render_template("experiments/update_form.html", form=form, experiment=experiment)


def _evaluation_data(experiment) -> dict:
    existing = experiment.evaluation
    if existing is None:
        return {}
    rows = [{"name": i.name, "unit": i.unit, "target": _number(i.target),
             "measured": _number(i.measured)} for i in existing.indicators]
    return {"summary": existing.summary, "outcome": existing.outcome,
            "lessons": existing.lessons, "indicators": rows[:INDICATOR_ROWS]}


def _number(value) -> str:
    if value is None:
        return ""
    return f"{value:g}"


@bp.route("/<int:experiment_id>/evaluation", methods=["GET", "POST"])
@require_role("staff")
def evaluate(experiment_id):
    experiment = load(experiment_id)
    form = EvaluationForm(data=_evaluation_data(experiment))
    if form.validate_on_submit():
        try:
            evaluation.post_evaluation(current_user, experiment, {
                "summary": form.summary.data, "outcome": form.outcome.data,
                "lessons": form.lessons.data,
                "indicators": [row.data for row in form.indicators]})
        except DomainError as error:
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("The evaluation is published."), "success")
            return redirect(_detail(experiment) + "#evaluation")
    return render_template("experiments/evaluation_form.html", form=form,
                           experiment=experiment, **LABELS)
