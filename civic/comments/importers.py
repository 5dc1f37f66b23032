"""Import the comments of a Decidim open-data export (`*-open-data-*_comments.csv`) onto
one civic item, e.g. to try the comment pipeline on real participation data.

Decidim's format: `;`-separated, quoted, columns `id;created_at;body;locale;author/id;
author/name;alignment;depth;...;commentable_id;...`. The export names no parent, so the
threads are rebuilt from each commentable's order and depth: a comment of depth d answers
the last comment of depth d-1 before it on the same Decidim item (deeper threads than
civic's three levels hang on the deepest level). Stances come from `alignment` (1 for,
-1 against, 0 neutral), dates from `created_at`.

Author names are personal data: they are never read. Every comment is signed by one
import account (a placeholder that cannot log in). Lives in the comments domain because
it writes comment rows and keeps the target's comment counter exact, as services.py does.
"""
from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from flask import current_app

from civic.comments.content import change_count
from civic.comments.models import MAX_DEPTH, Comment
from civic.core import content
from civic.extensions import db

IMPORT_EMAIL = "decidim-import@civic.invalid"
IMPORT_NAME = "Import Decidim"
STANCES = {"1": "for", "-1": "against", "0": "neutral"}


@dataclass
class ImportResult:
    imported: int = 0
    skipped: int = 0  # empty, with a NUL byte, or longer than a comment may be


def import_account():
    """The placeholder account that signs imported comments (created once)."""
    from civic.accounts.models import User
    from civic.accounts.services import fold_display_name

    user = db.session.query(User).filter_by(email=IMPORT_EMAIL).one_or_none()
    if user is None:
        user = User(email=IMPORT_EMAIL, display_name=IMPORT_NAME,
                    display_name_key=fold_display_name(IMPORT_NAME), password_hash=None)
        db.session.add(user)
        db.session.flush()
    return user


def _created_at(value: str) -> datetime | None:
    for pattern in ("%Y-%m-%d %H:%M:%S UTC", "%Y-%m-%d %H:%M:%S %z", "%Y-%m-%dT%H:%M:%S%z"):
        try:
            moment = datetime.strptime(value.strip(), pattern)
        except ValueError:
            continue
        return moment.replace(tzinfo=moment.tzinfo or UTC).astimezone(UTC)
    return None


def read_rows(path: str | Path):
    """The rows of a Decidim comments CSV, as dicts (author columns dropped)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            yield {key: value for key, value in row.items()
                   if key and not key.startswith("author/")}


def import_decidim_comments(path: str | Path, target, *, author=None,
                            progress: Callable[[int], None] | None = None) -> ImportResult:
    """Add every comment of the CSV at `path` to `target` (any commentable item); flushes,
    never commits. The bodies are kept as the comment form keeps them (stripped)."""
    author = author or import_account()
    target_type = content.name_of(target)
    limit = current_app.config["COMMENT_MAX_LENGTH"]
    result = ImportResult()
    last_at_depth: dict[str, list[Comment | None]] = {}  # Decidim item -> stack by depth
    for number, row in enumerate(read_rows(path), start=1):
        body = (row.get("body") or "").strip()
        if not body or "\x00" in body or len(body) > limit:
            result.skipped += 1
            continue
        try:
            depth = max(0, int(row.get("depth") or 0))
        except ValueError:
            depth = 0
        stack = last_at_depth.setdefault(row.get("commentable_id") or "", [])
        parent = None
        if depth > 0:
            parent = next((c for c in reversed(stack[:depth]) if c is not None), None)
            if parent is not None and parent.depth >= MAX_DEPTH:
                parent = parent.parent
        comment = Comment(target_type=target_type, target_id=target.id, parent=parent,
                          depth=(parent.depth + 1) if parent is not None else 1,
                          author=author, alignment=STANCES.get(
                              (row.get("alignment") or "0").strip(), "neutral"),
                          body=body, upvotes=0, downvotes=0, moderation="visible")
        created_at = _created_at(row.get("created_at") or "")
        if created_at is not None:
            comment.created_at = created_at
        db.session.add(comment)
        del stack[depth:]
        stack.extend([None] * (depth - len(stack)))
        stack.append(comment)
        result.imported += 1
        if progress is not None and number % 100 == 0:
            db.session.flush()
            progress(number)
    db.session.flush()
    change_count(target_type, target.id, result.imported)
    return result
