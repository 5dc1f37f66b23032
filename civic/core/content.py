"""The kinds of content people write, in one registry.

Comments, reports, moderation and notifications are generic: they point at a target by
(`target_type`, `target_id`) and look its kind up here to load it, name it, link to it and
ask whether it is open for comments. Each domain describes its kinds in a `content.py`
module listed in `civic.CONTENT_MODULES` (nothing registers on import).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from civic.extensions import db


def _author_id(obj) -> int | None:
    return getattr(obj, "author_id", None)


def _no_excerpt(obj) -> str:
    return ""


@dataclass(frozen=True)
class ContentType:
    name: str  # what `target_type` columns hold: "proposal", "comment", "profile", ...
    model: type
    label: Callable[[Any], str]  # a short human title (queue, audit log, e-mails)
    url: Callable[[Any], str]  # path of the public page that shows it
    author_id: Callable[[Any], int | None] = _author_id
    excerpt: Callable[[Any], str] = _no_excerpt
    # Comments: None when nobody comments on this kind; otherwise returns None when the
    # item is open for comments, or the (translated) reason it is closed.
    comments_closed: Callable[[Any], str | None] | None = None
    follow_type: str | None = None  # the Follow.target_type whose followers hear of comments
    # Called after the item becomes visible (True) or stops being visible (False), so its
    # domain keeps counters exact (a hidden comment no longer counts on its proposal).
    on_visibility_change: Callable[[Any, bool], None] | None = None
    # The ids of everything of this kind that `user_id` wrote (to hide all of a person's
    # content when blocking them); None when not applicable.
    authored_by: Callable[[int], Any] | None = None
    reportable: bool = True

    @property
    def commentable(self) -> bool:
        return self.comments_closed is not None


_REGISTRY: dict[str, ContentType] = {}


def register(content_type: ContentType) -> None:
    _REGISTRY[content_type.name] = content_type


def registered() -> tuple[ContentType, ...]:
    return tuple(_REGISTRY.values())


def get(name: str) -> ContentType | None:
    return _REGISTRY.get(name)


def type_of(obj) -> ContentType | None:
    for content_type in _REGISTRY.values():
        if isinstance(obj, content_type.model):
            return content_type
    return None


def name_of(obj) -> str:
    content_type = type_of(obj)
    if content_type is None:
        raise LookupError(f"{type(obj).__name__} is not a registered content type")
    return content_type.name


def load(name: str, target_id: int):
    """The item, or None when the kind is unknown or the item does not exist."""
    content_type = _REGISTRY.get(name)
    if content_type is None:
        return None
    return db.session.get(content_type.model, target_id)


def load_many(pairs: Iterable[tuple[str, int]]) -> dict[tuple[str, int], Any]:
    """Many items at once: one query per kind, whatever the number of items."""
    wanted: dict[str, set[int]] = {}
    for name, target_id in pairs:
        if name in _REGISTRY:
            wanted.setdefault(name, set()).add(target_id)
    found: dict[tuple[str, int], Any] = {}
    for name, ids in wanted.items():
        model = _REGISTRY[name].model
        for obj in db.session.scalars(select(model).where(model.id.in_(ids))):
            found[(name, obj.id)] = obj
    return found
