"""A person's supports and follows of experiments: GDPR export and erasure.

Listed in civic.ACCOUNT_PARTS before civic.proposals.account_data, whose erasure drops
every follow of the person: the followers counts must be lowered first.
"""
from __future__ import annotations

from typing import Any

from civic.experiments.supports import TOGGLES


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def export(user) -> dict[str, Any]:
    supports = TOGGLES.exported_supports(user)
    followed = TOGGLES.exported_follows(user)
    return {
        "experiment_supports": [{"experiment_id": eid, "title": title,
                                 "created_at": _iso(at)} for at, eid, title in supports],
        "followed_experiments": [{"experiment_id": eid, "title": title,
                                  "created_at": _iso(at)} for at, eid, title in followed],
    }


def erase(user) -> None:
    """On account deletion: drop the follows (followers counts stay exact). Supports stay,
    as for proposals: the account remains as "Deleted participant", so counts stay exact."""
    TOGGLES.erase_follows(user)
