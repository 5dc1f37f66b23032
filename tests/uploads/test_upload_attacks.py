"""store_upload against hostile files: disguised types, polyglots, bombs, broken files,
tricky names. Every refusal is a DomainError that says what to do; nothing stays on disk."""
from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from PIL import Image
from werkzeug.datastructures import FileStorage

from civic.core.errors import DomainError
from civic.uploads.services import display_name, file_path, store_upload
from tests.uploads.images import (
    gif_declaring,
    gifar,
    image_bytes,
    jpeg_with_corrupt_exif,
    pdf_bytes,
    png_bytes,
    png_declaring,
    zip_bytes,
)

NOT_AN_IMAGE = "This file is not a PNG, JPEG, WebP or GIF image."
NEITHER = "This file is not a PDF document nor a PNG, JPEG, WebP or GIF image."

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
       b"<script>alert(document.domain)</script></svg>")
PHP = b"<?php system($_GET['cmd']); ?>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 50 + b"PE\x00\x00" + b"\x00" * 200


@pytest.fixture
def en(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


@pytest.fixture
def disk(app):
    """The names of the files under UPLOAD_DIR, read when called."""
    def _names():
        return {p.name for p in Path(app.config["UPLOAD_DIR"]).iterdir()}
    return _names


def _store(data, name="file.png", allowed=("image",), max_bytes=2 * 1024 * 1024):
    return store_upload(FileStorage(io.BytesIO(data), name), owner=None, purpose="test",
                        allowed=set(allowed), max_bytes=max_bytes)


# --- wrong types disguised by their name ---------------------------------------------

@pytest.mark.parametrize("data", [HTML, SVG, PHP, EXE, zip_bytes()],
                         ids=["html", "svg-script", "php", "exe", "zip"])
@pytest.mark.parametrize("name", ["photo.png", "photo.jpg", "doc.pdf", "x.php.png",
                                  "x.png.php"])
@pytest.mark.parametrize(("allowed", "message"), [(("image",), NOT_AN_IMAGE),
                                                  (("image", "pdf"), NEITHER)])
def test_disguised_files_are_refused_and_not_kept(en, disk, data, name, allowed, message):
    before = disk()
    with pytest.raises(DomainError) as error:
        _store(data, name, allowed)
    assert error.value.message == message
    assert disk() == before


def test_a_gifar_keeps_only_the_image(en):
    # A GIF that is also a Java archive: the pixels are kept, the archive is not.
    stored = _store(gifar(), "avatar.png")
    kept = file_path(stored.key).read_bytes()
    assert stored.content_type == "image/gif"
    assert b"PK\x03\x04" not in kept and b"Evil.class" not in kept
    assert stored.original_name == "avatar.png.gif"


@pytest.mark.parametrize("where", ["text chunk", "after the end"])
def test_code_hidden_in_a_png_is_dropped(en, where):
    from PIL.PngImagePlugin import PngInfo

    if where == "text chunk":
        info = PngInfo()
        info.add_text("Comment", PHP.decode())
        data = png_bytes(pnginfo=info)
    else:
        data = png_bytes() + PHP
    stored = _store(data, "shell.php.png")
    assert PHP not in file_path(stored.key).read_bytes()
    assert stored.original_name == "shell.php.png"


def test_a_pdf_that_is_also_html_is_only_ever_a_pdf(en):
    data = b"%PDF-1.4\n" + HTML + b"\n%%EOF\n"
    stored = _store(data, "page.html", allowed=("image", "pdf"))
    assert stored.content_type == "application/pdf"
    assert stored.original_name == "page.html.pdf"


# --- names ---------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "content_type", "shown"), [
    ("x.png.php", "image/png", "x.png.php.png"),
    ("x.php.png", "image/png", "x.php.png"),
    ("PHOTO.JPEG", "image/jpeg", "PHOTO.JPEG"),
    ("photo.jpg", "image/png", "photo.jpg.png"),
    ("../../etc/passwd.png", "image/png", "passwd.png"),
    ("..\\..\\x.png", "image/png", "x.png"),
    ("/etc/passwd", "application/pdf", "passwd.pdf"),
    ("C:\\Windows\\win.ini", "application/pdf", "win.ini.pdf"),
    ("a\x00b.png", "image/png", "ab.png"),
    ("x\u202egnp.exe", "image/png", "xgnp.exe.png"),
    ("...", "image/gif", "file.gif"),
    (". . .", "image/png", "file.png"),
    ("x.png. . .", "image/png", "x.png"),
    ("\u00a0 x.png \u2003", "image/png", "x.png"),
    ("CON.png", "image/png", "_CON.png"),
    ("nul", "application/pdf", "_nul.pdf"),
    ("lpt1.report.pdf", "application/pdf", "_lpt1.report.pdf"),
    ("CONSOLE.png", "image/png", "CONSOLE.png"),
])
def test_display_names(raw, content_type, shown):
    assert display_name(raw, content_type) == shown


@pytest.mark.parametrize("raw", ["a" * 5000, "é" * 400 + ".exe", "b" * 300 + ".png"])
def test_very_long_names_are_cut_and_keep_their_type(raw):
    shown = display_name(raw, "image/png")
    assert len(shown) <= 255 and shown.endswith(".png")


def test_the_name_on_disk_never_comes_from_the_client(en, app):
    stored = _store(png_bytes(), "../../" + "x" * 300 + "\x00.png")
    path = file_path(stored.key)
    assert path.parent == Path(app.config["UPLOAD_DIR"])
    assert len(path.name) == 32 and set(path.name) <= set("0123456789abcdef")


# --- bombs ---------------------------------------------------------------------------

@pytest.mark.parametrize("bomb", [
    png_declaring(50_000, 50_000),
    gif_declaring(screen=(10, 10), frame=(50_000, 50_000)),
    gif_declaring(screen=(50_000, 50_000), frame=(1, 1)),
    gif_declaring(screen=(7_000, 7_000), frame=(7_000, 7_000)),
], ids=["png-50000x50000", "gif-huge-frame", "gif-huge-screen", "gif-49-megapixels"])
def test_image_bombs_are_refused_from_their_header(en, disk, bomb):
    before = disk()
    with pytest.raises(DomainError) as error:
        _store(bomb, "tiny.gif")
    assert error.value.message.startswith("This image has too many pixels")
    assert "Resize it" in error.value.message
    assert disk() == before


# --- broken files --------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "WEBP"])
def test_truncated_images_are_refused(en, disk, fmt):
    data = image_bytes(fmt, size=(64, 48))
    before = disk()
    for cut in (0.1, 0.5, 0.8):
        with pytest.raises(DomainError, match="not a PNG"):
            _store(data[: int(len(data) * cut)])
    assert disk() == before


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "WEBP"])
def test_corrupt_images_are_refused_or_cleaned_never_crash(en, fmt):
    # Seeded byte flips: each variant is either refused with the usual message or
    # re-encoded into a valid image. Any other exception (or warning) fails the test.
    rng = random.Random(f"civic-{fmt}")
    data = image_bytes(fmt, size=(32, 24))
    outcomes = set()
    for _ in range(60):
        broken = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            broken[rng.randrange(len(broken))] = rng.randrange(256)
        try:
            stored = _store(bytes(broken))
        except DomainError as error:
            assert error.message in (NOT_AN_IMAGE,) or "too many pixels" in error.message
            outcomes.add("refused")
        else:
            with Image.open(file_path(stored.key)) as image:
                image.verify()
            outcomes.add("cleaned")
    assert "refused" in outcomes


def test_a_jpeg_with_corrupt_exif_is_kept_without_it(en):
    stored = _store(jpeg_with_corrupt_exif(), "photo.jpg")
    kept = file_path(stored.key).read_bytes()
    assert stored.content_type == "image/jpeg" and b"SpyCam" not in kept


def test_a_truncated_pdf_is_refused(en, disk):
    before = disk()
    with pytest.raises(DomainError) as error:
        _store(pdf_bytes()[:-10], "doc.pdf", allowed=("image", "pdf"))
    assert "incomplete or damaged" in error.value.message
    assert "export it again" in error.value.message
    assert disk() == before


def test_a_pdf_with_a_little_trailing_data_is_accepted(en):
    stored = _store(pdf_bytes() + b"\n" * 100, "doc.pdf", allowed=("pdf",))
    assert stored.content_type == "application/pdf"
