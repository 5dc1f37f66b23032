"""Staff exports: the form, and the file streamed once the export is in the audit log."""
from __future__ import annotations

from flask import Blueprint, Response, render_template, stream_with_context
from flask_login import current_user

from civic.core.errors import DomainError
from civic.core.forms import show_domain_error
from civic.core.permissions import can_export, require_role
from civic.exports import services
from civic.exports.forms import ExportForm
from civic.exports.kinds import all_kinds
from civic.extensions import db

bp = Blueprint("exports", __name__, url_prefix="/admin")


def _page(form: ExportForm, status: int = 200):
    kinds = [kind for kind in all_kinds() if can_export(current_user, kind)]
    return render_template("exports/index.html", form=form, kinds=kinds), status


def _form() -> ExportForm:
    form = ExportForm()
    form.set_choices(kind for kind in all_kinds() if can_export(current_user, kind))
    return form


@bp.get("/exports")
@require_role("staff")
def index():
    return _page(_form())


@bp.post("/exports")
@require_role("staff")
def download():
    form = _form()
    if not form.validate_on_submit():
        return _page(form, 400)
    try:
        exported = services.export(current_user, form.kind.data, form.format.data,
                                   form.filters())
    except DomainError as error:
        show_domain_error(form, error)
        return _page(form, error.status_code)
    db.session.commit()  # the audit entry is saved before the first byte is sent
    return Response(stream_with_context(exported.chunks), mimetype=exported.mimetype,
                    headers={"Content-Disposition":
                             f'attachment; filename="{exported.filename}"',
                             "Cache-Control": "no-store"})
