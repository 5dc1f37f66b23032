"""Serve uploaded files with safe headers."""
from __future__ import annotations

from flask import Blueprint, abort, send_file
from sqlalchemy import select

from civic.core.permissions import public
from civic.extensions import db
from civic.uploads.models import StoredFile
from civic.uploads.services import display_name, file_path, is_valid_key

bp = Blueprint("uploads", __name__, url_prefix="/files")

ONE_YEAR = 365 * 24 * 3600
# A stored file is never a page: no scripts, no plugins, no same-origin access.
FILE_CSP = "default-src 'none'; sandbox"


def _download_name(stored: StoredFile) -> str:
    # Files kept before names were given their type's extension get it here too.
    return display_name(stored.original_name, stored.content_type)


@bp.get("/<key>")
@public
def serve(key):
    if not is_valid_key(key):
        abort(404)
    stored = db.session.execute(
        select(StoredFile).where(StoredFile.key == key)
    ).scalar_one_or_none()
    if stored is None:
        abort(404)
    path = file_path(stored.key)
    if not path.is_file():
        abort(404)
    response = send_file(
        path, mimetype=stored.content_type, as_attachment=not stored.is_image,
        download_name=_download_name(stored), max_age=ONE_YEAR, conditional=True, etag=True,
    )
    # Keys are random and files never change: caches may keep them for a year.
    response.headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    response.headers["Content-Security-Policy"] = FILE_CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cross-Origin-Resource-Policy"] = "same-site"
    return response
