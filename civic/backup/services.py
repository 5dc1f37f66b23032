"""Back up and restore everything civic keeps: the database and the uploaded files.

`create_backup(path)` writes one tar.gz archive (see civic.backup.archive) atomically;
`inspect_backup(path)` checks it and says whether this code can restore it;
`restore_backup(path)` replaces the database and UPLOAD_DIR with the archive's content.
Open-data builds are not included (`flask civic open-data build` regenerates them), nor
the Redis data (rate-limit counters and caches only).
"""
from __future__ import annotations

import importlib.metadata
import secrets
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from flask import current_app

from civic import ROOT
from civic.backup import databases as dbs
from civic.backup.archive import (
    FORMAT,
    FORMAT_VERSION,
    UPLOADS_PREFIX,
    ArchiveWriter,
    atomic_output,
    upload_files,
    verify_archive,
)
from civic.backup.databases import BackupError

Progress = Callable[[str], None]

__all__ = ["BackupError", "BackupCheck", "create_backup", "inspect_backup", "restore_backup"]


def civic_version() -> str:
    try:
        return importlib.metadata.version("civic")
    except importlib.metadata.PackageNotFoundError:
        import tomllib

        with (ROOT / "pyproject.toml").open("rb") as handle:
            return tomllib.load(handle)["project"]["version"]


def _silent(_line: str) -> None:
    pass


def create_backup(path: str | Path, *, force: bool = False,
                  progress: Progress = _silent) -> dict:
    """Write the archive to `path` (refused if it exists, unless `force`); the manifest."""
    target = Path(path).expanduser().absolute()
    dialect = dbs.dialect()
    revision = dbs.alembic_revision()
    schema = dbs.current_schema_label()
    upload_dir = dbs.app_upload_dir()
    with atomic_output(target, force) as tmp_archive, \
            tempfile.TemporaryDirectory(prefix="civic-backup-") as workdir:
        dump = Path(workdir) / dbs.database_member()
        progress(f"Copying the {dialect} database"
                 + (f" (schema {schema})" if schema else "") + " ...")
        started = time.monotonic()
        if dialect == "sqlite":
            counts = dbs.dump_sqlite(dump)
        else:
            counts = dbs.dump_postgres(dump, schema)
        progress(f"  {dump.stat().st_size / 1e6:.1f} MB in {time.monotonic() - started:.1f} s")
        writer = ArchiveWriter(tmp_archive)
        try:
            writer.add_file(dump.name, dump)
            files = total = 0
            for name, file in upload_files(upload_dir):
                writer.add_file(name, file)
                files += 1
                total += writer.members[name]["size"]
                if files % 500 == 0:
                    progress(f"  {files} uploaded files ...")
            progress(f"Uploaded files: {files} ({total / 1e6:.1f} MB) from {upload_dir}")
            now = datetime.now(UTC)
            manifest = {
                "format": FORMAT, "format_version": FORMAT_VERSION,
                "civic_version": civic_version(),
                "created_at": now.isoformat(timespec="seconds"),
                "created_timestamp": int(now.timestamp()),
                "database": {"dialect": dialect, "alembic_revision": revision,
                             "schema": schema, "member": dump.name},
                "counts": counts,
                "uploads": {"files": files, "bytes": total},
            }
            writer.finish(manifest)
        except BaseException:
            writer.abort()
            raise
    manifest["members"] = writer.members
    progress(f"Backup written: {target} ({target.stat().st_size / 1e6:.1f} MB)")
    return manifest


@dataclass
class BackupCheck:
    """What an archive holds and whether this code can restore it."""
    manifest: dict
    head: str | None
    older: bool = False  # the archive's schema is an ancestor of the code's: upgrade after
    notes: list[str] = field(default_factory=list)

    @property
    def revision(self) -> str | None:
        return self.manifest["database"].get("alembic_revision")


def _script_directory():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    migrate = current_app.extensions.get("migrate")
    directory = getattr(migrate, "directory", None) or str(ROOT / "migrations")
    config = Config()
    config.set_main_option("script_location", directory)
    return ScriptDirectory.from_config(config)


def inspect_backup(path: str | Path) -> BackupCheck:
    """Verify the checksums and compatibility; raise BackupError when it cannot be restored."""
    path = Path(path).expanduser().absolute()
    manifest = verify_archive(path)
    database = manifest.get("database") or {}
    dialect = dbs.dialect()
    if database.get("dialect") != dialect:
        raise BackupError(f"this backup holds a {database.get('dialect')} database; the "
                          f"configured database is {dialect}: restore it into a "
                          f"{database.get('dialect')} database")
    if dialect == "postgresql" and database.get("schema") != dbs.current_schema_label():
        raise BackupError(f"this backup holds the schema {database.get('schema') or 'public'}"
                          f"; the app uses {dbs.current_schema_label() or 'public'}")
    script = _script_directory()
    head = script.get_current_head()
    check = BackupCheck(manifest, head)
    revision = check.revision
    if revision is None:
        raise BackupError("this backup does not say which schema revision its database has "
                          "(no alembic_version): it cannot be restored safely")
    if revision != head:
        known = {rev.revision for rev in script.walk_revisions()}
        if revision not in known:
            raise BackupError(f"this backup's database schema ({revision}) is newer than this "
                              f"code (head {head}) or unknown to it: install the civic version "
                              f"that made it ({manifest.get('civic_version')}) and restore "
                              "with that")
        check.older = True
        check.notes.append(f"the backup's schema ({revision}) is older than the code's "
                           f"({head}): run `flask --app wsgi db upgrade` after the restore")
    return check


def restore_backup(path: str | Path, *, progress: Progress = _silent,
                   check: BackupCheck | None = None) -> dict:
    """Replace the database and UPLOAD_DIR with the archive's.

    Returns {"counts": rows per table now, "mismatch": tables whose count differs from the
    manifest's (someone wrote meanwhile, or the restore went wrong), "notes": [...]}.
    """
    path = Path(path).expanduser().absolute()
    check = check or inspect_backup(path)
    manifest = check.manifest
    upload_dir = dbs.app_upload_dir()
    upload_dir.parent.mkdir(parents=True, exist_ok=True)
    member = manifest["database"]["member"]
    with tempfile.TemporaryDirectory(prefix="civic-restore-") as workdir:
        new_uploads = _staging_dir(upload_dir, workdir)
        try:
            new_uploads.chmod(upload_dir.stat().st_mode & 0o7777 if upload_dir.is_dir()
                              else 0o755)
            dump = Path(workdir) / member

            def target(name: str) -> Path | None:
                if name == member:
                    return dump
                if name.startswith(UPLOADS_PREFIX):
                    return new_uploads / name[len(UPLOADS_PREFIX):]
                return None

            progress(f"Checking and unpacking {path} ...")
            verify_archive(path, extract=target)  # checked again while written out
            if manifest["database"]["dialect"] == "sqlite":
                dbs.check_sqlite_file(dump)
                progress(f"Restoring the database into {dbs.sqlite_path()} ...")
                dbs.restore_sqlite(dump)
            else:
                dbs.check_postgres_file(dump)
                schema = manifest["database"].get("schema")
                progress("Restoring the PostgreSQL database"
                         + (f" (schema {schema})" if schema else "") + " ...")
                dbs.restore_postgres(dump, schema)
            progress(f"Replacing the uploaded files in {upload_dir} ...")
            _swap_directory(new_uploads, upload_dir)
        finally:
            shutil.rmtree(new_uploads, ignore_errors=True)
    counts = dbs.table_counts()
    mismatch = sorted(name for name, n in manifest.get("counts", {}).items()
                      if counts.get(name) != n)
    return {"counts": counts, "mismatch": mismatch, "notes": list(check.notes)}


def _staging_dir(upload_dir: Path, workdir: str) -> Path:
    """Where the archived uploads are unpacked: next to UPLOAD_DIR (one rename swaps them)
    when its parent folder is writable, else in the temporary folder."""
    try:
        return Path(tempfile.mkdtemp(prefix=f".{upload_dir.name}-restore-",
                                     dir=upload_dir.parent))
    except OSError:
        return Path(tempfile.mkdtemp(prefix="uploads-", dir=workdir))


def _swap_directory(new: Path, current: Path) -> None:
    """Put `new` where `current` is: two renames when both are on one filesystem (the old
    copy is removed after), else the content is replaced file by file (a mount point)."""
    if not current.exists():
        try:
            new.rename(current)
        except OSError:
            shutil.copytree(new, current)
        return
    old = current.with_name(f".{current.name}-old-{secrets.token_hex(4)}")
    try:
        current.rename(old)
    except OSError:  # a mount point, or a parent folder we may not write to
        _replace_content(new, current)
        return
    try:
        new.rename(current)
    except OSError:  # another filesystem
        old.rename(current)
        _replace_content(new, current)
        return
    shutil.rmtree(old, ignore_errors=True)


def _replace_content(new: Path, current: Path) -> None:
    for child in current.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    for child in new.iterdir():
        shutil.move(str(child), current / child.name)
