"""`@display name` mentions: find who a comment names, in one query.

Display names may hold spaces ("Camille Martin"), so after each "@" we try the next one to
four words as candidate names, folded like `users.display_name_key` (case and accents do
not matter); the longest candidate that is someone's name wins.
"""
from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import lazyload

from civic.accounts.models import User
from civic.accounts.services import fold_display_name
from civic.extensions import db

MAX_WORDS = 4
MAX_MENTIONS = 10  # people notified per comment, at most
# An "@" at the start or after something that is not part of a word or an e-mail address,
# then up to four words (on the same line).
# A lookahead, so the words after one "@" may hold the next mention.
_MENTION = re.compile(r"(?<![\w@.])@(?=(\S+(?:[ \t]+\S+){0,3}))")  # 3 = MAX_WORDS - 1
_TRAILING = ".,;:!?)]}»”’\"'*_`"


def _candidates(text: str, offset: int) -> list[tuple[str, int]]:
    """(folded key, end position) of the candidate names in `text` (which starts at
    `offset` in the body), longest first: "Camille Martin, hello" gives
    "camille martin, hello", "camille martin,", "camille martin", "camille"..."""
    words = list(re.finditer(r"\S+", text))[:MAX_WORDS]
    found: list[tuple[str, int]] = []
    for count in range(len(words), 0, -1):
        phrase = text[:words[count - 1].end()]
        for variant in (phrase, phrase.rstrip(_TRAILING)):
            key = fold_display_name(variant)
            if key and key not in (k for k, _ in found):
                found.append((key, offset + len(variant)))
    return found


def _matches(body: str) -> list[tuple[int, list[tuple[str, int]]]]:
    """For each "@" in `body`: its position and its candidates, longest first."""
    return [(match.start(), _candidates(match.group(1), match.start(1)))
            for match in _MENTION.finditer(body or "")]


def mention_groups(body: str) -> list[list[str]]:
    """For each "@" in `body`, its candidate keys, longest first."""
    return [[key for key, _ in candidates] for _, candidates in _matches(body)]


def users_by_key(bodies) -> dict[str, User]:
    """Everyone the `bodies` may mention, by folded name: one query for a whole thread."""
    keys = {key for body in bodies for group in mention_groups(body) for key in group}
    if not keys:
        return {}
    return {user.display_name_key: user for user in db.session.scalars(
        select(User).options(lazyload(User.roles))  # roles only if something asks
        .where(User.display_name_key.in_(keys), User.deleted_at.is_(None)))}


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~])")


def link_mentions(body: str, users: dict[str, User], url_for_user) -> str:
    """`body` with each mention of someone in `users` turned into a Markdown link to
    their profile (the result still goes through the sanitizer). Bodies holding code are
    left alone, so a mention inside code is never rewritten."""
    if not users or "`" in (body or "") or "    " in (body or ""):
        return body
    pieces, last = [], 0
    for start, candidates in _matches(body):
        if start < last:
            continue
        match = next(((key, end) for key, end in candidates if key in users), None)
        if match is None:
            continue
        key, end = match
        shown = _MARKDOWN_SPECIALS.sub(r"\\\1", body[start + 1:end])
        pieces.append(body[last:start])
        pieces.append(f"[@{shown}]({url_for_user(users[key])})")
        last = end
    pieces.append(body[last:])
    return "".join(pieces)


def mentioned_users(body: str, *, exclude=(), limit: int = MAX_MENTIONS) -> list[User]:
    """The (not deleted) accounts `body` mentions, in order of first mention, leaving out
    the ids in `exclude`, at most `limit` of them; one query whatever their number."""
    groups = mention_groups(body)
    users = users_by_key([body])
    found: list[User] = []
    for group in groups:
        user = next((users[key] for key in group if key in users), None)
        if user is not None and user not in found and user.id not in exclude:
            found.append(user)
    return found[:limit]
