"""Staff pages: the draft, editing a section (preview, conflicts), publishing."""
# ruff: noqa: F811  (pytest fixtures imported from plan_fixtures, used as arguments)
from __future__ import annotations

import re

import pytest

from civic.extensions import db
from civic.masterplan import revisions, services
from civic.masterplan.models import Section
from tests.factories import make_user
from tests.fixtures.http import text
from tests.masterplan.plan_fixtures import (  # noqa: F401
    EN,
    _english_pages,
    citizen,
    moderator,
    plan,
    request_ctx,
    staff,
)


def loaded_version(page: str) -> str:
    match = re.search(r'<input[^>]*name="version"[^>]*>', page)
    assert match, "the form carries the version it was loaded with"
    return re.search(r'value="(\d+)"', match.group(0)).group(1)


def form(section, version, **overrides):
    data = {"title": section.title, "summary": "", "body": "Texte", "objectives": "",
            "indicators": "", "position": "0", "version": version, "save": "1"}
    data.update(overrides)
    return data


def test_staff_start_a_draft_then_see_it(client, login_as, staff, plan):
    login_as(staff)
    page = text(client.get("/plan/draft"))
    assert "There is no draft" in page and 'action="/plan/draft/start"' in page
    response = client.post_form("/plan/draft/start", {})
    assert response.status_code == 302
    page = text(client.get("/plan/draft"))
    assert "Based on the current version v1" in page and "Axe numéro 1" in page
    assert f'/plan/draft/sections/{plan["axis"].id}/edit' in page
    assert "Nothing changed yet" in page
    assert 'href="/plan/draft"' in text(client.get("/plan/"))  # the "Edit the plan" link


def test_edit_preview_save_and_publish(client, login_as, staff, plan):
    login_as(staff)
    client.post_form("/plan/draft/start", {})
    url = f"/plan/draft/sections/{plan['project'].id}/edit"
    page = text(client.get(url))
    version = loaded_version(page)
    assert 'name="preview"' in page and 'name="save"' in page
    # Preview: rendered text and the diff against the published text, nothing saved.
    data = form(plan["project"], version, body="Le projet installe des **bornes**.")
    data.pop("save")
    data["preview"] = "1"
    page = text(client.post_form(url, data))
    assert "Preview (not saved yet)" in page and "<strong>bornes</strong>" in page
    assert "[inserted: </span>" in page and "[deleted: </span>" in page
    draft = revisions.open_draft()
    assert "bornes" not in revisions.section_text(draft, plan["project"].id).body
    # Save.
    response = client.post_form(url, form(plan["project"], version,
                                          body="Le projet installe des **bornes**."))
    assert response.status_code == 302
    page = text(client.get("/plan/draft"))
    assert "1 section changed so far." in page and "Changed" in page
    assert "words added" in page
    diff_page = text(client.get("/plan/draft/diff"))
    assert "[inserted: </span>" in diff_page and "Projet 1.1" in diff_page
    # Publish: a summary is required.
    response = client.post_form("/plan/draft/publish", {"summary": ""})
    assert response.status_code == 400 and "There is a problem" in text(response)
    response = client.post_form("/plan/draft/publish", {"summary": "Des bornes"})
    assert response.status_code == 302
    page = text(client.get("/plan/"))
    assert "Version v2" in page and "Des bornes" in page and "<strong>bornes</strong>" in page
    assert "bornes" in db.session.get(Section, plan["project"].id).body


def test_a_stale_save_is_a_409_that_keeps_both_texts(client, login_as, staff, plan):
    login_as(staff)
    client.post_form("/plan/draft/start", {})
    url = f"/plan/draft/sections/{plan['axis'].id}/edit"
    version = loaded_version(text(client.get(url)))
    # A colleague saves first.
    colleague = make_user(display_name="Collègue Urbaniste", roles=("staff",), locale="en")
    draft = revisions.open_draft()
    services.edit_section_text(colleague, draft, plan["axis"].id,
                               {"body": "Le texte du collègue"}, int(version))
    db.session.commit()
    response = client.post_form(url, form(plan["axis"], version, body="Mon texte à moi"))
    page = text(response)
    assert response.status_code == 409
    assert "Someone else saved this section" in page and "Collègue Urbaniste" in page
    assert "Mon texte à moi</textarea>" in page  # my work is not lost
    assert "Le texte du collègue" in page  # theirs is shown, with the diff
    assert "[inserted: </span>" in page
    new_version = loaded_version(page)
    assert int(new_version) > int(version)
    # Saving again, deliberately, with the new version wins.
    response = client.post_form(url, form(plan["axis"], new_version, body="Mon texte à moi"))
    assert response.status_code == 302
    assert revisions.section_text(revisions.open_draft(), plan["axis"].id).body == \
        "Mon texte à moi"


def test_a_form_without_its_version_is_refused(client, login_as, staff, plan):
    login_as(staff)
    client.post_form("/plan/draft/start", {})
    url = f"/plan/draft/sections/{plan['axis'].id}/edit"
    response = client.post_form(url, form(plan["axis"], "", body="Sans version"))
    assert response.status_code == 400 and "reload the page" in text(response)


def test_publishing_without_change_is_refused_with_a_message(client, login_as, staff, plan):
    login_as(staff)
    client.post_form("/plan/draft/start", {})
    response = client.post_form("/plan/draft/publish", {"summary": "Rien"})
    assert response.status_code == 400 and "Nothing changed since" in text(response)
    assert revisions.current_revision().number == 1


def test_discarding_the_draft(client, login_as, staff, plan):
    login_as(staff)
    client.post_form("/plan/draft/start", {})
    assert client.post_form("/plan/draft/discard", {}).status_code == 302
    assert revisions.open_draft() is None
    assert client.post_form("/plan/draft/discard", {}).status_code == 404


def test_editing_without_a_draft_is_404(client, login_as, staff, plan):
    login_as(staff)
    assert client.get(f"/plan/draft/sections/{plan['axis'].id}/edit").status_code == 404
    client.post_form("/plan/draft/start", {})
    assert client.get("/plan/draft/sections/99999/edit").status_code == 404


@pytest.mark.parametrize("who", ["citizen", "moderator"])
def test_staff_pages_are_forbidden_to_others(request, client, login_as, staff, plan, who):
    revisions.start_draft(staff)
    db.session.commit()
    login_as(request.getfixturevalue(who))
    edit = f"/plan/draft/sections/{plan['axis'].id}/edit"
    for url in ("/plan/draft", "/plan/draft/diff", edit):
        assert client.get(url).status_code == 403
    for url in ("/plan/draft/start", "/plan/draft/publish", "/plan/draft/discard", edit):
        assert client.post_form(url, form(plan["axis"], "1", summary="x")).status_code == 403
    assert 'href="/plan/draft"' not in text(client.get("/plan/"))
    assert revisions.current_revision().number == 1 and revisions.open_draft() is not None


def test_anonymous_visitors_are_sent_to_log_in(client, plan):
    response = client.get("/plan/draft")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_posts_need_the_csrf_token(client, login_as, staff, plan):
    login_as(staff)
    assert client.post("/plan/draft/start", data={}).status_code == 400
    assert revisions.open_draft() is None
