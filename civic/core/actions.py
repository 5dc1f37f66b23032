"""One-click POST actions (follow, support, leave, verify): run, commit, say so, go back."""
from __future__ import annotations

from flask import flash, jsonify, redirect, request

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


def asks_for_json() -> bool:
    """The page's script asks for JSON (civic.core.errors.wants_json is about /api/)."""
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and request.accept_mimetypes[best] > \
        request.accept_mimetypes["text/html"]


def wanted(on: str, off: str) -> bool | None:
    """What an on/off button said it does (so a double click does it once): True for
    `on`, False for `off`, None (toggle) when it said neither."""
    return {on: True, off: False}.get(request.form.get("action"))


def run_toggle(change, said_on: str, said_off: str, target: str, *, json=None,
               passthrough: tuple = ()):
    """An on/off button (support, follow): `change()` returns whether it is now on. Commit
    and confirm with `said_on`/`said_off`, or roll back and show the refusal; then
    redirect to `target`.

    `json(now_on)` gives the answer for a page's script that asks for JSON (refusals are
    then `{"error": message}` with their status); without it the answer is always a
    redirect. Errors of the `passthrough` classes are not flashed: they stay error pages."""
    try:
        now_on = change()
    except passthrough:
        db.session.rollback()
        raise
    except DomainError as error:
        db.session.rollback()
        if json is not None and asks_for_json():
            return jsonify(error=error.message), error.status_code
        flash(error.message, "error")
        return redirect(target)
    db.session.commit()
    if json is not None and asks_for_json():
        return jsonify(json(now_on))
    flash(said_on if now_on else said_off, "success")
    return redirect(target)
