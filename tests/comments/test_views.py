"""Comment pages: the thread on proposals and plan sections, posting, replying, editing,
deleting, voting, sorting, permalinks, and the refusals people see."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from civic.comments.models import Comment
from civic.core.models import utcnow
from tests.factories import make_comment, make_proposal, make_user
from tests.fixtures.http import text


def _url(proposal) -> str:
    return f"/comments/proposal/{proposal.id}"


def test_the_form_uses_the_documented_field_names(client, login_as, proposal, other_citizen):
    make_comment(target=proposal)
    login_as(other_citizen)
    page = text(client.get(f"/proposals/{proposal.id}"))
    for name in ("body", "alignment", "parent_id", "csrf_token"):
        assert f'name="{name}"' in page
    assert 'id="comments"' in page and "Your position" in page


def test_posting_a_comment_shows_it_in_the_thread(client, db, login_as, proposal,
                                                  other_citizen):
    login_as(other_citizen)
    response = client.post_form(_url(proposal), {"body": "Une **très** bonne idée",
                                                 "alignment": "for"})
    comment = db.session.query(Comment).one()
    assert response.status_code == 302
    assert response.headers["Location"].endswith(
        f"/proposals/{proposal.id}#comment-{comment.id}")
    page = text(client.get(f"/proposals/{proposal.id}"))
    assert "<strong>très</strong>" in page and "1 comment" in page
    assert f'id="comment-{comment.id}"' in page
    assert "Your comment is published." in page


def test_replying_through_the_form(client, db, login_as, proposal, other_citizen, citizen):
    parent = make_comment(target=proposal, author=citizen)
    login_as(other_citizen)
    client.post_form(_url(proposal), {"body": "Je réponds", "alignment": "against",
                                      "parent_id": str(parent.id)})
    reply = db.session.query(Comment).filter_by(parent_id=parent.id).one()
    assert reply.depth == 2 and reply.alignment == "against"


def test_a_post_without_csrf_token_is_refused(client, db, login_as, proposal, other_citizen):
    login_as(other_citizen)
    response = client.post(_url(proposal), data={"body": "Sans jeton", "alignment": "for"})
    assert response.status_code == 400
    assert db.session.query(Comment).count() == 0


def test_signed_out_visitors_are_asked_to_log_in(client, db, proposal):
    page = text(client.get(f"/proposals/{proposal.id}"))
    assert "Log in to comment" in page and 'name="body"' not in page
    response = client.post_form(_url(proposal), {"body": "Anonyme", "alignment": "for"})
    assert response.status_code == 401
    comment = make_comment(target=proposal)
    response = client.get(f"/comments/{comment.id}/edit")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert db.session.query(Comment).count() == 1


def test_errors_keep_what_was_written(app, client, db, login_as, proposal, other_citizen):
    login_as(other_citizen)
    too_long = "Mon long texte " + "x" * app.config["COMMENT_MAX_LENGTH"]
    response = client.post_form(_url(proposal), {"body": too_long, "alignment": "for"})
    assert response.status_code == 400
    page = text(response)
    assert "There is a problem" in page and "the limit is" in page
    assert "Mon long texte xxx" in page
    links = "Voir https://a.example https://b.example https://c.example https://d.example"
    response = client.post_form(_url(proposal), {"body": links, "alignment": "for"})
    assert "at most 3 links" in text(response) and "https://d.example" in text(response)
    response = client.post_form(_url(proposal), {"body": "Sans position",
                                                 "alignment": "peut-être"})
    assert response.status_code == 400 and "Sans position" in text(response)
    assert db.session.query(Comment).count() == 0


def test_unknown_kinds_drafts_and_missing_items_are_404(client, login_as, citizen,
                                                        other_citizen, proposal):
    login_as(other_citizen)
    draft = make_proposal(author=other_citizen, status="draft")
    for url in ("/comments/nothing/1", f"/comments/proposal/{proposal.id + 999}",
                f"/comments/proposal/{draft.id}", "/comments/profile/1"):
        assert client.post_form(url, {"body": "x", "alignment": "for"}).status_code == 404
    assert "Log in to comment" not in text(client.get(f"/proposals/{draft.id}"))
    assert 'id="comments"' not in text(client.get(f"/proposals/{draft.id}"))


def test_closed_items_and_blocked_people_see_why_instead_of_the_form(client, login_as,
                                                                      citizen,
                                                                      other_citizen):
    withdrawn = make_proposal(author=citizen, status="withdrawn")
    login_as(other_citizen)
    page = text(client.get(f"/proposals/{withdrawn.id}"))
    assert "the author withdrew this proposal" in page and 'name="body"' not in page
    blocked = make_user(locale="en", blocked_at=utcnow(), block_reason="Spam répété")
    open_one = make_proposal(author=citizen)
    login_as(blocked)
    page = text(client.get(f"/proposals/{open_one.id}"))
    assert "Spam répété" in page and 'name="body"' not in page
    response = client.post_form(_url(open_one), {"body": "Je force", "alignment": "for"})
    assert response.status_code == 403 and "Je force" in text(response)


def test_unconfirmed_people_are_told_to_confirm(client, login_as, proposal):
    login_as(make_user(confirmed=False, locale="en"))
    page = text(client.get(f"/proposals/{proposal.id}"))
    assert "Confirm your e-mail address to comment" in page


# --- editing and deleting ------------------------------------------------------------

def test_the_author_edits_and_the_comment_shows_edited(client, db, login_as, proposal,
                                                       other_citizen):
    comment = make_comment(target=proposal, author=other_citizen, body="Premier jet")
    login_as(other_citizen)
    form = text(client.get(f"/comments/{comment.id}/edit"))
    assert "Premier jet" in form and 'name="body"' in form
    response = client.post_form(f"/comments/{comment.id}/edit",
                                {"body": "Texte revu", "alignment": "against",
                                 "organization": "0"})
    assert response.status_code == 302
    page = text(client.get(f"/proposals/{proposal.id}"))
    assert "Texte revu" in page and "edited on" in page


def test_after_the_window_the_edit_is_refused(app, client, login_as, proposal,
                                              other_citizen):
    comment = make_comment(target=proposal, author=other_citizen, body="Figé",
                           created_at=utcnow() - app.config["COMMENT_EDIT_WINDOW"]
                           - timedelta(seconds=5))
    login_as(other_citizen)
    response = client.get(f"/comments/{comment.id}/edit", follow_redirects=True)
    assert "can no longer be edited" in text(response)
    assert f"/comments/{comment.id}/edit" not in text(response)


def test_others_cannot_edit_or_delete(client, db, login_as, proposal, citizen,
                                      other_citizen):
    comment = make_comment(target=proposal, author=citizen, body="Pas touche")
    login_as(other_citizen)
    assert client.get(f"/comments/{comment.id}/edit").status_code == 403
    assert client.post_form(f"/comments/{comment.id}/edit",
                            {"body": "Piraté", "alignment": "for"}).status_code == 403
    assert client.post_form(f"/comments/{comment.id}/delete").status_code == 403
    db.session.refresh(comment)
    assert comment.body == "Pas touche" and comment.deleted_at is None


def test_deleting_keeps_a_placeholder_with_the_replies(client, db, login_as, proposal,
                                                       citizen, other_citizen):
    comment = make_comment(target=proposal, author=citizen, body="Texte à effacer")
    make_comment(parent=comment, author=other_citizen, body="Réponse qui reste")
    login_as(citizen)
    response = client.post_form(f"/comments/{comment.id}/delete")
    assert response.status_code == 302
    page = text(client.get(f"/proposals/{proposal.id}"))
    assert "Comment deleted" in page and "Réponse qui reste" in page
    assert "Texte à effacer" not in page and "1 comment" in page


# --- moderation states ---------------------------------------------------------------

def test_pending_comments_are_seen_by_their_author_only(client, login_as, proposal,
                                                        citizen, other_citizen):
    make_comment(target=proposal, author=other_citizen, body="En attente",
                 moderation="pending")
    login_as(other_citizen)
    page = text(client.get(f"/proposals/{proposal.id}"))
    assert "En attente" in page and "Awaiting moderation" in page
    login_as(citizen)
    assert "En attente" not in text(client.get(f"/proposals/{proposal.id}"))


def test_hidden_comments_show_the_reason_and_moderators_the_text(client, login_as, proposal,
                                                                 citizen, moderator):
    hidden = make_comment(target=proposal, body="Propos déplacés", moderation="hidden",
                          hidden_reason="insultes")
    make_comment(parent=hidden, body="Une réponse polie")
    login_as(citizen)
    page = text(client.get(f"/proposals/{proposal.id}"))
    assert "Comment hidden by the moderators: insultes" in page
    assert "Propos déplacés" not in page and "Une réponse polie" in page
    login_as(moderator)
    page = text(client.get(f"/proposals/{proposal.id}"))
    assert "Original text, shown to moderators only" in page and "Propos déplacés" in page


def test_report_and_hide_links(client, login_as, proposal, citizen, other_citizen,
                               moderator):
    comment = make_comment(target=proposal, author=citizen)
    login_as(other_citizen)
    page = text(client.get(f"/proposals/{proposal.id}"))
    assert f"/report/comment/{comment.id}" in page
    assert f"/moderation/hide/comment/{comment.id}" not in page
    login_as(citizen)
    assert f"/report/comment/{comment.id}" not in text(client.get(f"/proposals/{proposal.id}"))
    login_as(moderator)
    assert f"/moderation/hide/comment/{comment.id}" in text(
        client.get(f"/proposals/{proposal.id}"))


# --- votes, sorting, permalinks ------------------------------------------------------

def test_voting_without_javascript(client, db, login_as, proposal, citizen, other_citizen):
    comment = make_comment(target=proposal, author=citizen)
    login_as(other_citizen)
    page = text(client.get(f"/proposals/{proposal.id}"))
    assert 'name="value" value="up"' in page and "Vote up" in page
    response = client.post_form(f"/comments/{comment.id}/vote", {"value": "up"})
    assert response.status_code == 302
    db.session.refresh(comment)
    assert comment.upvotes == 1
    page = text(client.get(f"/proposals/{proposal.id}"))
    assert "Take back my up vote" in page and "Score: 1" in page
    assert client.post_form(f"/comments/{comment.id}/vote",
                            {"value": "meh"}).status_code == 400


def _order(page: str) -> list[str]:
    return re.findall(r"Avis [A-C]", page)


def test_sorting_the_thread(client, db, proposal, citizen):
    now = utcnow()
    make_comment(target=proposal, body="Avis A", created_at=now - timedelta(hours=3))
    make_comment(target=proposal, body="Avis B", created_at=now - timedelta(hours=2),
                 upvotes=5)
    make_comment(target=proposal, body="Avis C", created_at=now - timedelta(hours=1),
                 upvotes=5)
    base = f"/proposals/{proposal.id}"
    assert _order(text(client.get(base))) == ["Avis A", "Avis B", "Avis C"]
    assert _order(text(client.get(base + "?sort=newest"))) == ["Avis C", "Avis B", "Avis A"]
    assert _order(text(client.get(base + "?sort=best"))) == ["Avis B", "Avis C", "Avis A"]
    response = client.get(base + "?sort=%27%3Bdrop")
    assert response.status_code == 200
    assert _order(text(response)) == ["Avis A", "Avis B", "Avis C"]


def test_permalinks_lead_to_the_comment_on_its_page(client, login_as, proposal, citizen,
                                                    other_citizen):
    comment = make_comment(target=proposal)
    response = client.get(f"/comments/{comment.id}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(
        f"/proposals/{proposal.id}#comment-{comment.id}")
    pending = make_comment(target=proposal, author=other_citizen, moderation="pending")
    assert client.get(f"/comments/{pending.id}").status_code == 404
    login_as(other_citizen)
    assert client.get(f"/comments/{pending.id}").status_code == 302
    assert client.get("/comments/999999").status_code == 404


def test_the_thread_shows_on_a_plan_section(client, login_as, theme, other_citizen):
    make_comment(target=theme, body="Ce projet phare compte")
    login_as(other_citizen)
    page = text(client.get(f"/plan/sections/{theme.id}"))
    assert "Ce projet phare compte" in page and "1 comment" in page
    assert f'action="/comments/section/{theme.id}"' in page


def _thread_of(size, people, org, voter):
    from civic.comments.votes import vote_comment

    proposal = make_proposal(author=people[0])
    for n in range(size // 3):
        top = make_comment(target=proposal, author=people[n % 3], organization=org)
        reply = make_comment(parent=top, author=people[(n + 1) % 3])
        make_comment(parent=reply, author=voter, body=f"@{people[0].display_name} oui")
        vote_comment(voter, top, "up")
        vote_comment(people[(n + 2) % 3], reply, "down")
    return proposal


def test_thread_pages_issue_a_fixed_number_of_queries(client, db, login_as, count_queries,
                                                      other_citizen):
    from tests.factories import make_organization

    people = [make_user() for _ in range(3)]
    org = make_organization(owner=people[0], members=[other_citizen], verified=True)
    small = _thread_of(3, people, org, other_citizen)
    large = _thread_of(30, people, org, other_citizen)
    db.session.commit()
    login_as(other_citizen)
    client.get(f"/proposals/{small.id}")  # warm up (templates, translations)
    counts = {}
    for size, proposal in ((3, small), (30, large)):
        with count_queries() as counter:
            response = client.get(f"/proposals/{proposal.id}?sort=best")
        assert response.status_code == 200
        page = text(response)
        assert page.count('class="comment comment-visible') == size
        assert "Take back my up vote" in page and org.name in page
        assert f'href="/people/{people[0].id}"' in page
        counts[size] = counter.count
    assert counts[3] == counts[30], counts


def test_mentions_link_to_profiles_safely(client, proposal, citizen):
    person = make_user(display_name="Léa [x](javascript:alert(1))")
    make_comment(target=proposal,
                 body="Bravo @Camille Citoyenne et @Léa [x](javascript:alert(1))")
    page = text(client.get(f"/proposals/{proposal.id}"))
    assert (f'<a href="/people/{citizen.id}" rel="nofollow ugc noopener">'
            "@Camille Citoyenne</a>") in page
    assert f'href="/people/{person.id}"' in page
    assert 'href="javascript' not in page


@pytest.mark.parametrize("parent_id", ["abc", "99999999999", "-3"])
def test_a_reply_to_an_impossible_comment_is_not_found(client, login_as, other_citizen,
                                                         proposal, parent_id):
    from civic.extensions import db

    login_as(other_citizen)
    response = client.post_form(f"/comments/proposal/{proposal.id}",
                                {"body": "Une réponse", "alignment": "for",
                                 "parent_id": parent_id})
    assert response.status_code == 404
    assert db.session.query(Comment).count() == 0
