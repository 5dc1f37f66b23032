"""The audit log viewer and its CSV export (admins only)."""
from __future__ import annotations

from flask import Blueprint, Response, render_template, request
from flask_babel import gettext as _

from civic.audit import queries
from civic.audit.export import csv_lines
from civic.audit.forms import AuditFilterForm
from civic.core.errors import render_error
from civic.core.models import utcnow
from civic.core.pagination import page_argument
from civic.core.permissions import require_role
from civic.extensions import db

bp = Blueprint("audit", __name__, url_prefix="/admin")


def _filter_form() -> AuditFilterForm:
    form = AuditFilterForm(formdata=request.args)
    form.set_actions(queries.list_actions())
    return form


@bp.get("/audit")
@require_role("admin")
def index():
    form = _filter_form()
    if not form.validate():
        return render_template("audit/index.html", form=form, entries=None, args={}), 400
    criteria = form.criteria()
    return render_template("audit/index.html", form=form, args=criteria.as_args(),
                           entries=queries.page_of_entries(criteria, page_argument()))


@bp.get("/audit.csv")
@require_role("admin")
def export():
    form = _filter_form()
    if not form.validate():
        return render_error(400, _("Check the dates of the filter, then export again."))
    stmt = queries.filtered_entries(form.criteria()).execution_options(yield_per=500)
    # Built while the session is open (not streamed): a few MB even for a busy year.
    body = "".join(csv_lines(db.session.scalars(stmt)))
    filename = f"audit-log-{utcnow():%Y%m%d-%H%M}.csv"
    return Response(body, mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
