"""A thread as a page shows it, in a fixed number of queries whatever its size.

All comments of the target come in one query (with authors and organizations), the
viewer's votes in another; the tree is built here: top-level comments in the chosen order,
replies oldest first.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from civic.comments.mentions import users_by_key
from civic.comments.models import MAX_DEPTH, Comment, CommentVote
from civic.core import content, permissions
from civic.extensions import db

SORTS = {"oldest": _l("Oldest first"), "newest": _l("Newest first"),
         "best": _l("Best rated first")}
DEFAULT_SORT = "oldest"


def clean_sort(value) -> str:
    return value if value in SORTS else DEFAULT_SORT


@dataclass
class Node:
    comment: Comment
    state: str  # "visible", "pending" (seen by its author), "hidden", "deleted"
    my_vote: int = 0
    children: list[Node] = field(default_factory=list)

    @property
    def id(self) -> int:
        return self.comment.id

    @property
    def can_have_replies(self) -> bool:
        return self.state == "visible"

    @property
    def reply_parent_id(self) -> int:
        """Replies to a comment at the deepest level go next to it, under its parent."""
        comment = self.comment
        return comment.parent_id if comment.depth >= MAX_DEPTH else comment.id


@dataclass
class ThreadView:
    target: object
    target_type: str
    target_url: str
    nodes: list[Node]
    count: int
    sort: str
    closed_reason: str | None
    blocked_reason: str | None
    can_comment: bool
    needs_confirmation: bool
    organizations: list
    is_moderator: bool
    page_path: str = ""  # the page showing the thread (vote buttons come back to it)
    mentioned: dict = field(default_factory=dict)  # folded display name -> User

    def body_html(self, comment):
        """The comment's Markdown as sanitized HTML, mentions linked to profiles."""
        from flask import url_for

        from civic.comments.mentions import link_mentions
        from civic.core.sanitize import render_markdown

        return render_markdown(link_mentions(
            comment.body, self.mentioned,
            lambda user: url_for("profiles.show", user_id=user.id)))

    @property
    def sorts(self):
        return SORTS.items()

    @property
    def alignment_labels(self):
        from civic.comments.forms import ALIGNMENT_LABELS

        return ALIGNMENT_LABELS

    @property
    def can_reply(self) -> bool:
        return self.can_comment and not self.needs_confirmation

    def sort_url(self, sort: str) -> str:
        path = self.page_path or self.target_url
        return (path if sort == DEFAULT_SORT else f"{path}?sort={sort}") + "#comments"

    def page_url(self, comment) -> str:
        path = self.page_path or self.target_url
        if self.sort != DEFAULT_SORT:
            path = f"{path}?sort={self.sort}"
        return f"{path}#comment-{comment.id}"


def _state(comment: Comment) -> str:
    if comment.deleted_at is not None:
        return "deleted"
    return comment.moderation


def _sort_key(sort: str):
    if sort == "best":
        return lambda node: (-node.comment.score, node.comment.created_at, node.comment.id)
    return lambda node: (node.comment.created_at, node.comment.id)


def _prune(nodes: list[Node]) -> list[Node]:
    """Deleted comments nobody answered disappear; with replies they stay as a placeholder."""
    kept = []
    for node in nodes:
        node.children = _prune(node.children)
        if node.state != "deleted" or node.children:
            kept.append(node)
    return kept


def load_comments(target_type: str, target_id: int) -> list[Comment]:
    return list(db.session.scalars(
        select(Comment).where(Comment.target_type == target_type,
                              Comment.target_id == target_id)
        .options(joinedload(Comment.author), joinedload(Comment.organization))
        .order_by(Comment.created_at, Comment.id)
    ).unique())


def viewer_votes(viewer, target_type: str, target_id: int) -> dict[int, int]:
    if not permissions.is_signed_in(viewer):
        return {}
    return dict(db.session.execute(
        select(CommentVote.comment_id, CommentVote.value)
        .join(Comment, Comment.id == CommentVote.comment_id)
        .where(CommentVote.user_id == viewer.id, Comment.target_type == target_type,
               Comment.target_id == target_id)
    ).all())


def build_tree(viewer, comments: list[Comment], votes: dict[int, int], sort: str) -> list[Node]:
    nodes = {c.id: Node(c, _state(c), votes.get(c.id, 0)) for c in comments
             if permissions.can_see_comment(viewer, c)}
    roots: list[Node] = []
    for node in nodes.values():  # comments come oldest first: replies stay in that order
        parent = nodes.get(node.comment.parent_id) if node.comment.parent_id else None
        if node.comment.parent_id is None:
            roots.append(node)
        elif parent is not None:
            parent.children.append(node)
    roots.sort(key=_sort_key(sort), reverse=sort == "newest")
    return _prune(roots)


def _shown_bodies(nodes: list[Node]):
    for node in nodes:
        if node.state in ("visible", "pending"):
            yield node.comment.body
        yield from _shown_bodies(node.children)


def build_thread(viewer, target, sort: str | None = None,
                 page_path: str = "") -> ThreadView | None:
    """The thread of `target` for `viewer`; None where comments are not shown (drafts,
    kinds nobody comments on, items the viewer may not see)."""
    from civic.comments.services import closed_reason
    from civic.organizations.services import organizations_user_may_act_for

    content_type = content.type_of(target)
    if content_type is None or not permissions.can_view_comments_on(viewer, target):
        return None
    sort = clean_sort(sort)
    comments = load_comments(content_type.name, target.id)
    votes = viewer_votes(viewer, content_type.name, target.id)
    blocked = permissions.blocked_message(viewer) if permissions.is_blocked(viewer) else None
    can_comment = permissions.can_comment(viewer, target)
    nodes = build_tree(viewer, comments, votes, sort)
    return ThreadView(
        target=target, target_type=content_type.name, target_url=content_type.url(target),
        nodes=nodes, mentioned=users_by_key(_shown_bodies(nodes)),
        count=getattr(target, "comments_count", None)
        if getattr(target, "comments_count", None) is not None
        else sum(1 for c in comments if c.moderation == "visible" and c.deleted_at is None),
        sort=sort, closed_reason=closed_reason(target), blocked_reason=blocked,
        can_comment=can_comment,
        needs_confirmation=can_comment and not getattr(viewer, "is_confirmed", False),
        organizations=organizations_user_may_act_for(viewer) if can_comment else [],
        is_moderator=permissions.can_moderate(viewer), page_path=page_path,
    )
