"""Serve uploaded files with safe headers."""
from flask import Blueprint

bp = Blueprint("uploads", __name__, url_prefix="/files")
