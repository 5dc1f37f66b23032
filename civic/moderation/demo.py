"""Demo moderation: a spam comment reported twice, waiting in the moderators' queue."""
from __future__ import annotations

from civic.comments import services as comments
from civic.core.errors import DomainError
from civic.moderation.reports import report_content

SPAM = ("Vous voulez économiser ? Mes panneaux solaires à prix cassé, livrés en 24 h : "
        "écrivez-moi vite, offre limitée !")


def seed_reports(users, proposals) -> int:
    """One spam comment reported by two people (below the automatic hiding threshold)."""
    people = [u for u in users if u.is_confirmed and not u.is_deleted and not u.role_names]
    open_ones = [p for p in proposals if p.status in ("published", "under_review")]
    if len(people) < 3 or not open_ones:
        return 0
    proposal = open_ones[0]
    spammer, *reporters = [p for p in people if p.id != proposal.author_id][:3]
    try:
        comment = comments.create_comment(spammer, proposal, SPAM, "neutral")
        for reporter, reason in zip(reporters, ("spam", "off_topic"), strict=False):
            report_content(reporter, "comment", comment.id, reason,
                           "Publicité sans rapport avec la proposition.")
    except DomainError:  # closed for comments: no demo report then
        return 0
    return len(reporters)
