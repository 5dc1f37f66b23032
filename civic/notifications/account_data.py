"""A person's notifications: GDPR export and erasure."""
from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select

from civic.extensions import db
from civic.notifications.models import Notification


def export(user) -> dict[str, Any]:
    rows = db.session.scalars(select(Notification).where(Notification.user_id == user.id)
                              .order_by(Notification.created_at, Notification.id))
    return {"notifications": [
        {"kind": n.kind, "target_type": n.target_type, "target_id": n.target_id,
         "data": n.data, "created_at": n.created_at.isoformat(),
         "read_at": n.read_at.isoformat() if n.read_at else None,
         "emailed_at": n.emailed_at.isoformat() if n.emailed_at else None}
        for n in rows
    ]}


def erase(user) -> None:
    db.session.execute(delete(Notification).where(Notification.user_id == user.id)
                       .execution_options(synchronize_session=False))
