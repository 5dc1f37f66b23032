"""One-click POST actions (follow, support, leave, verify): run, commit, say so, go back."""
from __future__ import annotations

from flask import flash, redirect

from civic.core.errors import DomainError, NotFound, PermissionDenied
from civic.extensions import db


def run_action(action, success, target: str):
    """Run `action`; commit and confirm with `success`, or roll back and show why it was
    refused. Either way, redirect to `target` (POST/redirect/GET).

    `success` is the message, or a function that gives it from what `action` returned
    (called after the commit). Access refusals and missing objects are not flash messages:
    they stay 403/404 pages."""
    try:
        result = action()
    except (PermissionDenied, NotFound):
        db.session.rollback()
        raise
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(success(result) if callable(success) else success, "success")
    return redirect(target)
