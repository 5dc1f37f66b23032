"""A thread as a page shows it, in a fixed number of queries whatever its size.

The tree's columns of all comments of the target come in one query (no body, no join),
the viewer's votes in another; the tree is built here: top-level comments in the chosen
order, replies oldest first. Long threads come in pages (`?comments_page=2`…) of at most
PAGE_COMMENTS comments, a comment never parted from its replies: rendering is what costs
(about half a millisecond a comment) and the most commented proposals of a city have
hundreds (docs/performance.md). Then one query loads the shown page's comments whole, with
their authors and organizations (loading all 250 of a busy thread so took 2/3 of its time).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

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
PAGE_COMMENTS = 30  # comments a page at most (more when one comment has more replies)


def clean_sort(value) -> str:
    return value if value in SORTS else DEFAULT_SORT


@dataclass
class Node:
    comment: Comment  # the tree's columns only (a row) until its page is shown
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
    page: int = 1
    pages: int = 1

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

    def _url(self, sort: str, page: int) -> str:
        path = self.page_path or self.target_url
        args = {"sort": sort if sort != DEFAULT_SORT else None,
                "comments_page": page if page > 1 else None}
        query = urlencode({key: value for key, value in args.items() if value})
        return f"{path}?{query}" if query else path

    def sort_url(self, sort: str) -> str:
        return self._url(sort, 1) + "#comments"

    def comments_page_url(self, page: int) -> str:
        return self._url(self.sort, page) + "#comments"

    def page_url(self, comment) -> str:
        return f"{self._url(self.sort, self.page)}#comment-{comment.id}"


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


def load_comments(target_type: str, target_id: int) -> list:
    """What the tree needs of every comment of the target (rows: no body, no author)."""
    return list(db.session.execute(
        select(Comment.id, Comment.parent_id, Comment.depth, Comment.author_id,
               Comment.moderation, Comment.created_at, Comment.deleted_at,
               (Comment.upvotes - Comment.downvotes).label("score"))
        .where(Comment.target_type == target_type, Comment.target_id == target_id)
        .order_by(Comment.created_at, Comment.id)
    ))


def _load_whole(nodes: list[Node]) -> list[Node]:
    """Put the full comments (authors and organizations joined) in the shown nodes; one
    erased between the two queries (an account deleted meanwhile) is left out."""
    shown: dict[int, Node] = {}

    def walk(level: list[Node]) -> None:
        for node in level:
            shown[node.id] = node
            walk(node.children)

    walk(nodes)
    if not shown:
        return nodes
    for comment in db.session.scalars(
            select(Comment).where(Comment.id.in_(list(shown)))
            .options(joinedload(Comment.author), joinedload(Comment.organization))):
        shown[comment.id].comment = comment

    def whole(level: list[Node]) -> list[Node]:
        kept = [node for node in level if isinstance(node.comment, Comment)]
        for node in kept:
            node.children = whole(node.children)
        return kept

    return whole(nodes)


def viewer_votes(viewer, target_type: str, target_id: int) -> dict[int, int]:
    if not permissions.is_signed_in(viewer):
        return {}
    return dict(db.session.execute(
        select(CommentVote.comment_id, CommentVote.value)
        .join(Comment, Comment.id == CommentVote.comment_id)
        .where(CommentVote.user_id == viewer.id, Comment.target_type == target_type,
               Comment.target_id == target_id)
    ).all())


def build_tree(viewer, comments: list, votes: dict[int, int], sort: str) -> list[Node]:
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


def _size(node: Node) -> int:
    return 1 + sum(_size(child) for child in node.children)


def paginate(roots: list[Node]) -> list[list[Node]]:
    """Top-level comments (with their replies) grouped into pages of at most
    PAGE_COMMENTS comments; a comment with more replies than that has a page of its own."""
    pages, current, size = [], [], 0
    for root in roots:
        weight = _size(root)
        if current and size + weight > PAGE_COMMENTS:
            pages.append(current)
            current, size = [], 0
        current.append(root)
        size += weight
    return [*pages, current]  # one empty page when there is no comment


def _holds(node: Node, comment_id: int) -> bool:
    return node.id == comment_id or any(_holds(child, comment_id) for child in node.children)


def page_of(viewer, target, comment_id: int) -> int:
    """The page (default order) on which `viewer` sees comment `comment_id` of `target`:
    where a new comment, an edit or a permalink takes them. 1 when it is not shown."""
    content_type = content.type_of(target)
    pages = paginate(build_tree(viewer, load_comments(content_type.name, target.id), {},
                                DEFAULT_SORT))
    return next((number for number, roots in enumerate(pages, 1)
                 if any(_holds(root, comment_id) for root in roots)), 1)


def build_thread(viewer, target, sort: str | None = None,
                 page_path: str = "", page: int = 1) -> ThreadView | None:
    """The thread of `target` for `viewer` (its page `page`); None
    where comments are not shown (drafts, kinds nobody comments on, items the viewer may
    not see)."""
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
    pages = paginate(build_tree(viewer, comments, votes, sort))
    page = min(max(page, 1), len(pages))
    nodes = _load_whole(pages[page - 1])
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
        page=page, pages=len(pages),
    )
