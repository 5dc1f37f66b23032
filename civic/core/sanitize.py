"""The one door for user HTML: Markdown in, sanitized HTML out.

civic uses nh3 (Rust's ammonia) rather than bleach, which is unmaintained since June 2026.
Markdown is rendered with markdown-it-py with raw HTML disabled, then cleaned against an
explicit allow-list. Nothing else in civic may mark user text as safe.
"""
from __future__ import annotations

import html

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
    return Markup(clean_html(_markdown.render(text)))  # noqa: S704 - sanitized just above


def plain_text(text: str | None, limit: int | None = None) -> str:
    """Markdown rendered then stripped to text: for summaries, meta tags, e-mails."""
    if not text:
        return ""
    stripped = nh3.clean(_markdown.render(text), tags=set()).strip()
    stripped = html.unescape(" ".join(stripped.split()))
    if limit and len(stripped) > limit:
        return stripped[: limit - 1].rstrip() + "…"
    return stripped
