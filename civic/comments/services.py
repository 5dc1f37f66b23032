"""Commenting, replying, editing and deleting comments on any commentable content.

Targets are found through the content registry (civic.core.content): a kind that has
`comments_closed` can be commented on, nothing else is needed here.
"""
from __future__ import annotations

import re

from flask import current_app
from flask_babel import gettext as _

from civic.comments.content import change_count
from civic.comments.models import ALIGNMENTS, MAX_DEPTH, Comment
from civic.comments.notify import announce_comment, notify_new_mentions
from civic.core import content, permissions
from civic.core.errors import DomainError, NotFound, PermissionDenied
from civic.core.models import utcnow
from civic.extensions import db

# Links: http(s)://..., www...., and bare domains with a common top-level domain.
_LINK = re.compile(
    r"https?://[^\s)<>\]]+"
    r"|(?<![\w/.@-])www\.[^\s)<>\]]+"
    r"|(?<![\w/.@-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\."
    r"(?:com|net|org|fr|eu|io|info|biz|xyz|ru|co|me|ly|app|site|online|shop)\b",
    re.IGNORECASE,
)


def count_links(body: str) -> int:
    return len(_LINK.findall(body or ""))


def require_confirmed(user) -> None:
    """Same refusal as for proposals: people confirm their e-mail address first."""
    if not getattr(user, "is_confirmed", False):
        raise PermissionDenied(_("Confirm your e-mail address first: open the link we sent "
                                 "you, or ask for a new one."))


def require_not_blocked(user) -> None:
    """Blocked people read but do not comment: say why and until when."""
    if permissions.is_blocked(user):
        raise PermissionDenied(permissions.blocked_message(user))


def closed_reason(target) -> str | None:
    """None when `target` takes comments; otherwise why not (for the page and the form)."""
    content_type = content.type_of(target)
    if content_type is None or not content_type.commentable:
        return _("Comments are not possible here.")
    return content_type.comments_closed(target)


def clean_body(body: str | None) -> str:
    """The comment's Markdown, checked: not empty, not too long, few links."""
    body = (body or "").strip()
    if not body:
        raise DomainError(_("Write your comment before sending it."), field="body")
    limit = current_app.config["COMMENT_MAX_LENGTH"]
    if len(body) > limit:
        raise DomainError(_("Your comment is %(length)s characters long; the limit is "
                            "%(limit)s. Shorten it, or split it into two comments.",
                            length=len(body), limit=limit), field="body")
    max_links = current_app.config["COMMENT_MAX_LINKS"]
    if count_links(body) > max_links:
        raise DomainError(_("A comment may hold at most %(n)s links. Remove some links, "
                            "then send it again.", n=max_links), field="body")
    return body


def _check_alignment(alignment: str | None) -> str:
    if alignment not in ALIGNMENTS:
        raise DomainError(_("Say whether you are for, against or neutral."),
                          field="alignment")
    return alignment


def _check_organization(user, organization) -> None:
    if organization is not None and not permissions.can_act_for_organization(user,
                                                                              organization):
        raise PermissionDenied(_("You can only comment on behalf of an organization you "
                                 "belong to."))


def _check_parent(parent: Comment | None, target_type: str, target_id: int) -> None:
    if parent is None:
        return
    if parent.target_type != target_type or parent.target_id != target_id:
        raise NotFound(_("The comment you answer is not on this page."))
    if parent.deleted_at is not None or parent.moderation != "visible":
        raise DomainError(_("This comment can no longer be answered: it was deleted or "
                            "hidden."), field="body")
    if parent.depth >= MAX_DEPTH:
        raise DomainError(_("Replies go three levels deep at most: answer the comment "
                            "above instead, and mention its author with @ and their "
                            "name."), field="body")


def create_comment(author, target, body: str, alignment: str = "neutral", *,
                   parent: Comment | None = None, organization=None) -> Comment:
    """Comment on `target` (or reply to `parent`, a comment on the same target).

    Under pre-moderation the comment waits for a moderator ("pending"): it neither counts
    nor notifies anyone until approved (the moderation service then calls
    `on_visibility_change` and `announce_comment`)."""
    from civic.moderation.services import initial_moderation, open_pending_case

    target_type = content.name_of(target)
    require_not_blocked(author)
    require_confirmed(author)
    reason = closed_reason(target)
    if reason:
        raise DomainError(reason)
    if not permissions.can_comment(author, target):
        raise PermissionDenied(_("You cannot comment on this item."))
    _check_parent(parent, target_type, target.id)
    body = clean_body(body)
    alignment = _check_alignment(alignment)
    _check_organization(author, organization)

    comment = Comment(target_type=target_type, target_id=target.id, parent=parent,
                      depth=(parent.depth + 1) if parent is not None else 1,
                      author=author, organization=organization, alignment=alignment,
                      body=body, upvotes=0, downvotes=0,
                      moderation=initial_moderation(author))
    db.session.add(comment)
    db.session.flush()
    if comment.moderation == "visible":
        change_count(target_type, target.id, 1)
        announce_comment(comment)
    else:
        open_pending_case("comment", comment, author.id)  # tells the moderators too
    return comment


def edit_comment(user, comment: Comment, body: str, alignment: str | None = None, *,
                 organization=None) -> Comment:
    """The author rewrites their comment within COMMENT_EDIT_WINDOW; it shows "edited"."""
    require_not_blocked(user)
    if not permissions.can_edit_comment(user, comment):
        minutes = int(current_app.config["COMMENT_EDIT_WINDOW"].total_seconds() // 60)
        raise PermissionDenied(_("You can edit your own comments only, within %(minutes)s "
                                 "minutes after posting them.", minutes=minutes))
    body = clean_body(body)
    alignment = _check_alignment(alignment if alignment is not None else comment.alignment)
    _check_organization(user, organization)
    before = comment.body
    comment.body = body
    comment.alignment = alignment
    comment.organization = organization
    comment.edited_at = utcnow()
    db.session.flush()
    if comment.moderation == "visible":
        notify_new_mentions(comment, before)
    return comment


def delete_comment(user, comment: Comment) -> Comment:
    """The author deletes their comment: its text is erased, a placeholder keeps the
    replies in context, and it no longer counts on its item. A moderation case still open
    on it (awaiting approval, or reported) is closed: there is nothing left to decide."""
    from civic.moderation.services import close_case_by_author

    if not permissions.can_delete_comment(user, comment):
        raise PermissionDenied(_("You can delete your own comments only."))
    was_counted = comment.moderation == "visible"
    comment.deleted_at = utcnow()
    comment.body = ""
    comment.organization = None
    db.session.flush()
    if was_counted:
        change_count(comment.target_type, comment.target_id, -1)
    close_case_by_author("comment", comment, user)
    return comment
