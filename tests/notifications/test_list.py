"""The notifications page: every kind in words, opening, marking read, pages."""
from __future__ import annotations

import html

import pytest
from flask_babel import force_locale

from civic.extensions import db
from civic.notifications import kinds, services
from tests.factories import make_proposal, make_user
from tests.fixtures.http import text
from tests.notifications.conftest import EN, FORM_RE, SAMPLES, add


def _page(client, url="/notifications", **kwargs):
    return html.unescape(text(client.get(url, **kwargs)))


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_every_kind_is_shown_in_words_in_the_readers_language(client, login_as, locale):
    reader = make_user(display_name="Camille Lectrice", locale=locale)
    for kind, data in SAMPLES.items():
        add(reader, kind, commit=False, **data)
    db.session.commit()
    login_as(reader)
    page = _page(client, headers={"Accept-Language": locale})
    for kind, data in SAMPLES.items():
        with force_locale(locale):
            said = kinds.render(kind, data)
        assert said.sentence in page, kind
        assert said.link_text in page, kind
        for line in said.details:
            assert line in page, (kind, line)
    assert "Alix replied to your comment on “Des bancs au Capitole”." in page or locale == "fr"
    assert "Reason given: spam répété" in page or locale == "fr"
    # Dates and statuses are written for people, not as codes.
    assert ("March 15, 2031" if locale == "en" else "15 mars 2031") in page
    assert "under_review" not in page
    if locale == "fr":  # already in the catalogue
        assert "La proposition «\xa0Des bancs au Capitole\xa0» a changé de statut." in page
        assert ">Nouvelle</span>" in page


def test_unknown_kinds_and_missing_data_still_read_well(client, login_as, reader):
    add(reader, "experiment.started", title="Un capteur de bruit")
    add(reader, "comment.reply", title="Sans auteur", path="/proposals/1")
    login_as(reader)
    page = _page(client, headers=EN)
    assert "Something happened on “Un capteur de bruit”." in page
    assert "Someone replied to your comment on “Sans auteur”." in page


def test_user_text_in_notifications_is_escaped(client, login_as, citizen):
    add(citizen, "comment.reply", title="<script>alert(1)</script>",
        excerpt="<img src=x onerror=alert(2)>", actor_name="<b>Alix</b>")
    login_as(citizen)
    page = text(client.get("/notifications", headers=EN))
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "<b>Alix</b>" not in page and "&lt;b&gt;Alix&lt;/b&gt;" in page


def test_unread_notifications_are_marked_in_words_not_only_colour(client, login_as, reader):
    add(reader, title="Lue")
    add(reader, title="Pas lue")
    services.mark_read(reader, services.recent_notifications(reader)[-1])
    db.session.commit()
    login_as(reader)
    page = _page(client, headers=EN)
    assert page.count('class="badge badge-new">New<') == 1
    assert page.count("Mark as read<") == 1
    unread_at = page.index("“Pas lue”")
    assert page.rindex("New", 0, unread_at) > page.rindex("<li", 0, unread_at)


def test_opening_marks_read_and_goes_to_the_page(client, login_as, citizen):
    note = add(citizen, "comment.reply", path="/proposals/4#comment-12", actor_name="Alix")
    login_as(citizen)
    page = text(client.get("/notifications", headers=EN))
    assert f"/notifications/{note.id}/open" in page
    response = client.post_form(f"/notifications/{note.id}/open")
    assert response.status_code == 302
    assert response.headers["Location"] == "/proposals/4#comment-12"
    assert db.session.get(type(note), note.id).read_at is not None
    assert services.unread_count(citizen) == 0


@pytest.mark.parametrize("path", ["https://evil.example/x", "//evil.example/x",
                                  "/%2f%2fevil.example", "javascript:alert(1)", "/\\evil"])
def test_opening_never_leaves_the_site(client, login_as, citizen, path):
    note = add(citizen, "comment.new", path=path)
    login_as(citizen)
    response = client.post_form(f"/notifications/{note.id}/open")
    assert response.status_code == 302
    assert response.headers["Location"] == "/notifications"
    assert db.session.get(type(note), note.id).read_at is not None


def test_older_proposal_notifications_without_path_open_the_proposal(client, login_as,
                                                                     reader):
    proposal = make_proposal(title="Des jardins partagés")
    services.notify(reader, "proposal.answered", proposal, data={"title": proposal.title})
    db.session.commit()
    [note] = services.recent_notifications(reader)
    login_as(reader)
    page = _page(client, headers=EN)
    assert "The usage lab answered the proposal “Des jardins partagés”." in page
    response = client.post_form(f"/notifications/{note.id}/open")
    assert response.headers["Location"] == f"/proposals/{proposal.id}"


def test_someone_elses_notification_is_not_found(client, login_as, citizen, other_citizen):
    note = add(other_citizen, title="Privé")
    login_as(citizen)
    assert client.post_form(f"/notifications/{note.id}/open").status_code == 404
    assert client.post_form(f"/notifications/{note.id}/read").status_code == 404
    assert client.post_form("/notifications/999999/open").status_code == 404
    assert services.unread_count(other_citizen) == 1


def test_opening_needs_an_account_and_the_form_token(client, login_as, citizen):
    note = add(citizen)
    assert client.post_form(f"/notifications/{note.id}/open").status_code == 401
    login_as(citizen)
    assert client.post(f"/notifications/{note.id}/open").status_code == 400
    assert client.get(f"/notifications/{note.id}/open").status_code == 405
    assert services.unread_count(citizen) == 1


def test_mark_one_as_read(client, login_as, reader):
    first, second = add(reader, title="Un"), add(reader, title="Deux")
    login_as(reader)
    response = client.post_form(f"/notifications/{first.id}/read", {"page": "2"})
    assert response.status_code == 302 and response.headers["Location"].endswith("?page=2")
    assert db.session.get(type(first), first.id).read_at is not None
    assert db.session.get(type(second), second.id).read_at is None
    page = _page(client, "/notifications", headers=EN)
    assert "The notification is marked as read." in page
    # Once read, no more button; marking it again changes nothing.
    assert f"/notifications/{first.id}/read" not in page
    assert client.post_form(f"/notifications/{first.id}/read").status_code == 302


def test_pages_of_notifications(client, login_as, reader, monkeypatch):
    monkeypatch.setattr(services, "PAGE_SIZE", 3)
    monkeypatch.setattr(services.notifications_page, "__defaults__", (1, 3))
    for n in range(7):
        add(reader, commit=False, title=f"Numéro {n}")
    db.session.commit()
    login_as(reader)
    first = _page(client, headers=EN)
    assert "“Numéro 6”" in first and "“Numéro 4”" in first and "“Numéro 3”" not in first
    assert "Page 1 of 3" in first and 'href="/notifications?page=2"' in first
    last = _page(client, "/notifications?page=3", headers=EN)
    assert "“Numéro 0”" in last and "“Numéro 1”" not in last
    beyond = client.get("/notifications?page=9", headers=EN)
    assert beyond.status_code == 200 and "Numéro" not in text(beyond)


def test_the_page_runs_a_constant_number_of_queries(client, login_as, citizen, other_citizen,
                                                    count_queries):
    def fill(n):
        for i in range(n):
            services.notify(citizen, "comment.reply", None, actor=other_citizen,
                            data={"title": f"T{i}", "path": "/proposals/1"})
        db.session.commit()

    login_as(citizen)
    fill(2)
    with count_queries() as few:
        assert client.get("/notifications", headers=EN).status_code == 200
    fill(20)
    with count_queries() as many:
        assert client.get("/notifications", headers=EN).status_code == 200
    assert many.count == few.count, many.statements


def test_a_deleted_actor_is_not_named_any_more(client, login_as, reader, other_citizen):
    from civic.accounts.profile_services import delete_account
    from tests.factories import DEFAULT_PASSWORD

    services.notify(reader, "comment.reply", None, actor=other_citizen,
                    data={"title": "Un fil", "path": "/proposals/1"})
    db.session.commit()
    delete_account(other_citizen, password=DEFAULT_PASSWORD)
    db.session.commit()
    login_as(reader)
    page = _page(client, headers=EN)
    assert "Deleted participant replied to your comment" in page
    assert "Dominique Voisin" not in page


def test_open_forms_point_at_own_notifications_only(client, login_as, citizen, other_citizen):
    mine = add(citizen)
    add(other_citizen)
    login_as(citizen)
    ids = {int(match[1]) for match in FORM_RE.findall(text(client.get("/notifications")))}
    assert ids == {mine.id}
