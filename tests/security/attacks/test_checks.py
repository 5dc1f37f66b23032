"""The checks of this folder do catch what they look for (else every test here would
pass on a page that runs the attacker's script)."""
from tests.security.attacks.checks import html_problems
from tests.security.attacks.corpus import SSTI_RESULT, sample


def test_injected_markup_is_caught():
    page = '<p>ok</p><script src="/static/js/civic.js"></script>'
    assert html_problems(page) == []
    for bad in ('<img src=x onerror=alert(1)>', "<script>alert(1)</script>",
                '<a href="javascript:alert(1)">x</a>', '<a href=" JaVaScRiPt:alert(1)">x</a>',
                "<iframe src=x></iframe>", "<svg onload=alert(1)>",
                '<meta http-equiv="refresh" content="0;url=x">', f"<p>{SSTI_RESULT}</p>"):
        assert html_problems(page + bad), bad


def test_escaped_payloads_pass_and_raw_ones_do_not():
    payload = '"><svg/onload=alert(1)>'
    assert html_problems("<p>&quot;&gt;&lt;svg/onload=alert(1)&gt;</p>", payload) == []
    assert "the payload is in the page unescaped" in html_problems(f"<p>{payload}</p>",
                                                                   payload)


def test_the_sample_spans_the_corpora():
    strings = sample()
    assert 40 <= len(strings) <= 70
    assert any("{{7*7}}" in s for s in strings) and any("\x00" in s for s in strings)
    assert any("<svg" in s.lower() for s in strings) and any("etc/passwd" in s for s in strings)
    assert any("\u202e" in s for s in strings) and any("OR 1=1" in s for s in strings)
