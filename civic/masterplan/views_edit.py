"""Staff routes: the draft of the next version, editing a section (with preview and
conflict handling), the draft's differences, publishing and discarding (same blueprint)."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from civic.core.actions import run_action
from civic.core.errors import Conflict, DomainError, NotFound
from civic.core.forms import EmptyForm, show_domain_error
from civic.core.permissions import require_role
from civic.extensions import db
from civic.masterplan import services
from civic.masterplan.diffs import diff_revisions, diff_texts
from civic.masterplan.forms import PublishForm, SectionTextForm
from civic.masterplan.models import RevisionSection
from civic.masterplan.queries import outline
from civic.masterplan.revisions import current_revision, open_draft, section_text, start_draft
from civic.masterplan.views import MAX_ID, bp


def _draft_or_404():
    draft = open_draft()
    if draft is None:
        raise NotFound(_("There is no draft of the master plan: start one from the draft "
                         "page."))
    return draft


def _draft_page(form=None, status=200):
    draft = open_draft()
    if draft is not None:  # who saved each section, in one query rather than one each
        db.session.scalars(select(RevisionSection).where(RevisionSection.revision_id == draft.id)
                           .options(selectinload(RevisionSection.edited_by))).all()
    current = current_revision()
    diffs = diff_revisions(current, draft) if draft is not None else []
    return render_template("masterplan/draft.html", draft=draft, current=current,
                           outline=outline(draft.sections) if draft is not None else [],
                           diffs={d.section_id: d for d in diffs},
                           changed=[d for d in diffs if d.changed],
                           form=form or PublishForm(), empty_form=EmptyForm()), status


@bp.get("/draft")
@require_role("staff")
def draft():
    return _draft_page()


@bp.post("/draft/start")
@require_role("staff")
def start():
    return run_action(lambda: start_draft(current_user),
                      _("The draft is ready: edit its sections, then publish it."),
                      url_for("masterplan.draft"))


@bp.post("/draft/publish")
@require_role("staff")
def publish():
    draft = _draft_or_404()
    form = PublishForm()
    if form.validate_on_submit():
        try:
            revision = services.publish_draft(current_user, draft, form.summary.data)
        except (Conflict, DomainError) as error:
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Version %(label)s of the master plan is published.",
                    label=f"v{revision.number}"), "success")
            return redirect(url_for("masterplan.index"))
    return _draft_page(form, 400)


@bp.post("/draft/discard")
@require_role("staff")
def discard():
    draft = _draft_or_404()
    return run_action(lambda: services.discard_draft(current_user, draft),
                      _("The draft is discarded; the published version is unchanged."),
                      url_for("masterplan.draft"))


@bp.get("/draft/diff")
@require_role("staff")
def draft_diff():
    draft = _draft_or_404()
    current = current_revision()
    diffs = diff_revisions(current, draft)
    return render_template("masterplan/draft_diff.html", draft=draft, current=current,
                           changed=[d for d in diffs if d.changed],
                           unchanged=[d for d in diffs if not d.changed])


def _published_text(section_id: int):
    current = current_revision()
    if current is None:
        return None
    try:
        return section_text(current, section_id)
    except NotFound:
        return None


@bp.route("/draft/sections/<int:section_id>/edit", methods=["GET", "POST"])
@require_role("staff")
def edit_section(section_id: int):
    draft = _draft_or_404()
    text = section_text(draft, min(section_id, MAX_ID))
    # On POST only what was sent counts: a missing version must not default to the row's.
    reading = request.method in ("GET", "HEAD")
    form = SectionTextForm(obj=text if reading else None)
    context = {"draft": draft, "text": text, "published": _published_text(section_id)}
    if reading:
        form.version.data = str(text.version)
        return render_template("masterplan/edit.html", form=form, **context)
    if not form.validate_on_submit():
        if form.version.errors:
            form.form_errors.append(_("The form lost track of the version it edits: reload "
                                      "the page (copy your text first)."))
        return render_template("masterplan/edit.html", form=form, **context), 400
    mine = form.text_data()
    if "preview" in request.form:
        context["preview"] = diff_texts(context["published"], mine, section_id)
        return render_template("masterplan/edit.html", form=form, mine=mine, **context)
    try:
        services.edit_section_text(current_user, draft, section_id, mine,
                                   expected_version=int(form.version.data))
    except Conflict as error:
        db.session.rollback()
        theirs = section_text(_draft_or_404(), section_id)
        form.version.data = str(theirs.version)  # saving again now is deliberate
        form.form_errors.append(error.message)
        return render_template("masterplan/edit.html", form=form, theirs=theirs,
                               conflict=diff_texts(theirs, mine, section_id),
                               **{**context, "text": theirs}), 409
    except DomainError as error:
        show_domain_error(form, error)
        return render_template("masterplan/edit.html", form=form, **context), 400
    db.session.commit()
    flash(_("The section is saved in the draft."), "success")
    return redirect(url_for("masterplan.draft", _anchor=f"section-{section_id}"))
