"""Find and delete what uploads leave behind: rows nothing references, files with no row.

What references a stored file is read from the models (every foreign key to
`stored_files`), so a new kind of attachment is covered without touching this module.
Both kinds of leftovers must be older than a cut-off: an upload in flight has its row
flushed but not committed (invisible here) and its file already written.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import ColumnElement, and_, delete, exists, select

from civic.core.models import utcnow
from civic.extensions import db
from civic.uploads.models import StoredFile

TEMP_PREFIX = ".upload-"  # services._write: a temporary file not yet renamed to its key
BATCH = 200
AUDIT_KEYS = 100  # at most this many names in the audit entry


def referencing_columns() -> list:
    """Every column, in every table, that holds a foreign key to `stored_files`."""
    import civic.models  # noqa: F401  (every table is in the metadata)

    target = StoredFile.__table__
    return sorted((fk.parent for table in db.metadata.tables.values() if table is not target
                   for fk in table.foreign_keys if fk.column.table is target),
                  key=lambda column: (column.table.name, column.name))


def unreferenced() -> ColumnElement[bool]:
    """True for a StoredFile row that no other row points to."""
    return and_(*(~exists().where(column == StoredFile.id)
                  for column in referencing_columns()))


def is_referenced(file_id: int) -> bool:
    return not db.session.scalar(select(unreferenced()).select_from(StoredFile)
                                 .where(StoredFile.id == file_id))


@dataclass
class SweepResult:
    rows: list[str] = field(default_factory=list)  # keys of the orphan rows
    files: list[str] = field(default_factory=list)  # names of the files without a row
    unknown: list[str] = field(default_factory=list)  # other names in UPLOAD_DIR (kept)


def cutoff_for(hours: float) -> datetime:
    return utcnow() - timedelta(hours=hours)


def orphan_rows(cutoff: datetime) -> list[tuple[int, str]]:
    """(id, key) of the rows older than `cutoff` that nothing references."""
    return list(db.session.execute(
        select(StoredFile.id, StoredFile.key)
        .where(StoredFile.created_at < cutoff, unreferenced()).order_by(StoredFile.id)))


def delete_rows(ids: list[int]) -> list[str]:
    """Delete these rows if still unreferenced; their files go after the commit."""
    from civic.uploads.services import _delete_on_commit, file_path

    keys = list(db.session.scalars(
        delete(StoredFile).where(StoredFile.id.in_(ids), unreferenced())
        .returning(StoredFile.key).execution_options(synchronize_session=False)))
    for key in keys:
        _delete_on_commit(file_path(key))
    return keys


def _upload_dir() -> Path:
    return Path(current_app.config["UPLOAD_DIR"])


def disk_entries(cutoff: datetime) -> tuple[list[Path], list[str]]:
    """(files older than `cutoff` that may be stray: keys and dead temporary files,
    names that are neither, left alone)."""
    from civic.uploads.services import is_valid_key

    root = _upload_dir()
    if not root.is_dir():
        return [], []
    candidates, unknown = [], []
    limit = cutoff.timestamp()
    for entry in sorted(root.iterdir()):
        if not entry.is_file() or entry.is_symlink():
            unknown.append(entry.name)
        elif is_valid_key(entry.name) or entry.name.startswith(TEMP_PREFIX):
            if entry.stat().st_mtime < limit:
                candidates.append(entry)
        else:
            unknown.append(entry.name)
    return candidates, unknown


def known_keys(keys: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), BATCH):
        found.update(db.session.scalars(select(StoredFile.key)
                                        .where(StoredFile.key.in_(keys[start:start + BATCH]))))
    return found


def _batches(items: list, size: int = BATCH) -> Iterator[tuple[int, list]]:
    """(items done once this batch is, batch)."""
    for start in range(0, len(items), size):
        batch = items[start:start + size]
        yield start + len(batch), batch


def sweep(hours: float = 24, *, dry_run: bool = False,
          progress: Callable[[str, int, int], None] = lambda phase, done, total: None,
          ) -> SweepResult:
    """Delete (or, with `dry_run`, only list) the orphan rows and the stray files older
    than `hours`, and record what went in the audit log. A maintenance job, not a request:
    it commits after each batch, so a long run holds no long transaction nor lock.
    `progress(phase, done, total)` is called after each batch ("rows", then "files")."""
    cutoff = cutoff_for(hours)
    result = SweepResult()
    rows = orphan_rows(cutoff)
    for done, batch in _batches(rows):
        if dry_run:
            result.rows.extend(key for _id, key in batch)
        else:
            result.rows.extend(delete_rows([file_id for file_id, _key in batch]))
            db.session.commit()  # the rows go first; their files right after
        progress("rows", done, len(rows))
    candidates, result.unknown = disk_entries(cutoff)
    for done, batch in _batches(candidates):
        kept = known_keys([p.name for p in batch if not p.name.startswith(TEMP_PREFIX)])
        for path in batch:
            if path.name in kept:
                continue
            result.files.append(path.name)
            if not dry_run:
                path.unlink(missing_ok=True)
        progress("files", done, len(candidates))
    if not dry_run and (result.rows or result.files):
        _record(result, hours)
    db.session.commit()
    return result


class _Uploads:
    """What a sweep's audit entry is about: the uploads as a whole (no row of its own)."""

    __tablename__ = "stored_files"
    id = None


def _record(result: SweepResult, hours: float) -> None:
    from civic.audit.services import record

    record(None, "uploads.sweep", _Uploads(), target_label="uploads", reason="command line",
           after={"rows": len(result.rows), "files": len(result.files),
                  "older_than_hours": hours, "keys": (result.rows + result.files)[:AUDIT_KEYS]})

