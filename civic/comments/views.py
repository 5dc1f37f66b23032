"""Pages of this domain."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("comments", __name__)
