"""What every answer to an attack string must look like: no 500, a refusal says why, no
active content injected in the page, no template evaluated."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from tests.security.attacks.corpus import SSTI_RESULT

# Tags that civic's templates never use and the sanitizer never lets through.
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet",
                  "marquee", "isindex", "plaintext", "xmp", "math", "img", "video", "audio",
                  "body", "html", "style", "input"}
FORBIDDEN_TAGS -= {"img", "input", "body", "html"}  # the layout has these (checked below)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster",
                  "background", "srcdoc"}
BAD_SCHEMES = re.compile(r"^\s*(javascript|vbscript|data\s*:\s*text/html|livescript)\s*:?",
                         re.IGNORECASE)
TAG_LIKE = re.compile(r"<\s*[a-zA-Z!/?]")
ERROR_MARKS = ("error-summary", "error-message", "error-page", 'class="flash flash-error',
               "flash-error", 'role="alert"')


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> in the page")
        if tag == "script":
            src = dict(attrs).get("src") or ""
            if not src.startswith("/static/"):
                self.problems.append(f"<script> not from /static/: {attrs}")
            self._in_script = True
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name}= on <{tag}>")
            if name in URL_ATTRIBUTES and value and BAD_SCHEMES.match(value):
                self.problems.append(f"{name}={value!r} on <{tag}>")
            if name == "http-equiv" and (value or "").lower() == "refresh":
                self.problems.append("<meta http-equiv=refresh>")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.problems.append(f"inline script: {data[:80]!r}")


def html_problems(html: str, payload: str | None = None) -> list[str]:
    """What is wrong with a page that shows (or refused) `payload`."""
    collector = _Collector()
    collector.feed(html)
    problems = collector.problems
    if payload and TAG_LIKE.search(payload) and payload.strip() in html:
        problems.append("the payload is in the page unescaped")
    if SSTI_RESULT in html:
        problems.append(f"a template expression was evaluated ({SSTI_RESULT} in the page)")
    return problems


def answer_problems(response, payload: str | None = None) -> list[str]:
    """Problems of one answer: a 5xx, a refusal without a message, an unsafe page, a
    redirect off the site."""
    code = response.status_code
    body = response.get_data(as_text=True)
    if code >= 500:
        return [f"answered {code}"]
    if 300 <= code < 400:
        location = response.headers.get("Location", "")
        if not location.startswith(("/", "http://localhost/")) or location.startswith("//"):
            return [f"redirects off the site to {location!r}"]
        return []
    if response.mimetype == "application/json":
        document = json.loads(body)
        if code >= 400 and not (isinstance(document, dict) and document.get("error", {})
                                .get("detail")):
            return [f"{code} without an error detail"]
        return [f"{SSTI_RESULT} in the JSON"] if SSTI_RESULT in body else []
    problems = html_problems(body, payload) if response.mimetype == "text/html" else []
    if code >= 400 and not any(mark in body for mark in ERROR_MARKS):
        problems.append(f"{code} without a message")
    return problems


def is_refusal_with_message(response) -> bool:
    """A form shown again with its errors (200/400/422) — the request was refused."""
    body = response.get_data(as_text=True)
    return response.status_code < 500 and any(mark in body for mark in ERROR_MARKS)


class Report:
    """Collects problems over many payloads; the test asserts the report is empty, so a
    failure lists every payload and field at fault at once."""

    def __init__(self):
        self.problems: list[str] = []
        self.accepted: dict[str, int] = {}

    def add(self, where: str, payload: str, problems: list[str]) -> None:
        self.problems += [f"{where} with {payload[:60]!r}: {p}" for p in problems]

    def accept(self, field: str) -> None:
        self.accepted[field] = self.accepted.get(field, 0) + 1

    def check(self, *, at_least: dict[str, int] | None = None) -> None:
        for field, minimum in (at_least or {}).items():
            if self.accepted.get(field, 0) < minimum:
                self.problems.append(f"{field}: only {self.accepted.get(field, 0)} payloads "
                                     f"accepted (expected at least {minimum})")
        assert self.problems == [], "\n".join(self.problems[:60])
