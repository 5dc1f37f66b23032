"""Keep uploaded files: checked by content, images re-encoded, stored under a random key.

The user's file name is never used on disk; it is kept, cleaned, for display only. Images
are decoded with Pillow (PNG, JPEG, WebP, GIF only) under a pixel budget, so decompression
bombs are refused before any pixel is decoded, then saved again without their metadata
(EXIF, GPS position, comments). PDFs are recognised by their `%PDF-` header and must end
with `%%EOF` (a truncated upload is refused). A file written for a transaction that is
rolled back (a later attachment refused, a failed commit) is deleted with it.
"""
from __future__ import annotations

import hashlib
import io
import os
import re
import secrets
import tempfile
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import event

from civic.core.errors import DomainError
from civic.extensions import db
from civic.uploads.models import StoredFile

IMAGE_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp",
                 "GIF": "image/gif"}
PDF_MAGIC = b"%PDF-"
PDF_END = b"%%EOF"
PDF_END_WINDOW = 2048  # readers accept trailing bytes after %%EOF; this many, at most
PDF_TYPE = "application/pdf"
# The extensions a file of each type may keep in its name; the first one is added otherwise.
EXTENSIONS = {"image/png": (".png",), "image/jpeg": (".jpg", ".jpeg"),
              "image/webp": (".webp",), "image/gif": (".gif",), PDF_TYPE: (".pdf",)}
KEY_RE = re.compile(r"[0-9a-f]{32}")
MAX_NAME_LENGTH = 255
# Names Windows refuses for a file, whatever the extension ("CON.png" cannot be saved).
WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)),
                    *(f"LPT{i}" for i in range(10))}


@dataclass(frozen=True)
class _Checked:
    data: bytes
    content_type: str
    width: int | None = None
    height: int | None = None


def is_valid_key(key: str) -> bool:
    return bool(KEY_RE.fullmatch(key or ""))


def file_path(key: str) -> Path:
    """Where the file with `key` lives on disk (the key is checked first)."""
    if not is_valid_key(key):
        raise ValueError("invalid stored file key")
    return Path(current_app.config["UPLOAD_DIR"]) / key


def clean_filename(name: str | None, fallback: str = "file") -> str:
    """A file name fit for display: no folders, no control characters, 255 characters."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(ch for ch in name if not unicodedata.category(ch).startswith("C"))
    name = re.sub(r"^[\s.]+|[\s.]+$", "", name)  # Windows drops trailing dots and spaces
    if not name:
        return fallback
    if name.split(".", 1)[0].upper() in WINDOWS_RESERVED:
        name = "_" + name
    if len(name) > MAX_NAME_LENGTH:
        stem, dot, ext = name.rpartition(".")
        if dot and 0 < len(ext) <= 10:
            name = stem[: MAX_NAME_LENGTH - len(ext) - 1] + "." + ext
        else:
            name = name[:MAX_NAME_LENGTH]
    return name


def display_name(name: str | None, content_type: str) -> str:
    """`name` cleaned, ending with an extension that matches `content_type`
    (`x.png.php` holding a PNG becomes `x.png.php.png`): saved, it opens as what it is."""
    name = clean_filename(name)
    extensions = EXTENSIONS.get(content_type)
    if not extensions or name.lower().endswith(extensions):
        return name
    return clean_filename(name[: MAX_NAME_LENGTH - len(extensions[0])]) + extensions[0]


def human_size(max_bytes: int) -> str:
    if max_bytes >= 1024 * 1024:
        return _("%(n)s MB", n=f"{max_bytes / (1024 * 1024):g}")
    return _("%(n)s KB", n=f"{max_bytes / 1024:g}")


def _too_large(max_bytes: int) -> DomainError:
    return DomainError(_("The file is larger than %(size)s. Make it smaller and try again.",
                         size=human_size(max_bytes)))


def _read_limited(file_storage, max_bytes: int) -> bytes:
    stream = getattr(file_storage, "stream", file_storage)
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_large(max_bytes)
    if not data:
        raise DomainError(_("The file is empty. Choose another file."))
    return data


def _refusal(allowed: set[str]) -> str:
    if allowed == {"pdf"}:
        return _("This file is not a PDF document.")
    if "pdf" in allowed:
        return _("This file is not a PDF document nor a PNG, JPEG, WebP or GIF image.")
    return _("This file is not a PNG, JPEG, WebP or GIF image.")


def _open_image(data: bytes) -> Image.Image:
    """Open (header only) with Pillow; bombs and unknown formats raise DomainError."""
    max_pixels = current_app.config.get("IMAGE_MAX_PIXELS", 40_000_000)
    too_big = DomainError(_("This image has too many pixels (at most %(n)s million). "
                            "Resize it and try again.", n=f"{max_pixels / 1_000_000:g}"))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=list(IMAGE_FORMATS))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise too_big from exc
    width, height = image.size
    if width < 1 or height < 1 or width * height > max_pixels:
        raise too_big
    return image


def _check_image(data: bytes, allowed: set[str]) -> _Checked:
    with warnings.catch_warnings():
        # Pillow only warns about corrupt metadata (dropped anyway): no reason to refuse.
        warnings.simplefilter("ignore", UserWarning)
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            probe = _open_image(data)
            fmt = probe.format
            probe.verify()
            image = _open_image(data)
            image.seek(0)
            image.load()
            clean = ImageOps.exif_transpose(image) if fmt == "JPEG" else image.copy()
        except DomainError:
            raise
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError,
                Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
            raise DomainError(_refusal(allowed)) from exc
    if fmt not in IMAGE_FORMATS:
        raise DomainError(_refusal(allowed))
    return _Checked(_reencode(clean, fmt), IMAGE_FORMATS[fmt], clean.width, clean.height)


def _reencode(image: Image.Image, fmt: str) -> bytes:
    """Save the pixels only: EXIF, XMP, comments and text chunks are left behind."""
    # Transparency is pixel data for palette images; everything else in `info` goes.
    image.info = {k: v for k, v in image.info.items() if k == "transparency"}
    out = io.BytesIO()
    if fmt == "JPEG":
        if image.mode not in ("RGB", "L", "CMYK"):
            image = image.convert("RGB")
        image.save(out, "JPEG", quality=90, optimize=True)
    elif fmt == "PNG":
        image.save(out, "PNG", optimize=True)
    elif fmt == "WEBP":
        image.save(out, "WEBP", quality=90)
    else:  # GIF: the first frame only
        image.save(out, "GIF")
    return out.getvalue()


def _check(data: bytes, allowed: set[str]) -> _Checked:
    if "pdf" in allowed and data.startswith(PDF_MAGIC):
        if PDF_END not in data[-PDF_END_WINDOW:]:
            raise DomainError(_("This PDF document is incomplete or damaged. Save or export "
                                "it again, then send the new file."))
        return _Checked(data, PDF_TYPE)
    if "image" in allowed:
        return _check_image(data, allowed)
    raise DomainError(_refusal(allowed))


_PENDING = "civic.uploads.pending"  # session.info: {transaction: [paths written in it]}
_DISCARDED = "civic.uploads.discarded"  # session.info: {transaction: [paths to delete]}
_COMMITTED = "civic.uploads.committed"


def _mark_committed(session) -> None:
    session.info[_COMMITTED] = True


def _unlink(paths) -> None:
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError:  # the commit is done: never fail it; `uploads-sweep` retries
            current_app.logger.warning("could not delete %s", path, exc_info=True)


def _settle_files(session, transaction) -> None:
    """At the end of a transaction: if it committed, delete the files it discarded and
    keep those it wrote (a savepoint hands both to its parent); otherwise delete the
    files it wrote and keep those it discarded (their rows are back)."""
    committed = session.info.pop(_COMMITTED, False)
    written = session.info.get(_PENDING, {}).pop(transaction, [])
    discarded = session.info.get(_DISCARDED, {}).pop(transaction, [])
    if not committed:
        _unlink(written)
    elif transaction.parent is not None:
        for name, paths in ((_PENDING, written), (_DISCARDED, discarded)):
            if paths:
                session.info.setdefault(name, {}).setdefault(transaction.parent,
                                                             []).extend(paths)
    else:
        _unlink(discarded)


def _tie_to_transaction(path: Path, kind: str) -> None:
    session = db.session()
    if not event.contains(session, "after_transaction_end", _settle_files):
        event.listen(session, "after_commit", _mark_committed)
        event.listen(session, "after_transaction_end", _settle_files)
    transaction = session.get_nested_transaction() or session.get_transaction()
    session.info.setdefault(kind, {}).setdefault(transaction, []).append(path)


def _delete_on_rollback(path: Path) -> None:
    """Tie the file at `path` to the session's current transaction."""
    _tie_to_transaction(path, _PENDING)


def _delete_on_commit(path: Path) -> None:
    """Delete the file at `path` once the session's transaction commits (never before:
    a rolled-back transaction still needs it)."""
    _tie_to_transaction(path, _DISCARDED)


def _write(key: str, data: bytes) -> None:
    target = file_path(key)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def store_upload(file_storage, *, owner, purpose: str, allowed=frozenset({"image"}),
                 max_bytes: int) -> StoredFile:
    """Check `file_storage` by content and keep it; raise DomainError with the reason if not.

    `allowed` holds "image" and/or "pdf". The file is written to disk at once (under a new
    random key); the StoredFile row joins the caller's transaction.
    """
    allowed = set(allowed)
    if not allowed or allowed - {"image", "pdf"}:
        raise ValueError(f"unknown upload kinds: {allowed}")
    checked = _check(_read_limited(file_storage, max_bytes), allowed)
    if len(checked.data) > max_bytes:  # re-encoding rarely grows a file; keep the promise
        raise _too_large(max_bytes)
    key = secrets.token_hex(16)
    stored = StoredFile(
        key=key,
        original_name=display_name(getattr(file_storage, "filename", None),
                                   checked.content_type),
        content_type=checked.content_type,
        size=len(checked.data),
        sha256=hashlib.sha256(checked.data).hexdigest(),
        width=checked.width,
        height=checked.height,
        owner_id=getattr(owner, "id", None),
        purpose=purpose,
    )
    db.session.add(stored)
    db.session.flush()  # the row first: the file is then tied to a transaction
    _delete_on_rollback(file_path(key))
    _write(key, checked.data)
    return stored


def discard_upload(stored: StoredFile | None) -> None:
    """Stop serving `stored` once nothing references it: its row goes now (the link
    answers 404 as soon as the caller commits), its file right after the commit. A
    rolled-back transaction keeps both. Call it after the caller has dropped its reference;
    a file that something else still uses is kept."""
    from civic.uploads.sweep import is_referenced

    if stored is None:
        return
    db.session.flush()  # the caller's reference is gone first
    if is_referenced(stored.id):
        return
    key = stored.key
    db.session.delete(stored)
    db.session.flush()
    _delete_on_commit(file_path(key))
