"""Anti-abuse: comment posts are rate limited per account, with a clear message."""
from __future__ import annotations

from civic.comments.models import Comment
from tests.fixtures.http import text


def test_the_third_comment_in_a_minute_is_refused(app, client, db, monkeypatch, login_as,
                                                  proposal, other_citizen):
    monkeypatch.setitem(app.config, "COMMENT_LIMIT_PER_ACCOUNT", "2 per minute")
    login_as(other_citizen)
    url = f"/comments/proposal/{proposal.id}"
    for n in range(2):
        response = client.post_form(url, {"body": f"Commentaire {n}", "alignment": "for"})
        assert response.status_code == 302
    response = client.post_form(url, {"body": "Un de trop", "alignment": "for"})
    assert response.status_code == 429
    assert "Too many attempts" in text(response) and "Wait a few minutes" in text(response)
    assert response.headers.get("Retry-After")
    assert db.session.query(Comment).count() == 2


def test_commenting_and_editing_share_one_budget(app, client, db, monkeypatch, login_as,
                                                 proposal, other_citizen):
    monkeypatch.setitem(app.config, "COMMENT_LIMIT_PER_ACCOUNT", "2 per minute")
    login_as(other_citizen)
    client.post_form(f"/comments/proposal/{proposal.id}", {"body": "Un", "alignment": "for"})
    comment = db.session.query(Comment).one()
    data = {"body": "Un, revu", "alignment": "for", "organization": "0"}
    assert client.post_form(f"/comments/{comment.id}/edit", data).status_code == 302
    assert client.post_form(f"/comments/{comment.id}/edit",
                            {**data, "body": "Un, revu encore"}).status_code == 429
    db.session.refresh(comment)
    assert comment.body == "Un, revu"
