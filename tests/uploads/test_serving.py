"""GET /files/<key>: stored files are served so that they can never act as a page."""
from __future__ import annotations

import io

import pytest
from werkzeug.datastructures import FileStorage

from civic.uploads.services import file_path, store_upload
from tests.uploads.images import pdf_bytes, png_bytes


@pytest.fixture
def stored_png(app, citizen):
    with app.test_request_context():
        return store_upload(FileStorage(io.BytesIO(png_bytes()), "../../etc/passwd.png"),
                            owner=citizen, purpose="test", allowed={"image"},
                            max_bytes=10_000)


@pytest.fixture
def stored_pdf(app, citizen):
    with app.test_request_context():
        return store_upload(FileStorage(io.BytesIO(pdf_bytes()), 'report "final"\n.pdf'),
                            owner=citizen, purpose="test", allowed={"image", "pdf"},
                            max_bytes=10_000)


def test_an_image_is_served_inline_with_safe_headers(client, stored_png, db):
    db.session.commit()
    with client.get(f"/files/{stored_png.key}") as response:
        assert response.status_code == 200
        assert response.data == file_path(stored_png.key).read_bytes()
    headers = response.headers
    assert headers["Content-Type"] == "image/png"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert headers["Content-Disposition"].startswith("inline")
    assert "passwd.png" in headers["Content-Disposition"]
    assert "/" not in headers["Content-Disposition"]
    assert "immutable" in headers["Cache-Control"]
    assert "max-age=31536000" in headers["Cache-Control"]


def test_a_pdf_is_a_download(client, stored_pdf, db):
    db.session.commit()
    with client.get(f"/files/{stored_pdf.key}") as response:
        assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment")
    assert "\n" not in disposition and "\r" not in disposition
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_unknown_key_is_404(client):
    assert client.get("/files/" + "0" * 32).status_code == 404


@pytest.mark.parametrize("key", ["abc", "0" * 31, "0" * 33, "G" * 32, "..%2F..%2Fetc%2Fpasswd",
                                 "A" * 32])
def test_malformed_keys_are_404(client, key):
    assert client.get(f"/files/{key}").status_code == 404


def test_file_missing_on_disk_is_404(client, stored_png, db):
    db.session.commit()
    file_path(stored_png.key).unlink()
    assert client.get(f"/files/{stored_png.key}").status_code == 404


def test_conditional_requests_get_304(client, stored_png, db):
    db.session.commit()
    with client.get(f"/files/{stored_png.key}") as first:
        assert first.status_code == 200
    with client.get(f"/files/{stored_png.key}",
                    headers={"If-None-Match": first.headers["ETag"]}) as again:
        assert again.status_code == 304
