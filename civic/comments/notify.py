"""Who hears about a comment: the author replied to, people mentioned, followers."""
from __future__ import annotations

from civic.comments.mentions import mentioned_users
from civic.comments.models import Comment
from civic.core import content
from civic.core.sanitize import plain_text
from civic.follows import services as follows
from civic.notifications.services import notify_all


def comment_data(comment: Comment, target=None) -> dict:
    """What every comment notification carries: title, path, excerpt, actor_name."""
    target = target if target is not None else content.load(comment.target_type,
                                                            comment.target_id)
    content_type = content.get(comment.target_type)
    title = content_type.label(target) if target is not None else ""
    base = content_type.url(target) if target is not None else "/"
    return {"title": title, "path": f"{base}#comment-{comment.id}",
            "excerpt": plain_text(comment.body, 140),
            "actor_name": comment.author.public_name}


def _reachable(user, author) -> bool:
    return user is not None and not user.is_deleted and user.id != author.id


def announce_comment(comment: Comment) -> dict[str, int]:
    """Send the notifications of a comment that has just become public (at creation, or
    when a moderator approves a pre-moderated one): "comment.reply" to the author of the
    comment it answers, "comment.mention" to the people it mentions (at most 10),
    "comment.new" to the followers of the item. Nobody hears twice; the author never.
    Returns how many people each kind reached."""
    author = comment.author
    target = content.load(comment.target_type, comment.target_id)
    if target is None or comment.deleted_at is not None:
        return {"reply": 0, "mention": 0, "new": 0}
    data = comment_data(comment, target)
    told: set[int] = {author.id}
    sent = {"reply": 0, "mention": 0, "new": 0}

    parent = comment.parent
    if parent is not None and parent.deleted_at is None and _reachable(parent.author, author):
        sent["reply"] = notify_all([parent.author], "comment.reply", comment, author,
                                   data=data)
        told.add(parent.author_id)

    mentioned = mentioned_users(comment.body, exclude=told)
    if mentioned:
        sent["mention"] = notify_all(mentioned, "comment.mention", comment, author,
                                     data=data)
        told.update(user.id for user in mentioned)

    follow_type = content.get(comment.target_type).follow_type
    if follow_type:
        followers = [user for user in follows.followers(follow_type, target.id)
                     if user.id not in told]
        if followers:
            sent["new"] = notify_all(followers, "comment.new", comment, author, data=data)
    return sent


def notify_new_mentions(comment: Comment, before: str) -> int:
    """After an edit: people mentioned now but not in the text `before` hear about it."""
    author = comment.author
    already = {user.id for user in mentioned_users(before, limit=None)}
    fresh = mentioned_users(comment.body, exclude=already | {author.id})
    if not fresh:
        return 0
    return notify_all(fresh, "comment.mention", comment, author, data=comment_data(comment))
