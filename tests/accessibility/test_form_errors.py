"""A form sent with errors tells everyone, not only those who see red: the title starts with
"Erreur :", an error summary (role=alert) links to each field in error, and every field in
error is marked invalid and described by its message (RGAA 11.10, 11.11; WCAG 3.3.1)."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest

from tests.factories import make_proposal, make_section
from tests.fixtures.http import text


@pytest.fixture
def erreur(app) -> str:
    """The title's prefix, "Erreur :" in French (read from the catalogue)."""
    from flask_babel import force_locale, gettext

    with app.test_request_context(), force_locale("fr"):
        return gettext("Error:") + " "


class Page(HTMLParser):
    """The elements of a page by id, its title and the links of its error summary."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.by_id: dict[str, dict] = {}
        self.title = ""
        self.summary_links: list[str] = []
        self.summary_role = None
        self._in_title = False
        self._summary_depth = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        attrs["<tag>"] = tag
        if attrs.get("id"):
            self.by_id[attrs["id"]] = attrs
        self._in_title = tag == "title"
        if "error-summary" in (attrs.get("class") or "").split():
            self.summary_role = attrs.get("role")
            self._summary_depth = 1
        elif self._summary_depth and tag not in ("br", "img", "input"):
            self._summary_depth += 1
            if tag == "a":
                self.summary_links.append(attrs["href"])

    def handle_endtag(self, tag):
        self._in_title = False
        if self._summary_depth:
            self._summary_depth -= 1

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def assert_field_in_error(page: Page, field_id: str) -> None:
    """The summary links to the field, which is invalid and described by its message."""
    assert f"#{field_id}" in page.summary_links, page.summary_links
    field = page.by_id.get(field_id)
    assert field is not None, f"the summary links to #{field_id}, which is not on the page"
    assert field.get("aria-invalid") == "true", field
    described = (field.get("aria-describedby") or "").split()
    messages = [i for i in described if "error-message" in page.by_id.get(i, {}).get("class", "")]
    assert messages, f"#{field_id} is not described by an error message: {field}"


@pytest.fixture
def theme(db_session):
    return make_section(title="Capteurs", parent=make_section(title="Mobilités"))


def test_empty_signup_form(client, erreur):
    response = client.post_form("/signup", {})
    page = Page(text(response))
    assert page.title.startswith(erreur)
    assert page.summary_role == "alert"
    for field_id in ("email", "display_name", "password", "password_confirm"):
        assert_field_in_error(page, field_id)
    assert page.summary_links[0] == "#email"  # in the order of the form


def test_empty_proposal_form(client, login_as, citizen, theme, erreur):
    login_as(citizen)
    page = Page(text(client.post_form("/proposals/new", {})))
    assert page.title.startswith(erreur)
    assert page.summary_role == "alert"
    for field_id in ("title", "body"):
        assert_field_in_error(page, field_id)


def test_comment_with_no_text_and_no_position(client, login_as, citizen, theme, erreur):
    proposal = make_proposal(theme=theme)
    login_as(citizen)
    response = client.post_form(f"/comments/proposal/{proposal.id}",
                                {"body": "", "alignment": "nowhere"})
    assert response.status_code == 400
    page = Page(text(response))
    assert page.title.startswith(erreur)
    assert_field_in_error(page, "body")
    # A group of radio buttons: the summary links to the first option, and each option
    # is marked invalid and described by the group's message.
    assert_field_in_error(page, "alignment-0")
    assert page.by_id["alignment"]["<tag>"] == "fieldset"
    assert page.by_id["alignment-1"]["aria-invalid"] == "true"


def test_organization_without_a_name(client, login_as, citizen, erreur):
    login_as(citizen)
    page = Page(text(client.post_form("/organizations/new", {"name": "", "kind": "startup"})))
    assert page.title.startswith(erreur)
    assert_field_in_error(page, "name")


def test_report_without_a_reason_links_to_the_first_reason(client, login_as, citizen, theme,
                                                            erreur):
    proposal = make_proposal(theme=theme)
    login_as(citizen)
    page = Page(text(client.post_form(f"/report/proposal/{proposal.id}", {})))
    assert page.title.startswith(erreur)
    assert_field_in_error(page, "reason-0")


def test_a_page_without_errors_has_a_plain_title_and_no_summary(client, erreur):
    page = Page(text(client.get("/signup")))
    assert not page.title.startswith(erreur)
    assert page.summary_role is None
    assert "aria-invalid" not in page.by_id["email"]


def test_english_title_prefix(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    page = Page(text(client.post_form("/login", {"email": "", "password": ""})))
    assert page.title.startswith("Error: ")
    assert_field_in_error(page, "email")
