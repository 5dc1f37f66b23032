"""Read the outbox from tests."""
from __future__ import annotations

import re

from sqlalchemy import select

from civic.extensions import db
from civic.mail.models import OutboxMail

LINK_RE = re.compile(r"https?://\S+")


def outbox(kind: str | None = None, to: str | None = None) -> list[OutboxMail]:
    query = select(OutboxMail).order_by(OutboxMail.id)
    if kind:
        query = query.where(OutboxMail.kind == kind)
    if to:
        query = query.where(OutboxMail.to_address == to)
    return list(db.session.execute(query).scalars())


def links(mail: OutboxMail) -> list[str]:
    return LINK_RE.findall(mail.body_text)


def path_of(url: str) -> str:
    """The local path of an absolute link from a mail (tests run at http://localhost)."""
    assert url.startswith("http://localhost/"), url
    return url[len("http://localhost"):]
