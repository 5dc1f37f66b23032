"""User HTML goes through one door: Markdown, then nh3 with an allow-list."""
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from civic import ROOT
from civic.core.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, plain_text, render_markdown

ATTACKS = ROOT.parent / "shared" / "data" / "attacks"


def _payloads():
    files = ["xss/xss_payloads_quick.txt", "xss/XSS_Polyglots.txt", "xss/RSNAKE_XSS.txt",
             "xss/port_swigger_xss_cheatsheet_event_handlers.txt", "xss/MarioXSSVectors.txt",
             "seclists/XSS-Polyglot-Ultimate-0xsobky.txt", "xss/JHADDIX_XSS.txt"]
    lines = []
    for name in files:  # a missing file fails the test (it must never pass on nothing)
        path = ATTACKS / name
        lines += [line for line in path.read_text(errors="replace").splitlines() if line]
    lines += json.loads((ATTACKS / "naughty_strings" / "blns.json").read_text())
    return lines




class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [(tag, name, value or "") for name, value in attrs]


def _parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


def test_no_attack_string_survives_markdown_rendering():
    payloads = _payloads()
    assert len(payloads) > 1000
    for payload in payloads:
        parsed = _parse(str(render_markdown(payload)))
        assert set(parsed.tags) <= ALLOWED_TAGS, payload
        for tag, name, value in parsed.attrs:
            assert name in ALLOWED_ATTRIBUTES.get(tag, set()) | {"rel"}, (payload, tag, name)
            if name == "href":
                scheme = value.split(":", 1)[0].lower() if ":" in value else ""
                assert scheme in {"", "http", "https", "mailto"}, (payload, value)


def test_markdown_features_people_use_are_kept():
    source = "# Titre\n\n**gras** _italique_ [lien](https://toulouse.fr)\n\n- a\n- b"
    html = str(render_markdown(source))
    assert "<h3>Titre</h3>" in html
    assert "<strong>gras</strong>" in html and "<em>italique</em>" in html
    assert '<a href="https://toulouse.fr" rel="nofollow ugc noopener">lien</a>' in html
    assert "<li>a</li>" in html


def test_raw_html_is_shown_as_text_not_executed():
    html = str(render_markdown('<script>alert("x")</script><img src=x onerror=alert(1)>'))
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_javascript_links_are_dropped():
    parsed = _parse(str(render_markdown("[clic](javascript:alert(1)) [x](JaVaScRiPt:alert(1))")))
    assert "a" not in parsed.tags


def test_plain_text_for_summaries():
    assert plain_text("**Vélo** en _ville_", limit=8) == "Vélo en…"


def test_no_template_marks_user_data_safe():
    """`|safe` and Markup() stay out of templates and views: user HTML has one door."""
    offenders = []
    for path in Path(ROOT / "templates").rglob("*.html"):
        if "|safe" in path.read_text().replace(" ", ""):
            offenders.append(str(path))
    for path in Path(ROOT / "civic").rglob("*.py"):
        if path.name == "sanitize.py":
            continue
        source = path.read_text()
        if re.search(r"\bMarkup\(", source):
            offenders.append(str(path))
    assert offenders == []
