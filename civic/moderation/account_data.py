"""The reports a person made: GDPR export and erasure (reports counts stay exact)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select, update

from civic.extensions import db
from civic.moderation.models import ModerationCase, Report


def export(user) -> dict[str, Any]:
    rows = db.session.execute(
        select(Report.created_at, Report.reason, Report.details, ModerationCase.target_type,
               ModerationCase.target_id)
        .join(ModerationCase, ModerationCase.id == Report.case_id)
        .where(Report.reporter_id == user.id).order_by(Report.created_at, Report.id))
    return {"reports": [
        {"target_type": target_type, "target_id": target_id, "reason": reason,
         "details": details, "created_at": created_at.isoformat() if created_at else None}
        for created_at, reason, details, target_type, target_id in rows]}


def erase(user) -> None:
    """Delete the person's reports; each case they reported counts one report less."""
    reported = select(Report.case_id).where(Report.reporter_id == user.id)
    db.session.execute(
        update(ModerationCase).where(ModerationCase.id.in_(reported))
        .values(reports_count=ModerationCase.reports_count - 1)
        .execution_options(synchronize_session=False))
    db.session.execute(delete(Report).where(Report.reporter_id == user.id)
                       .execution_options(synchronize_session=False))
    for obj in list(db.session.identity_map.values()):
        if isinstance(obj, ModerationCase):
            db.session.expire(obj, ["reports_count"])
