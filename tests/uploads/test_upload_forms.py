"""Hostile uploads through the real forms (organization logo, proposal attachments):
a form error that says what to do, or a friendly 413; never a 500, never a file left behind.
Also: files written for a transaction that is rolled back are deleted with it."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage

from civic.proposals.models import Proposal
from civic.uploads.models import StoredFile
from civic.uploads.services import file_path, store_upload
from tests.factories import make_section, make_user
from tests.fixtures.http import text
from tests.proposals.conftest import form_data
from tests.uploads.images import gif_declaring, pdf_bytes, png_bytes, png_declaring, upload
from tests.uploads.test_upload_attacks import HTML, SVG

EN = {"Accept-Language": "en"}
MULTIPART = "multipart/form-data"


@pytest.fixture
def disk(app):
    def _names():
        return {p.name for p in Path(app.config["UPLOAD_DIR"]).iterdir()}
    return _names


@pytest.fixture
def theme(db_session):
    return make_section(title="Vélo", parent=make_section(title="Mobilités"))


@pytest.fixture
def author(login_as):
    return login_as(make_user(display_name="Ada Fondatrice", locale="en"))


def _stored_count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(StoredFile))


def _new_organization(client, logo):
    return client.post_form("/organizations/new",
                            {"name": "Atelier Vélo", "kind": "association", "logo_file": logo},
                            headers=EN, content_type=MULTIPART)


@pytest.mark.parametrize(("logo", "message"), [
    (upload(HTML, "logo.png", "image/png"), "not a PNG, JPEG, WebP or GIF image"),
    (upload(SVG, "logo.svg", "image/svg+xml"), "not a PNG, JPEG, WebP or GIF image"),
    (upload(pdf_bytes(), "logo.pdf", "application/pdf"), "not a PNG, JPEG, WebP or GIF"),
    (upload(png_bytes((64, 64))[:90], "cut.png", "image/png"), "not a PNG"),
    (upload(png_declaring(50_000, 50_000), "bomb.png", "image/png"), "too many pixels"),
    (upload(gif_declaring((10, 10), (50_000, 50_000)), "bomb.gif"), "too many pixels"),
    (upload(b"", "empty.png", "image/png"), "The file is empty"),
], ids=["html", "svg", "pdf", "truncated", "png-bomb", "gif-bomb", "empty"])
def test_a_bad_logo_is_a_form_error(client, db, disk, author, logo, message):
    before = disk()
    response = _new_organization(client, logo)
    assert response.status_code == 200
    assert message in text(response)
    assert _stored_count(db) == 0 and disk() == before


def test_a_logo_over_its_own_limit_says_the_limit(client, db, disk, app, author, monkeypatch):
    monkeypatch.setitem(app.config, "LOGO_MAX_BYTES", 1024)
    before = disk()
    response = _new_organization(client, upload(png_bytes() + b"\0" * 2000, "big.png"))
    assert response.status_code == 200
    assert "The file is larger than 1 KB. Make it smaller and try again." in text(response)
    assert disk() == before


def test_a_request_over_max_content_length_is_a_friendly_413(client, db, disk, app, author,
                                                             monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 64 * 1024)
    before = disk()
    response = _new_organization(client, upload(b"\0" * (100 * 1024), "huge.png"))
    assert response.status_code == 413
    page = text(response)
    assert "File too large" in page and "Make the file smaller and try again." in page
    assert _stored_count(db) == 0 and disk() == before


def test_one_bad_attachment_keeps_none_of_the_files(client, db, disk, author, theme):
    # The first file is valid and written to disk before the second one is refused:
    # the whole form is refused, and the first file must not stay behind.
    before = disk()
    data = form_data(theme)
    data["attachments"] = [(io.BytesIO(png_bytes()), "plan.png"),
                           (io.BytesIO(HTML), "evil.png")]
    response = client.post_form("/proposals/new", data, content_type=MULTIPART, headers=EN)
    assert response.status_code == 200
    page = text(response)
    assert "evil.png: This file is not a PDF document nor a PNG" in page
    assert db.session.scalars(select(Proposal)).first() is None
    assert _stored_count(db) == 0 and disk() == before


def test_an_attachment_over_its_limit_is_named(client, db, disk, app, author, theme,
                                               monkeypatch):
    monkeypatch.setitem(app.config, "ATTACHMENT_MAX_BYTES", 2048)
    before = disk()
    data = form_data(theme)
    data["attachments"] = [(io.BytesIO(pdf_bytes() + b"%" * 3000), "dossier.pdf")]
    response = client.post_form("/proposals/new", data, content_type=MULTIPART, headers=EN)
    assert response.status_code == 200
    assert "dossier.pdf: The file is larger than 2 KB." in text(response)
    assert disk() == before


@pytest.mark.parametrize("name", ["../../etc/passwd.png", "..\\..\\x.png", "/abs/x.png",
                                  "x\u202egnp.exe", "CON.png", "." * 40, "n" * 2000 + ".png"])
def test_tricky_names_through_the_form_are_harmless(client, db, disk, app, author, name):
    before = disk()
    response = _new_organization(client, upload(png_bytes(), name, "image/png"))
    assert response.status_code == 302
    logo = db.session.scalars(select(StoredFile)).one()
    assert disk() - before == {logo.key}
    assert "/" not in logo.original_name and "\\" not in logo.original_name
    assert "\u202e" not in logo.original_name and logo.original_name.endswith(".png")
    assert not logo.original_name.upper().startswith("CON.")
    assert len(logo.original_name) <= 255


def test_a_served_file_with_a_hostile_name_stays_an_image(client, db, author):
    _new_organization(client, upload(png_bytes(), "x\u202egnp.exe", "text/html"))
    logo = db.session.scalars(select(StoredFile)).one()
    with client.get(f"/files/{logo.key}") as response:
        headers = response.headers
    assert headers["Content-Type"] == "image/png"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in headers["Content-Security-Policy"]
    assert headers["Content-Disposition"].startswith("inline")
    assert "xgnp.exe.png" in headers["Content-Disposition"]
    assert "\u202e" not in headers["Content-Disposition"]


# --- files follow their transaction --------------------------------------------------

@pytest.fixture
def en(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


def _store(name="a.png"):
    return store_upload(FileStorage(io.BytesIO(png_bytes()), name), owner=None,
                        purpose="test", allowed={"image"}, max_bytes=10_000)


def test_a_rollback_deletes_the_files_it_wrote(en, db):
    first, second = _store(), _store()
    paths = [file_path(first.key), file_path(second.key)]
    assert all(p.is_file() for p in paths)
    db.session.rollback()
    assert not any(p.exists() for p in paths)


def test_a_commit_keeps_the_files(en, db):
    path = file_path(_store().key)
    db.session.commit()
    db.session.rollback()  # a later rollback does not touch what was committed
    assert path.is_file()


def test_a_rolled_back_savepoint_deletes_only_its_files(en, db):
    kept = file_path(_store().key)
    with pytest.raises(RuntimeError), db.session.begin_nested():
        dropped = file_path(_store().key)
        raise RuntimeError("refused")
    assert kept.is_file() and not dropped.exists()
    db.session.commit()
    assert kept.is_file()


def test_a_released_savepoint_hands_its_files_to_the_outer_transaction(en, db):
    with db.session.begin_nested():
        path = file_path(_store().key)
    assert path.is_file()
    db.session.rollback()
    assert not path.exists()
