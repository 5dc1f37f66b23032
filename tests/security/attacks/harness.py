"""Send every sample attack string through one real form and check the answer, what was
stored and the pages that show it."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from civic.extensions import db, limiter
from tests.security.attacks.checks import (
    Report,
    answer_problems,
    html_problems,
    is_refusal_with_message,
)
from tests.security.attacks.corpus import expected, has_nul, sample


def one_line(sent: str) -> str:
    """Names (people, organizations) keep their words, one space apart."""
    return " ".join(sent.split())


def same(payload: str) -> str:
    return payload


def padded(minimum: int) -> Callable[[str], str]:
    """Fields with a minimum length get the payload followed by ordinary words."""
    return lambda payload: payload if len(payload.strip()) >= minimum else (
        f"{payload} — texte d'essai assez long")


def cut(maximum: int) -> Callable[[str], str]:
    """Fields with a maximum length get the beginning of long payloads."""
    return lambda payload: payload[:maximum]


@dataclass
class Attack:
    """One form: where it posts, its other (valid) fields, the attacked text fields (name
    -> how the payload is shaped to fit), how to read back what was stored, and which
    pages show it."""

    url: str | Callable[[], str]
    fields: dict[str, Callable[[str], str]]
    stored: Callable[[object], dict[str, str]]  # response -> field -> value kept
    base: dict = field(default_factory=dict)
    pages: Callable[[object], Iterable[str]] = lambda response: ()
    plain: set[str] | None = None  # fields stored exactly as sent (default: all)
    # Fields with a documented normalization of their own (e.g. one-line names).
    normalize: dict[str, Callable[[str], str]] = field(default_factory=dict)


class Poster:
    """A signed-in test client that posts forms with one CSRF token (fetched once)."""

    def __init__(self, client):
        self.client = client
        self.token = client.csrf_token()

    def post(self, url: str, data: dict):
        limiter.reset()  # the contribution budgets are tested elsewhere
        return self.client.post(url, data={"csrf_token": self.token, **data})

    def get(self, url: str):
        return self.client.get(url)


def run_attack(poster: Poster, attack: Attack, report: Report, name: str,
               payloads: Iterable[str] | None = None) -> None:
    for payload in payloads or sample():
        sent = {field_name: shape(payload) for field_name, shape in attack.fields.items()}
        url = attack.url() if callable(attack.url) else attack.url
        response = poster.post(url, {**attack.base, **sent})
        report.add(f"{name} POST {url}", payload, answer_problems(response, payload))
        if has_nul(payload):
            if response.status_code != 400:
                report.add(name, payload, [f"a NUL byte answered {response.status_code}"])
            continue
        if not response.status_code // 100 == 3:
            if not is_refusal_with_message(response):
                report.add(name, payload, [f"refused ({response.status_code}) without "
                                           "saying why"])
            db.session.rollback()
            continue
        kept = attack.stored(response)
        plain = attack.plain if attack.plain is not None else set(attack.fields)
        for field_name in attack.fields:
            report.accept(field_name)
            want = attack.normalize.get(field_name, expected)(sent[field_name])
            if (field_name in plain or field_name in attack.normalize) and \
                    kept[field_name] != want:
                report.add(f"{name}.{field_name}", payload,
                           [f"stored {kept[field_name]!r}, not {want!r}"])
        for page in [response.headers["Location"], *attack.pages(response)]:
            shown = poster.get(page)
            problems = answer_problems(shown, payload)
            if shown.status_code != 200:
                problems.append(f"answered {shown.status_code}")
            elif shown.mimetype == "text/html":
                problems += html_problems(shown.get_data(as_text=True), payload)
            report.add(f"{name} GET {page}", payload, sorted(set(problems)))


def id_in(location: str, after: str) -> int:
    """The number following `after` in a redirect location (/proposals/12 -> 12)."""
    tail = location.split(after, 1)[1]
    digits = ""
    for ch in tail:
        if not ch.isdigit():
            break
        digits += ch
    return int(digits)
