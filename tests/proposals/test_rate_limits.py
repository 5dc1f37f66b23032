"""Anti-abuse limits on proposing, publishing and supporting (per account and per IP)."""
from __future__ import annotations

from sqlalchemy import func, select

from civic.proposals.models import Proposal
from tests.factories import make_proposal, make_user
from tests.fixtures.http import text
from tests.proposals.conftest import EN, form_data

JSON = {**EN, "Accept": "application/json"}


def _support(client, proposal, headers=JSON):
    return client.post_form(f"/proposals/{proposal.id}/support", {"action": "support"},
                            headers=headers)


def test_the_third_support_in_a_minute_is_refused_as_json(app, monkeypatch, client, login_as,
                                                          theme):
    monkeypatch.setitem(app.config, "SUPPORT_LIMIT_PER_ACCOUNT", "2 per minute")
    proposals = [make_proposal(theme=theme) for _ in range(3)]
    login_as(make_user(locale="en"))
    assert [_support(client, p).status_code for p in proposals[:2]] == [200, 200]
    refused = _support(client, proposals[2])
    assert refused.status_code == 429 and refused.is_json
    assert "too many times in a short while" in refused.get_json()["error"]
    assert int(refused.headers["Retry-After"]) > 0
    assert proposals[2].supports_count == 0


def test_past_the_limit_a_page_says_how_long_to_wait(app, monkeypatch, client, login_as,
                                                     theme):
    monkeypatch.setitem(app.config, "SUPPORT_LIMIT_PER_ACCOUNT", "1 per minute")
    first, second = make_proposal(theme=theme), make_proposal(theme=theme)
    login_as(make_user(locale="en"))
    assert _support(client, first, EN).status_code == 302
    refused = _support(client, second, EN)
    assert refused.status_code == 429 and "text/html" in refused.content_type
    assert "Try again in 1 minute" in text(refused)
    assert 0 < int(refused.headers["Retry-After"]) <= 60


def test_the_ip_limit_counts_every_account_of_one_address(app, monkeypatch, client, login_as,
                                                          theme):
    monkeypatch.setitem(app.config, "SUPPORT_LIMIT_PER_IP", "2 per minute")
    proposals = [make_proposal(theme=theme) for _ in range(3)]
    login_as(make_user(locale="en"))
    assert [_support(client, p).status_code for p in proposals[:2]] == [200, 200]
    login_as(make_user(locale="en"))  # another account, same address
    assert _support(client, proposals[2]).status_code == 429


def test_creating_and_publishing_count_against_the_post_limit(app, monkeypatch, client,
                                                              login_as, citizen, theme, db):
    # One budget for posting: creating and publishing draw on the same limit.
    monkeypatch.setitem(app.config, "POST_LIMIT_PER_ACCOUNT", "2 per minute")
    login_as(citizen)
    first, second = (make_proposal(author=citizen, theme=theme, status="draft")
                     for _ in range(2))
    assert client.post_form("/proposals/new", form_data(theme)).status_code == 302
    assert client.post_form(f"/proposals/{first.id}/publish").status_code == 302
    refused = client.post_form("/proposals/new", form_data(theme, title="Encore une"),
                               headers=EN)
    assert refused.status_code == 429
    assert "too many times in a short while" in text(refused)
    assert db.session.scalar(select(func.count(Proposal.id))
                             .where(Proposal.author_id == citizen.id)) == 3
    assert client.get("/proposals/new").status_code == 200  # reading the form is not limited
    assert client.post_form(f"/proposals/{second.id}/publish").status_code == 429
    db.session.refresh(second)
    assert second.status == "draft"
