"""`flask --app wsgi civic uploads-sweep`: rows nothing references and files without a row
are deleted once old enough; referenced and recent uploads stay; --dry-run deletes nothing."""
from __future__ import annotations

import io
import os
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from civic.audit.models import AuditEntry
from civic.core.models import utcnow
from civic.proposals.models import ProposalAttachment
from civic.uploads.models import StoredFile
from civic.uploads.services import file_path, store_upload
from civic.uploads.sweep import referencing_columns
from tests.factories import make_organization, make_proposal
from tests.uploads.images import png_bytes

OLD = timedelta(hours=30)


@pytest.fixture
def upload_dir(app, tmp_path, monkeypatch):
    """A folder of this test's own: the sweep reads the whole folder."""
    monkeypatch.setitem(app.config, "UPLOAD_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture
def ctx(app, upload_dir):
    with app.test_request_context():
        yield


def _stored(db, age=OLD) -> StoredFile:
    stored = store_upload(FileStorage(io.BytesIO(png_bytes()), "x.png"), owner=None,
                          purpose="test", allowed={"image"}, max_bytes=10_000)
    stored.created_at = utcnow() - age
    db.session.flush()
    return stored


def _stray(upload_dir: Path, name: str, age=OLD) -> Path:
    path = upload_dir / name
    path.write_bytes(b"left behind")
    then = time.time() - age.total_seconds()
    os.utime(path, (then, then))
    return path


def _sweep(app, *args):
    result = app.test_cli_runner().invoke(args=["civic", "uploads-sweep", *args])
    assert result.exit_code == 0, result.output
    return result.output


def _keys(db) -> set[str]:
    return set(db.session.scalars(select(StoredFile.key)))


@pytest.fixture
def uploads(db, ctx):
    """One upload of each kind: unreferenced and old, unreferenced and recent, a logo and
    an attachment (both old), committed."""
    orphan, recent = _stored(db), _stored(db, age=timedelta(hours=2))
    logo, attachment = _stored(db), _stored(db)
    make_organization(logo=logo)
    proposal = make_proposal()
    proposal.attachments.append(ProposalAttachment(file=attachment))
    db.session.commit()
    return {"orphan": orphan.key, "recent": recent.key, "logo": logo.key,
            "attachment": attachment.key}


def test_every_reference_to_uploads_is_known():
    # A new table pointing at stored files is picked up from the models; this lists them so
    # a reviewer notices when one is added.
    names = {f"{c.table.name}.{c.name}" for c in referencing_columns()}
    assert {"organizations.logo_id", "proposal_attachments.file_id"} <= names
    assert all(not name.startswith("stored_files.") for name in names)


def test_the_sweep_deletes_old_orphans_and_keeps_the_rest(app, db, uploads):
    output = _sweep(app, "--quiet")
    assert "Deleted 1 unreferenced upload rows" in output
    kept = {uploads["recent"], uploads["logo"], uploads["attachment"]}
    assert _keys(db) == kept
    assert not file_path(uploads["orphan"]).exists()
    assert all(file_path(key).is_file() for key in kept)


def test_the_age_limit_is_an_option(app, db, uploads):
    _sweep(app, "--quiet", "--older-than-hours", "1")
    assert _keys(db) == {uploads["logo"], uploads["attachment"]}
    assert not file_path(uploads["recent"]).exists()


def test_a_dry_run_lists_and_deletes_nothing(app, db, upload_dir, uploads):
    stray = _stray(upload_dir, "0" * 32)
    before = {p.name for p in upload_dir.iterdir()}
    output = _sweep(app, "--dry-run")
    assert uploads["orphan"] in output and stray.name in output
    assert uploads["logo"] not in output and uploads["recent"] not in output
    assert "Would delete 1 unreferenced upload rows (and their files) and 1 files" in output
    assert len(_keys(db)) == 4 and {p.name for p in upload_dir.iterdir()} == before
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "uploads.sweep")) \
        is None


def test_files_without_a_row_are_deleted_once_old(app, db, upload_dir, uploads):
    stray = _stray(upload_dir, "a" * 32)
    dead_temp = _stray(upload_dir, ".upload-k2j3h4")
    fresh = _stray(upload_dir, "b" * 32, age=timedelta(minutes=5))  # an upload in flight
    foreign = _stray(upload_dir, "README.txt")  # not civic's: left alone
    output = _sweep(app, "--quiet")
    assert "and 2 files without a row" in output
    assert not stray.exists() and not dead_temp.exists()
    assert fresh.exists() and foreign.exists()
    assert "README.txt" in output
    assert all(file_path(uploads[k]).is_file() for k in ("recent", "logo", "attachment"))


def test_a_sweep_is_recorded_in_the_audit_log(app, db, upload_dir, uploads):
    _stray(upload_dir, "c" * 32)
    _sweep(app, "--quiet")
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "uploads.sweep"))
    assert entry.actor_id is None and entry.reason == "command line"
    assert entry.after["rows"] == 1 and entry.after["files"] == 1
    assert set(entry.after["keys"]) == {uploads["orphan"], "c" * 32}


def test_progress_is_shown_unless_quiet(app, db, uploads):
    assert "rows: 1/1" in _sweep(app)
    assert "rows:" not in _sweep(app, "--quiet", "--dry-run")


def test_an_empty_sweep_says_so_and_records_nothing(app, db, ctx):
    assert "Deleted 0 unreferenced upload rows" in _sweep(app, "--quiet")
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "uploads.sweep")) \
        is None
