"""Sign up, confirm, log in and out, reset a password."""
from flask import Blueprint, abort

from civic.core.permissions import login_required, public

bp = Blueprint("accounts", __name__)


@bp.route("/signup", methods=["GET", "POST"])
@public
def signup():
    abort(404)  # TODO(accounts helper)


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    abort(404)  # TODO(accounts helper)


@bp.post("/logout")
@login_required
def logout():
    abort(404)  # TODO(accounts helper)
