"""Files for upload tests, generated on the fly."""
from __future__ import annotations

import io
import struct
import zlib

from PIL import Image


def png_bytes(size=(12, 8), color=(200, 30, 30), mode="RGB", **save) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, color).save(out, "PNG", **save)
    return out.getvalue()


def jpeg_with_exif(size=(16, 16)) -> bytes:
    image = Image.new("RGB", size, (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Inc."  # Make
    exif[0x0131] = "secret-software"  # Software
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), comment=b"private comment")
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width` x `height` pixels (a decompression bomb)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat)
            + _chunk(b"IEND", b""))


def pdf_bytes() -> bytes:
    return (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
            b"trailer << /Root 1 0 R >>\n%%EOF\n")


def upload(data: bytes, filename: str, content_type: str = "application/octet-stream"):
    """A (stream, filename, content type) tuple for the test client's multipart forms."""
    return (io.BytesIO(data), filename, content_type)


def image_bytes(fmt: str, size=(24, 16), **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (30, 140, 90)).save(out, fmt, **save)
    return out.getvalue()


def gif_declaring(screen: tuple[int, int], frame: tuple[int, int]) -> bytes:
    """A GIF of a few bytes whose logical screen and first frame claim the given sizes."""
    header = b"GIF89a" + struct.pack("<HHBBB", *screen, 0, 0, 0)
    image = b"\x2c" + struct.pack("<HHHHB", 0, 0, *frame, 0)
    return header + image + b"\x02\x02\x4c\x01\x00" + b"\x3b"


def zip_bytes(name: str = "Evil.class", payload: bytes = b"\xca\xfe\xba\xbe evil") -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(name, payload)
    return out.getvalue()


def gifar() -> bytes:
    """A GIF with a Java archive appended: a valid image that is also a valid JAR."""
    return image_bytes("GIF") + zip_bytes()


def jpeg_with_corrupt_exif() -> bytes:
    """A JPEG whose EXIF "Make" tag claims more bytes than the file has (Pillow warns)."""
    data = jpeg_with_exif()
    entry = data.index(b"\x01\x0f\x00\x02")  # tag 0x010F (Make), type ASCII (big-endian)
    return data[: entry + 4] + struct.pack(">I", 0x7FFFFFFF) + data[entry + 8:]
