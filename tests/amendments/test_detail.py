"""The amendment's page: its diff, a stale base, comments, hidden amendments."""
from __future__ import annotations

from civic.extensions import db
from civic.masterplan.models import Section
from tests.amendments.conftest import propose
from tests.factories import make_published_revision
from tests.fixtures.http import text


def test_the_page_shows_the_amendment_and_its_diff(client, amendment, section):
    response = client.get(f"/amendments/{amendment.id}")
    assert response.status_code == 200
    page = text(response)
    assert "Mesurer aussi la qualité de l&#39;air" in page
    assert "By Camille Citoyenne" in page
    assert "Awaiting a decision" in page
    assert "La pollution suit le trafic" in page  # the justification
    assert "Changes to the current text" in page
    assert "<ins><span class=\"visually-hidden\">[inserted: </span>" in page
    assert "<del>" in page
    assert "written against" in page and "the plan is now at" not in page
    assert f'href="/plan/sections/{section.id}"' in page


def test_an_amendment_written_against_an_older_version_says_so(client, amendment, section):
    make_published_revision(summary="v2, same text")
    section = db.session.get(Section, section.id)
    section.body = "Un tout autre texte sur les capteurs de la ville."
    db.session.commit()
    make_published_revision(summary="v3, new text")
    page = text(client.get(f"/amendments/{amendment.id}"))
    assert "This amendment was written against v1; the plan is now at v3." in page
    assert "Changes proposed to v1" in page
    assert "Compared with the current text (v3)" in page
    assert "The text of this section has changed since" in page
    # Against its base, only the words the author changed are marked.
    base_part = page.split("Changes proposed to v1")[1].split("Compared with the current")[0]
    assert "[deleted: </span>mesurent" not in base_part
    assert "autre" in page.split("Compared with the current")[1]


def test_a_newer_version_with_the_same_section_text_is_said_unchanged(client, amendment):
    make_published_revision(summary="v2")
    page = text(client.get(f"/amendments/{amendment.id}"))
    assert "written against v1; the plan is now at v2." in page
    assert "The text of this section has not changed since." in page


def test_people_comment_on_amendments(client, login_as, other_citizen, amendment):
    login_as(other_citizen)
    response = client.post_form(f"/comments/amendment/{amendment.id}", {
        "body": "Bonne idée, et le bruit aussi ?", "alignment": "for", "organization": "0"})
    assert response.status_code == 302
    assert db.session.get(type(amendment), amendment.id).comments_count == 1
    page = text(client.get(f"/amendments/{amendment.id}"))
    assert "1 comment" in page and "et le bruit aussi" in page


def test_comments_close_once_decided(client, login_as, staff, other_citizen, amendment):
    from civic.amendments import services

    services.reject_amendment(staff, amendment, "Hors du périmètre du plan.")
    db.session.commit()
    login_as(other_citizen)
    page = text(client.get(f"/amendments/{amendment.id}"))
    assert "Comments are closed: the staff rejected this amendment." in page
    assert "Hors du périmètre du plan." in page


def test_a_hidden_amendment_shows_only_the_reason(client, login_as, other_citizen, citizen,
                                                  amendment):
    amendment.moderation = "hidden"
    amendment.hidden_reason = "Hors sujet"
    db.session.commit()
    login_as(other_citizen)
    page = text(client.get(f"/amendments/{amendment.id}"))
    assert "Hidden amendment" in page and "Hors sujet" in page
    assert "Mesurer aussi" not in page
    login_as(citizen)
    assert "Mesurer aussi" in text(client.get(f"/amendments/{amendment.id}"))


def test_an_unknown_amendment_is_404(client):
    assert client.get("/amendments/999999").status_code == 404


def test_the_section_page_lists_its_amendments(client, amendment, citizen, section):
    propose(citizen, section, title="Une deuxième idée")
    page = text(client.get(f"/plan/sections/{section.id}"))
    assert "Amendments" in page and "2 amendments" in page
    assert "Une deuxième idée" in page
    assert f"/plan/sections/{section.id}/amendments/new" in page


def test_others_can_report_an_amendment(client, login_as, other_citizen, citizen, amendment):
    login_as(other_citizen)
    page = text(client.get(f"/amendments/{amendment.id}"))
    assert f'href="/report/amendment/{amendment.id}"' in page
    assert client.get(f"/report/amendment/{amendment.id}").status_code == 200
    login_as(citizen)  # never one's own
    assert f"/report/amendment/{amendment.id}" not in text(client.get(
        f"/amendments/{amendment.id}"))
