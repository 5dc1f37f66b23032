"""Public profiles and account settings (including GDPR export and deletion)."""
from flask import Blueprint, abort

from civic.core.permissions import login_required, public

bp = Blueprint("profiles", __name__)


@bp.get("/people/<int:user_id>")
@public
def show(user_id):
    abort(404)  # TODO(profiles helper)


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    abort(404)  # TODO(profiles helper)
