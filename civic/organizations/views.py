"""Organization pages, membership, invitations and join requests."""
from flask import Blueprint, abort

from civic.core.permissions import public

bp = Blueprint("organizations", __name__, url_prefix="/organizations")


@bp.get("/")
@public
def index():
    abort(404)  # TODO(organizations helper)
