"""The attack strings of /work/shared/data/attacks (SOURCES.md section 2), read from the
repository's neighbour folder like tests/core/test_sanitize.py does. A missing file fails
the test that needs it: these tests must never pass by skipping.

`sample()` is a deterministic, bounded selection across the corpora (about 45 strings):
every form field receives all of them, so the folder stays fast."""
from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from pathlib import Path

from civic import ROOT

ATTACKS = ROOT.parent / "shared" / "data" / "attacks"

# Template-injection probes whose evaluation gives a number no page shows by chance.
SSTI_RESULT = "1787569"  # 1337 * 1337
SSTI_PROBES = ["{{1337*1337}}", "${1337*1337}", "#{1337*1337}", "<%= 1337*1337 %>",
               "{{ 1337*1337 }}{% if 1 %}x{% endif %}", "@(1337*1337)", "*{1337*1337}"]
# Hand-written cases the corpora lack or that the browser test also uses.
EXTRA = [
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "[clic](javascript:alert(1))",
    "[clic](JaVaScRiPt:alert(1) \"titre\")",
    "<a href=\"javascript:alert(1)\">lien</a>",
    "![x](x\" onerror=\"alert(1))",
    "</textarea><script>alert(1)</script>",
    "\"><script>alert(document.domain)</script>",
    "'\"><svg/onload=window.__xss=1>",
    "texte\r\nSet-Cookie: civic=pwned\r\n\r\n<b>corps</b>",
    "\u202eesrever\u202c et \u200f\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",
]


def corpus_path(relative: str) -> Path:
    path = ATTACKS / relative
    assert path.is_file(), (f"attack corpus {path} is missing: see "
                            f"/work/shared/data/SOURCES.md section 2")
    return path


def lines(relative: str) -> list[str]:
    """The non-empty lines of one corpus file (kept exactly, trailing spaces included)."""
    text = corpus_path(relative).read_text(encoding="utf-8", errors="replace")
    return [line for line in text.split("\n") if line.strip()]


@cache
def blns() -> tuple[str, ...]:
    """The Big List of Naughty Strings (515 strings)."""
    return tuple(json.loads(corpus_path("naughty_strings/blns.json").read_text("utf-8")))


def _is_zalgo(text: str) -> bool:
    return sum(unicodedata.combining(ch) > 0 for ch in text) > 10


def _blns_selection() -> list[str]:
    strings = [s for s in blns() if s.strip()]
    picks = []

    def first(predicate):
        found = next((s for s in strings if predicate(s) and s not in picks), None)
        assert found is not None, "the naughty strings changed: update the selection"
        picks.append(found)

    first(lambda s: "\x01" in s)  # C0 control characters and DEL
    first(lambda s: "\u2028" in s)  # every kind of Unicode whitespace
    first(lambda s: "\x1b[" in s)  # ANSI escapes
    first(lambda s: "\x08" in s)  # backspaces and bells
    first(lambda s: "\u202e" in s or "\u202b" in s)  # right-to-left override
    first(lambda s: re.search("[\u0590-\u06ff]", s) is not None)  # Hebrew/Arabic
    first(_is_zalgo)
    first(lambda s: re.search("[\U0001F300-\U0001FAFF]", s) is not None)  # emoji
    first(lambda s: "\u0000" not in s and "\ufeff" in s)  # BOM / zero-width
    first(lambda s: s.startswith("ﾟ･✿") or "(╯°□°）╯" in s)  # emoticons
    first(lambda s: "𝐓𝐡𝐞" in s)  # mathematical letters
    first(lambda s: s.strip() in ("undefined", "null", "NULL", "None"))
    first(lambda s: s.strip() == "-1")
    long_ones = [s for s in strings if len(s) >= 100 and s not in picks]
    picks += long_ones[:2]  # hundred-character entries
    return picks


@cache
def sample() -> tuple[str, ...]:
    """About 45 strings: XSS polyglots, naughty strings, SQL, template injection, CRLF,
    path traversal, and a NUL byte (refused up front with a 400)."""
    picked: list[str] = []
    picked += lines("xss/XSS_Polyglots.txt")[:4]
    picked += lines("seclists/XSS-Polyglot-Ultimate-0xsobky.txt")[:1]
    picked += lines("xss/xss_payloads_quick.txt")[:2]
    picked += _blns_selection()
    picked += lines("sqli/SQLi_Polyglots.txt")[:2]
    picked += ["' OR 1=1 --", "1; DROP TABLE proposals; --"]
    picked += [p for p in lines("other/ssti.fuzz.txt") if "7*7" in p][:2]
    picked += SSTI_PROBES[:3]
    picked += lines("other/crlfinjection.txt")[1:2]
    picked += lines("other/directory_traversal.txt")[1:2]
    picked += ["../../../../etc/passwd", "nul\x00byte"]
    picked += EXTRA
    unique = list(dict.fromkeys(picked))
    assert 40 <= len(unique) <= 70, len(unique)
    return tuple(unique)


def expected(sent: str) -> str:
    """What a plain-text field keeps of what was sent: BaseForm strips surrounding
    whitespace (Python's str.strip, so every Unicode space and the C0 separators
    \\x1c-\\x1f too); anything with a NUL byte is refused before (400)."""
    return sent.strip()


def has_nul(text: str) -> bool:
    return "\x00" in text
