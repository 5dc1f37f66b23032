"""Citing the sources of the draft (staff), and the provenance helpers every page uses
(same blueprint as the plan's pages)."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from civic.core.actions import run_action
from civic.core.errors import DomainError
from civic.core.forms import BaseForm, show_domain_error
from civic.core.permissions import require_role
from civic.extensions import db
from civic.masterplan import citations, provenance, revisions
from civic.masterplan.queries import list_axes
from civic.masterplan.views import bp
from civic.proposals.forms import choices


class SourceForm(BaseForm):
    section = SelectField(_l("Section of the plan"), coerce=int,
                          validators=[DataRequired(_l("Choose the section this source "
                                                      "shaped."))])
    kind = SelectField(_l("Kind of source"), default="proposal",
                       choices=choices(provenance.KIND_LABELS.items()))
    reference = StringField(_l("Reference or number"),
                            validators=[DataRequired(_l("Give the reference or the number "
                                                        "of the item to cite.")),
                                        Length(max=40)])
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=1000)])

    def set_choices(self) -> None:
        pairs = [(0, _l("Choose a section"))]
        for axis in list_axes():
            pairs.append((axis.id, axis.title))
            pairs.extend((project.id, f"— {project.title}") for project in axis.children)
        self.section.choices = choices(pairs)


@bp.app_template_global()
def plan_sources(section_id: int, limit: int | None = None):
    """What shaped a section: the items its published versions cite, newest first."""
    return provenance.sources_of_section(section_id, limit)


@bp.app_template_global()
def plan_landed(source_type: str, source_id: int):
    """The published versions (and sections) that integrated an item."""
    return provenance.landed(source_type, source_id)


def _render(form, status: int = 200):
    draft = revisions.open_draft()
    return render_template("masterplan/sources.html", form=form, draft=draft,
                           groups=citations.draft_citations(draft),
                           item_url=provenance.item_url,
                           kind_labels=provenance.KIND_LABELS), status


@bp.get("/draft/sources")
@require_role("staff")
def draft_sources():
    form = SourceForm()
    form.set_choices()
    return _render(form)


@bp.post("/draft/sources")
@require_role("staff")
def cite():
    form = SourceForm()
    form.set_choices()
    if form.validate_on_submit():
        try:
            citations.cite_contribution(current_user, form.section.data, form.kind.data,
                                        form.reference.data, form.note.data or "")
        except DomainError as error:
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("The source is cited: it will be credited when the version is "
                    "published."), "success")
            return redirect(url_for("masterplan.draft_sources"))
    return _render(form, 400)


@bp.post("/draft/sources/<int:source_id>/delete")
@require_role("staff")
def uncite(source_id: int):
    source = citations.load_citation(source_id)
    return run_action(lambda: citations.remove_citation(current_user, source),
                      _("The citation is removed from the draft."),
                      url_for("masterplan.draft_sources"))
