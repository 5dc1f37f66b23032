"""store_upload: files are checked by what they contain, never by their name."""
from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image
from werkzeug.datastructures import FileStorage

from civic.core.errors import DomainError
from civic.uploads.services import clean_filename, file_path, store_upload
from tests.uploads.images import jpeg_with_exif, pdf_bytes, png_bytes, png_declaring


@pytest.fixture
def en(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


def _file(data: bytes, name: str = "file.png") -> FileStorage:
    return FileStorage(stream=io.BytesIO(data), filename=name)


def _store(data, name="file.png", allowed=("image",), max_bytes=2 * 1024 * 1024, owner=None):
    return store_upload(_file(data, name), owner=owner, purpose="test", allowed=set(allowed),
                        max_bytes=max_bytes)


def test_a_png_is_kept_under_a_random_key(en, citizen):
    stored = _store(png_bytes((30, 20)), owner=citizen)
    assert stored.content_type == "image/png"
    assert (stored.width, stored.height) == (30, 20)
    assert stored.owner_id == citizen.id and stored.purpose == "test"
    path = file_path(stored.key)
    assert path.name == stored.key and "file" not in path.name
    with Image.open(path) as image:
        assert image.format == "PNG" and image.size == (30, 20)
    assert stored.size == os.path.getsize(path)


def test_a_text_file_named_png_is_refused(en):
    with pytest.raises(DomainError) as error:
        _store(b"hello, I am not an image\n" * 10, "logo.png")
    assert error.value.message == "This file is not a PNG, JPEG, WebP or GIF image."


@pytest.mark.parametrize("fmt", ["BMP", "TIFF", "ICO"])
def test_other_image_formats_are_refused(en, fmt):
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, fmt)
    with pytest.raises(DomainError, match="not a PNG, JPEG, WebP or GIF"):
        _store(out.getvalue(), "image.png")


def test_svg_is_refused(en):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(DomainError, match="not a PNG"):
        _store(svg, "logo.svg")


def test_a_truncated_png_is_refused(en):
    with pytest.raises(DomainError, match="not a PNG"):
        _store(png_bytes((50, 50))[:60])


def test_an_oversized_file_is_refused_with_the_limit(en):
    with pytest.raises(DomainError) as error:
        _store(png_bytes() + b"\0" * 3000, max_bytes=1000)
    assert "larger than" in error.value.message


def test_the_logo_limit_reads_in_megabytes(en):
    with pytest.raises(DomainError) as error:
        _store(b"\0" * (2 * 1024 * 1024 + 1))
    assert error.value.message.startswith("The file is larger than 2 MB")


def test_an_empty_file_is_refused(en):
    with pytest.raises(DomainError, match="empty"):
        _store(b"")


@pytest.mark.parametrize("size", [(100_000, 100_000), (10_000, 10_000), (7_000, 7_000)])
def test_decompression_bombs_are_refused_before_decoding(en, size):
    # 10 billion pixels (Pillow's error), 100 million (Pillow's warning), and 49 million
    # (above civic's IMAGE_MAX_PIXELS of 40 million): all refused from the header alone.
    with pytest.raises(DomainError, match="too many pixels"):
        _store(png_declaring(*size))


def test_the_pixel_limit_comes_from_config(app, en, monkeypatch):
    monkeypatch.setitem(app.config, "IMAGE_MAX_PIXELS", 100)
    with pytest.raises(DomainError, match="too many pixels"):
        _store(png_bytes((11, 10)))
    assert _store(png_bytes((10, 10))).width == 10


def test_images_are_reencoded_without_their_metadata(en):
    original = jpeg_with_exif()
    assert b"SpyCam" in original and b"private comment" in original
    stored = _store(original, "photo.jpg")
    kept = file_path(stored.key).read_bytes()
    assert stored.content_type == "image/jpeg"
    assert b"SpyCam" not in kept and b"secret-software" not in kept
    assert b"private comment" not in kept
    with Image.open(io.BytesIO(kept)) as image:
        assert not image.getexif()


def test_png_text_chunks_are_dropped(en):
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "Jean Secret")
    stored = _store(png_bytes(pnginfo=info))
    assert b"Jean Secret" not in file_path(stored.key).read_bytes()


def test_webp_and_gif_are_accepted(en):
    for fmt, mime in (("WEBP", "image/webp"), ("GIF", "image/gif")):
        out = io.BytesIO()
        Image.new("RGB", (9, 9), (1, 2, 3)).save(out, fmt)
        assert _store(out.getvalue(), "x").content_type == mime


def test_pdf_only_where_allowed(en):
    with pytest.raises(DomainError, match="not a PNG"):
        _store(pdf_bytes(), "doc.pdf")
    stored = _store(pdf_bytes(), "doc.pdf", allowed=("image", "pdf"))
    assert stored.content_type == "application/pdf"
    assert file_path(stored.key).read_bytes() == pdf_bytes()


def test_pdf_and_image_refusal_names_both(en):
    with pytest.raises(DomainError, match="not a PDF document nor a PNG"):
        _store(b"MZ\x90\x00 an executable", "doc.pdf", allowed=("image", "pdf"))


def test_path_tricks_in_the_name_are_harmless(en, app):
    stored = _store(png_bytes(), "../../etc/passwd.png")
    assert stored.original_name == "passwd.png"
    assert file_path(stored.key).parent == Path(app.config["UPLOAD_DIR"])


@pytest.mark.parametrize(("raw", "clean"), [
    ("../../etc/passwd.png", "passwd.png"),
    ("C:\\Users\\me\\logo.png", "logo.png"),
    ("evil\r\nname\x00.png", "evilname.png"),
    ("..", "file"),
    ("", "file"),
    (None, "file"),
    (".hidden.png", "hidden.png"),
    ("é" * 300 + ".png", "é" * 251 + ".png"),
])
def test_clean_filename(raw, clean):
    assert clean_filename(raw) == clean


def test_unknown_kinds_are_a_programming_error(en):
    with pytest.raises(ValueError):
        _store(png_bytes(), allowed=("exe",))
