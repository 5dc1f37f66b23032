"""The moderators' queue: open cases first, with each item's context, in constant queries."""
from __future__ import annotations

from datetime import timedelta

from civic.core.models import utcnow
from civic.extensions import db
from civic.moderation import decisions, reports, services
from tests.factories import make_comment, make_proposal, make_user
from tests.fixtures.http import text
from tests.moderation.conftest import reporters
from tests.moderation.helpers import audit, case_of


def _reported_comments(count: int, reports_each: int = 1) -> list:
    people = reporters(reports_each)
    comments = []
    for n in range(count):
        comment = make_comment(author=make_user(locale="en"), body=f"Commentaire numéro {n}")
        for person in people:
            reports.report_content(person, "comment", comment.id, "spam", f"Pub {n}")
        comments.append(comment)
    db.session.commit()
    return comments


def test_the_queue_shows_each_item_with_its_reports(client, login_as, moderator, comment,
                                                    author):
    first, second = reporters(2)
    reports.report_content(first, "comment", comment.id, "offensive", "Insulte")
    reports.report_content(second, "comment", comment.id, "offensive")
    db.session.commit()
    login_as(moderator)
    page = text(client.get("/moderation"))
    assert "Un commentaire désagréable." in page
    assert "Alex Auteur" in page
    assert "Insulting, hateful or harassing</strong> (2)" in page
    assert "Insulte" in page
    assert "Visible" in page
    assert f"/moderation/cases/{case_of('comment', comment.id).id}" in page


def test_the_queue_page_runs_a_constant_number_of_queries(client, login_as, moderator,
                                                          count_queries):
    _reported_comments(3)
    proposal = make_proposal(author=make_user(locale="en"))
    reports.report_content(reporters(1)[0], "proposal", proposal.id, "spam")
    db.session.commit()
    login_as(moderator)
    client.get("/moderation")
    with count_queries() as few:
        assert client.get("/moderation").status_code == 200
    _reported_comments(16)
    with count_queries() as many:
        page = client.get("/moderation")
    assert page.status_code == 200 and text(page).count('name="case_ids"') == 20
    assert many.count == few.count


def test_tabs_sorting_and_pagination(client, login_as, moderator):
    comments = _reported_comments(3)
    busy = comments[1]
    for person in reporters(1):
        reports.report_content(person, "comment", busy.id, "spam")
    hidden = comments[2]
    decisions.hide_case(moderator, case_of("comment", hidden.id), "Publicité")
    db.session.commit()
    login_as(moderator)
    page = text(client.get("/moderation"))  # open cases, most reported first
    assert "Commentaire numéro 1" in page and "Commentaire numéro 2" not in page
    assert page.index("Commentaire numéro 1") < page.index("Commentaire numéro 0")
    oldest = text(client.get("/moderation?sort=oldest"))
    assert oldest.index("Commentaire numéro 0") < oldest.index("Commentaire numéro 1")
    newest = text(client.get("/moderation?sort=newest"))
    assert newest.index("Commentaire numéro 1") < newest.index("Commentaire numéro 0")
    assert "Commentaire numéro 2" in text(client.get("/moderation?tab=hidden"))
    assert "Commentaire numéro 0" not in text(client.get("/moderation?tab=hidden"))
    everything = text(client.get("/moderation?tab=all"))
    assert all(f"Commentaire numéro {n}" in everything for n in range(3))
    assert client.get("/moderation?tab=nonsense&sort=nonsense&page=abc").status_code == 200


def test_the_queue_is_paginated(client, login_as, moderator):
    _reported_comments(22)
    login_as(moderator)
    first = text(client.get("/moderation"))
    assert first.count('name="case_ids"') == 20 and "Page 1 of 2" in first
    second = text(client.get("/moderation?page=2"))
    assert second.count('name="case_ids"') == 2


def test_pending_contributions_have_their_tab(client, login_as, moderator, proposal, author):
    pending = make_comment(target=proposal, author=author, moderation="pending",
                           body="En attente de validation")
    services.open_pending_case("comment", pending, author.id)
    db.session.commit()
    login_as(moderator)
    assert "En attente de validation" in text(client.get("/moderation?tab=pending"))
    assert "En attente de validation" not in text(client.get("/moderation?tab=reported"))
    case = case_of("comment", pending.id)
    assert "Approve and publish" in text(client.get(f"/moderation/cases/{case.id}"))


def test_bulk_dismiss_decides_every_selected_case(client, login_as, moderator):
    comments = _reported_comments(3)
    ids = [case_of("comment", c.id).id for c in comments[:2]]
    login_as(moderator)
    response = client.post_form("/moderation/bulk", {"case_ids": ids, "action": "dismiss",
                                                     "reason": "Rien à signaler"})
    assert response.status_code == 302
    assert "2 cases decided." in text(client.get("/moderation"))
    assert [case_of("comment", c.id).status for c in comments] == ["dismissed", "dismissed",
                                                                   "reported"]
    assert len(audit("moderation.dismiss")) == 2


def test_bulk_actions_are_all_or_nothing(client, login_as, moderator):
    comments = _reported_comments(2)
    ids = [case_of("comment", c.id).id for c in comments]
    decisions.dismiss_case(moderator, case_of("comment", comments[1].id))
    db.session.commit()
    login_as(moderator)
    response = client.post_form("/moderation/bulk", {"case_ids": ids, "action": "dismiss"})
    assert response.status_code == 302
    assert "Nothing was changed" in text(client.get("/moderation"))
    assert case_of("comment", comments[0].id).status == "reported"
    assert len(audit("moderation.dismiss")) == 1
    # Hiding needs a reason: nothing changes without one.
    client.post_form("/moderation/bulk", {"case_ids": ids[:1], "action": "hide"})
    assert comments[0].moderation == "visible"
    assert "Nothing was changed" in text(client.get("/moderation"))
    # No case or no action selected.
    client.post_form("/moderation/bulk", {"action": "dismiss"})
    assert "Select at least one case." in text(client.get("/moderation"))
    client.post_form("/moderation/bulk", {"case_ids": ids[:1], "action": ""})
    assert case_of("comment", comments[0].id).status == "reported"


def test_the_header_links_moderators_to_the_queue(client, login_as, moderator, citizen,
                                                  comment):
    reports.report_content(citizen, "comment", comment.id, "spam")
    db.session.commit()
    login_as(moderator)
    page = text(client.get("/about"))
    assert 'href="/moderation"' in page and "1<span class=\"visually-hidden\"> open case<" in page
    login_as(citizen)
    assert 'href="/moderation"' not in text(client.get("/about"))


def test_old_cases_sort_before_new_ones(moderator):
    comments = _reported_comments(2)
    old = case_of("comment", comments[1].id)
    old.created_at = utcnow() - timedelta(days=3)
    db.session.commit()
    from civic.moderation.queries import queue

    assert queue("open", "oldest").items[0].case.id == old.id
