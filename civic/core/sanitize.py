"""The one door for user HTML: Markdown in, sanitized HTML out.

civic uses nh3 (Rust's ammonia) rather than bleach, which is unmaintained since June 2026.
Markdown is rendered with markdown-it-py with raw HTML disabled, then cleaned against an
explicit allow-list. Nothing else in civic may mark user text as safe.
"""
from __future__ import annotations

import difflib
import html
import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"

_markdown = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    .enable("table")
    .enable("strikethrough")
)
# Headings in user text start at level 3 so they never compete with the page's h1/h2.
_HEADING_SHIFT = {f"h{level}": f"h{min(level + 2, 6)}" for level in range(1, 7)}


def _shift_headings(renderer, tokens, idx, options, env):
    token = tokens[idx]
    token.tag = _HEADING_SHIFT.get(token.tag, token.tag)
    return renderer.renderToken(tokens, idx, options, env)


_markdown.add_render_rule("heading_open", _shift_headings)
_markdown.add_render_rule("heading_close", _shift_headings)


def clean_html(html: str) -> str:
    """Strip everything outside the allow-list; links get rel="nofollow ugc noopener"."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )


def render_markdown(text: str | None) -> Markup:
    """Render user Markdown to sanitized HTML, ready for a template."""
    if not text:
        return Markup("")
    text = str(text)
    return _rendered(text) if len(text) <= CACHED_TEXT_MAX else _rendered.__wrapped__(text)


def plain_text(text: str | None, limit: int | None = None) -> str:
    """Markdown rendered then stripped to text: for summaries, meta tags, e-mails."""
    if not text:
        return ""
    text = str(text)
    return _plain(text, limit) if len(text) <= CACHED_TEXT_MAX else _plain.__wrapped__(text, limit)


# Pure functions of their (plain str) arguments, and pages render the same texts again
# for every visitor (list cards, popular threads): each worker keeps the latest few
# thousand results. An edited text is a new key; results are immutable strings. Only texts
# up to CACHED_TEXT_MAX characters are kept, so the cache stays within some 40 MB a worker
# (bodies may be 20,000 characters long).
CACHED_TEXT_MAX = 4000


@lru_cache(maxsize=4096)
def _rendered(text: str) -> Markup:
    html = clean_html(_markdown.render(text))
    # Markup is safe here (bandit B704): clean_html has just sanitized it with nh3.
    return Markup(html)  # noqa: S704  # nosec B704


@lru_cache(maxsize=4096)
def _plain(text: str, limit: int | None) -> str:
    stripped = nh3.clean(_markdown.render(text), tags=set()).strip()
    stripped = html.unescape(" ".join(stripped.split()))
    if limit and len(stripped) > limit:
        return stripped[: limit - 1].rstrip() + "…"
    return stripped


_DIFF_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def _diff_tokens(text: str | None) -> list[str]:
    return _DIFF_TOKEN.findall(text or "")


def _diff_run(tag: str, label: str, tokens: list[str]) -> str:
    # The label is read by screen readers only: the change is never conveyed by colour
    # alone (the CSS also strikes through deletions and underlines insertions).
    return (f'<{tag}><span class="visually-hidden">[{html.escape(label)}: </span>'
            f'{html.escape("".join(tokens))}<span class="visually-hidden">]</span></{tag}>')


def render_word_diff(old: str | None, new: str | None, *, inserted: str = "inserted",
                     deleted: str = "deleted") -> Markup:
    """Word-by-word differences between two texts (Markdown source shown as text), as
    escaped HTML with <del> and <ins>; `inserted`/`deleted` label them for screen readers."""
    before, after = _diff_tokens(old), _diff_tokens(new)
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(html.escape("".join(before[i1:i2])))
            continue
        if op in ("delete", "replace"):
            parts.append(_diff_run("del", deleted, before[i1:i2]))
        if op in ("insert", "replace"):
            parts.append(_diff_run("ins", inserted, after[j1:j2]))
    cleaned = nh3.clean("".join(parts), tags={"ins", "del", "span"},
                        attributes={"span": {"class"}}, link_rel=None)
    # Markup is safe here (bandit B704): escaped text, then sanitized with nh3.
    return Markup(cleaned)  # noqa: S704  # nosec B704


def word_changes(old: str | None, new: str | None) -> tuple[int, int]:
    """How many words were inserted and deleted between two texts."""
    before, after = _diff_tokens(old), _diff_tokens(new)
    added = removed = 0
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            removed += sum(1 for t in before[i1:i2] if not t.isspace())
        if op in ("insert", "replace"):
            added += sum(1 for t in after[j1:j2] if not t.isspace())
    return added, removed
