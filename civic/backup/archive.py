"""The backup file: one tar.gz holding the database, the uploads and `manifest.json`.

The manifest is written last and lists the sha256 of every other member; reading checks
every member against it (and refuses any name it does not list) before a restore touches
anything. Member names are `manifest.json`, `database.sqlite3` or `database.pgdump`, and
`uploads/<path inside UPLOAD_DIR>`.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from civic.backup.databases import POSTGRES_MEMBER, SQLITE_MEMBER, BackupError

FORMAT = "civic-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
UPLOADS_PREFIX = "uploads/"
CHUNK = 1024 * 1024
SKIPPED_UPLOAD_PREFIXES = (".upload-",)  # files being written by civic.uploads


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def upload_files(upload_dir: Path) -> Iterator[tuple[str, Path]]:
    """(member name, path) of every regular file under UPLOAD_DIR, sorted."""
    if not upload_dir.is_dir():
        return
    for path in sorted(upload_dir.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        if path.name.startswith(SKIPPED_UPLOAD_PREFIXES):
            continue
        yield UPLOADS_PREFIX + path.relative_to(upload_dir).as_posix(), path


@contextmanager
def atomic_output(target: Path, force: bool) -> Iterator[Path]:
    """A temporary file next to `target`, renamed over it only when the block succeeds."""
    if target.exists() and not force:
        raise BackupError(f"{target} already exists: choose another name or pass --force "
                          "to replace it")
    if target.is_dir():
        raise BackupError(f"{target} is a folder: give a file name")
    if not target.parent.is_dir():
        raise BackupError(f"the folder {target.parent} does not exist")
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                    suffix=".part")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        tmp.chmod(0o600)  # personal data: e-mail addresses, password hashes
        yield tmp
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


class ArchiveWriter:
    """Add files (hashing them as they go), then `finish(manifest)` adds the manifest."""

    def __init__(self, path: Path):
        self.tar = tarfile.open(path, "w:gz", compresslevel=6)  # noqa: SIM115
        self.members: dict[str, dict] = {}

    def add_file(self, name: str, path: Path) -> None:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            info = tarfile.TarInfo(name)
            info.size, info.mode = size, 0o600
            info.mtime = int(os.fstat(handle.fileno()).st_mtime)
            self.tar.addfile(info, _HashingReader(handle, digest))
        self.members[name] = {"sha256": digest.hexdigest(), "size": size}

    def finish(self, manifest: dict) -> None:
        manifest = {**manifest, "members": self.members}
        data = json.dumps(manifest, indent=2, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mode = len(data), 0o600
        info.mtime = int(manifest.get("created_timestamp", 0))
        self.tar.addfile(info, io.BytesIO(data))
        self.tar.close()

    def abort(self) -> None:
        self.tar.close()


class _HashingReader:
    def __init__(self, handle, digest):
        self.handle, self.digest = handle, digest

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.digest.update(data)
        return data


# -- reading ----------------------------------------------------------------------------

def _member_name_ok(name: str) -> bool:
    if name in (MANIFEST, SQLITE_MEMBER, POSTGRES_MEMBER):
        return True
    if not name.startswith(UPLOADS_PREFIX):
        return False
    parts = PurePosixPath(name).parts
    return (len(parts) >= 2 and not name.startswith("/") and "\\" not in name
            and all(part not in ("", ".", "..") for part in parts))


def _open(path: Path) -> tarfile.TarFile:
    if not path.is_file():
        raise BackupError(f"{path} does not exist or is not a file")
    try:
        return tarfile.open(path, "r:gz")
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BackupError(f"{path} is not a civic backup (not a readable tar.gz archive: "
                          f"{exc})") from exc


def read_manifest(tar: tarfile.TarFile, path: Path) -> dict:
    try:
        handle = tar.extractfile(MANIFEST)
        manifest = json.loads(handle.read()) if handle else None
    except KeyError as exc:
        raise BackupError(f"{path} is not a civic backup: it holds no {MANIFEST}") from exc
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BackupError(f"{path} is damaged or truncated ({exc})") from exc
    except ValueError as exc:
        raise BackupError(f"{path}: {MANIFEST} is not readable ({exc})") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not a civic backup (unknown manifest format)")
    version = manifest.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise BackupError(f"{path} was written by a newer civic (backup format {version}); "
                          f"this one reads format {FORMAT_VERSION}: upgrade civic first")
    if not isinstance(manifest.get("members"), dict):
        raise BackupError(f"{path}: the manifest lists no members")
    return manifest


def verify_archive(path: Path,
                   extract: Callable[[str], Path | None] | None = None) -> dict:
    """Check every member against the manifest; return the manifest.

    With `extract(name) -> target path or None`, members are also written out while they
    are checked (the caller discards them if this raises).
    """
    with _open(path) as tar:
        manifest = read_manifest(tar, path)
        expected = manifest["members"]
        seen: set[str] = set()
        try:
            for info in tar:
                name = info.name
                if name == MANIFEST:
                    continue
                if not _member_name_ok(name) or not info.isfile():
                    raise BackupError(f"{path}: unexpected member {name!r}; refusing it")
                if name not in expected or name in seen:
                    raise BackupError(f"{path}: member {name!r} is not in the manifest")
                seen.add(name)
                actual = _copy_member(tar, info, extract(name) if extract else None)
                if actual != expected[name].get("sha256"):
                    raise BackupError(f"{path} is damaged: the checksum of {name} does not "
                                      "match the manifest")
        except (tarfile.TarError, OSError, EOFError, KeyError) as exc:
            raise BackupError(f"{path} is damaged or truncated ({exc})") from exc
    missing = set(expected) - seen
    if missing:
        raise BackupError(f"{path} is incomplete: {len(missing)} member(s) missing, e.g. "
                          f"{sorted(missing)[0]}")
    return manifest


def _copy_member(tar: tarfile.TarFile, info: tarfile.TarInfo, target: Path | None) -> str:
    digest = hashlib.sha256()
    source = tar.extractfile(info)
    out = None
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        out = target.open("wb")
    try:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            if out:
                out.write(chunk)
    finally:
        if out:
            out.close()
    return digest.hexdigest()
