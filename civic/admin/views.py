"""Admin area: site roles."""
from flask import Blueprint, abort

from civic.core.permissions import require_role

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("/roles")
@require_role("admin")
def roles():
    abort(404)  # TODO(admin helper)
