"""What each kind of notification says: in the list, in e-mails and in digests.

A kind is described once here (sentence, optional detail lines, e-mail subject, link
text); templates never test kinds themselves. Sentences are lazy strings with
`%(name)s` placeholders filled from the notification's `data` (see `params`), so they are
translated in the language of whoever reads them. An unknown kind falls back to a
generic sentence, so a notification stored by a newer or older version still shows.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app
from flask_babel import format_date
from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Kind:
    # (data key, sentence): the first one whose key is filled in `data` (None: always).
    sentences: tuple[tuple[str | None, object], ...]
    subject: object
    link_text: object
    # Extra lines shown under the sentence when their key is filled (reason, excerpt...).
    details: tuple[tuple[str, object], ...] = ()


def _always(sentence) -> tuple[tuple[None, object]]:
    return ((None, sentence),)


KINDS: dict[str, Kind] = {
    "comment.reply": Kind(
        _always(_l("%(actor)s replied to your comment on “%(title)s”.")),
        subject=_l("%(actor)s replied to your comment"),
        link_text=_l("See the reply"),
        details=(("excerpt", _l("“%(excerpt)s”")),),
    ),
    "comment.new": Kind(
        _always(_l("%(actor)s commented on “%(title)s”, which you follow.")),
        subject=_l("New comment on “%(title)s”"),
        link_text=_l("See the comment"),
        details=(("excerpt", _l("“%(excerpt)s”")),),
    ),
    "comment.mention": Kind(
        _always(_l("%(actor)s mentioned you in a comment on “%(title)s”.")),
        subject=_l("%(actor)s mentioned you"),
        link_text=_l("See the comment"),
        details=(("excerpt", _l("“%(excerpt)s”")),),
    ),
    "moderation.hidden": Kind(
        _always(_l("The moderators hid your contribution “%(title)s”.")),
        subject=_l("The moderators hid one of your contributions"),
        link_text=_l("See the contribution"),
        details=(("reason", _l("Reason given: %(reason)s")),),
    ),
    "moderation.restored": Kind(
        _always(_l("The moderators restored your contribution “%(title)s”: everyone can "
                   "see it again.")),
        subject=_l("Your contribution is visible again"),
        link_text=_l("See the contribution"),
        details=(("reason", _l("Reason given: %(reason)s")),),
    ),
    "moderation.report": Kind(
        _always(_l("“%(title)s” was reported and waits for a moderator’s decision.")),
        subject=_l("Reported content to review"),
        link_text=_l("Open the moderation queue"),
        details=(("reports_count", _l("Reports so far: %(reports_count)s")),),
    ),
    "moderation.pending": Kind(
        _always(_l("“%(title)s” waits for a moderator’s approval before it is published.")),
        subject=_l("A contribution waits for approval"),
        link_text=_l("Open the moderation queue"),
    ),
    "account.blocked": Kind(
        (("until", _l("The moderators blocked your account until %(until)s: until then you "
                      "cannot publish, comment, support or report.")),
         (None, _l("The moderators blocked your account: you cannot publish, comment, "
                   "support or report until they unblock it."))),
        subject=_l("Your account has been blocked"),
        link_text=_l("See your settings"),
        details=(("reason", _l("Reason given: %(reason)s")),),
    ),
    "account.unblocked": Kind(
        _always(_l("The moderators unblocked your account: you can take part again.")),
        subject=_l("Your account has been unblocked"),
        link_text=_l("See your settings"),
    ),
    "proposal.status": Kind(
        _always(_l("The proposal “%(title)s” changed status.")),
        subject=_l("A proposal you follow has changed"),
        link_text=_l("See the proposal"),
        details=(("to_status", _l("New status: %(to_status)s")),),
    ),
    "proposal.answered": Kind(
        _always(_l("The usage lab answered the proposal “%(title)s”.")),
        subject=_l("A proposal you follow has been answered"),
        link_text=_l("See the proposal"),
    ),
    "proposal.threshold": Kind(
        _always(_l("The proposal “%(title)s” reached its support threshold.")),
        subject=_l("A proposal reached its support threshold"),
        link_text=_l("See the proposal"),
    ),
    # experiments (experiments helper)
    "experiment.status": Kind(
        _always(_l("The experiment “%(title)s” changed status.")),
        subject=_l("An experiment you follow has changed"),
        link_text=_l("See the experiment"),
        details=(("experiment_status", _l("New status: %(experiment_status)s")),),
    ),
    "experiment.update": Kind(
        _always(_l("News from the experiment “%(title)s”: %(update_title)s.")),
        subject=_l("News from an experiment you follow"),
        link_text=_l("See the experiment"),
    ),
    # provenance: a cited experiment or amendment is part of a published version
    "masterplan.integrated": Kind(
        _always(_l("“%(title)s”, which you follow, is integrated in the master plan "
                   "v%(number)s, section %(section)s.")),
        subject=_l("“%(title)s” is now part of the master plan"),
        link_text=_l("See the change"),
    ),
    # amendments (amendments helper)
    "amendment.accepted": Kind(
        _always(_l("The amendment “%(title)s” was accepted: its text goes into the draft "
                   "of the next version of the master plan.")),
        subject=_l("An amendment you follow was accepted"),
        link_text=_l("See the amendment"),
        details=(("answer", _l("Answer: %(answer)s")),),
    ),
    "amendment.rejected": Kind(
        _always(_l("The amendment “%(title)s” was rejected.")),
        subject=_l("An amendment you follow was rejected"),
        link_text=_l("See the amendment"),
        details=(("answer", _l("Answer: %(answer)s")),),
    ),
}

FALLBACK = Kind(
    _always(_l("Something happened on “%(title)s”.")),
    subject=_l("Something new for you on the site"),
    link_text=_l("Open"),
)


def get(kind: str) -> Kind:
    return KINDS.get(kind, FALLBACK)


# --- filling the placeholders ---------------------------------------------------------

def _format_until(value) -> str:
    """An ISO date (or datetime) in the reader's language; anything else as it is."""
    if not value:
        return ""
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return format_date(parsed.date(), "long")


def _format_status(value) -> str:
    from civic.proposals.forms import STATUS_LABELS

    return str(STATUS_LABELS.get(value, value or ""))


def _format_experiment_status(value) -> str:
    from civic.experiments.forms import STATUS_LABELS

    return str(STATUS_LABELS.get(value, value or ""))


FORMATTERS: dict[str, Callable[[object], str]] = {
    "experiment_status": _format_experiment_status,
    "until": _format_until,
    "to_status": _format_status,
    "from_status": _format_status,
}


class _Params(dict):
    """Placeholders missing from `data` read as empty rather than failing."""

    def __missing__(self, key):
        return ""


def params(data: dict | None, actor_name: str | None = None) -> _Params:
    values = _Params()
    for key, value in (data or {}).items():
        formatter = FORMATTERS.get(key)
        values[key] = formatter(value) if formatter else ("" if value is None else str(value))
    values["actor"] = actor_name or values.get("actor_name") or str(_l("Someone"))
    values.setdefault("title", "")
    return values


def _fill(template, values: _Params) -> str:
    return str(template) % values


@dataclass
class Rendered:
    """A notification in words, in the current language (plain strings: templates
    escape them)."""

    sentence: str
    subject: str
    link_text: str
    details: list[str] = field(default_factory=list)
    path: str | None = None
    title: str = ""


def render(kind: str, data: dict | None, *, actor_name: str | None = None,
           path: str | None = None) -> Rendered:
    description = get(kind)
    values = params(data, actor_name)
    sentence = next(text for key, text in description.sentences if key is None or values.get(key))
    return Rendered(
        sentence=_fill(sentence, values),
        subject=_fill(description.subject, values),
        link_text=str(description.link_text),
        details=[_fill(text, values) for key, text in description.details if values.get(key)],
        path=path if path is not None else (data or {}).get("path"),
        title=values["title"],
    )


def site_path(endpoint: str, **values) -> str:
    """A path on this site, also outside a request (the digest runs from cron)."""
    return current_app.url_map.bind("localhost").build(endpoint, values)


def path_of(notification) -> str | None:
    """The page to open: `data["path"]`, or for older proposal notifications (stored
    before paths were) the proposal's page."""
    path = (notification.data or {}).get("path")
    if path:
        return path
    if notification.target_type == "proposal" and notification.target_id:
        return site_path("proposals.detail", proposal_id=notification.target_id)
    return None


def actor_name_of(notification) -> str | None:
    """The actor's name as stored in `data` (or, when absent, the actor's public name),
    and "Deleted participant" once they deleted their account. The caller loads
    `notification.actor` in bulk (selectinload) when it renders many; it is never
    lazy-loaded here."""
    actor = notification.__dict__.get("actor")
    if actor is not None and (actor.is_deleted or not (notification.data or {}).get(
            "actor_name")):
        return actor.public_name
    return (notification.data or {}).get("actor_name")


def render_notification(notification) -> Rendered:
    return render(notification.kind, notification.data,
                  actor_name=actor_name_of(notification), path=path_of(notification) or "")


def absolute(path: str | None) -> str | None:
    """An e-mail link for a site path (from BASE_URL, never from the request)."""
    from civic.core.redirects import safe_next_url

    path = safe_next_url(path, None)  # only pages of this site
    if not path:
        return None
    return current_app.config["BASE_URL"].rstrip("/") + path
