"""`flask civic backup` then `flask civic restore`: every row and every uploaded file comes
back exactly as it was, whatever happened in between (SQLite, and PostgreSQL with
TEST_DATABASE_URL)."""
from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

from sqlalchemy import delete, select, text, update

from civic.extensions import db


def snapshot(app) -> dict[str, list[tuple]]:
    """Every row of every table of the models, in primary-key order."""
    rows = {}
    with app.app_context(), db.engine.connect() as conn:
        for table in db.metadata.sorted_tables:
            order = list(table.primary_key.columns) or list(table.columns)
            rows[table.name] = [tuple(row) for row in
                                conn.execute(select(table).order_by(*order)).all()]
    return rows


def upload_files(app) -> dict[str, bytes]:
    root = Path(app.config["UPLOAD_DIR"])
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def damage(app) -> None:
    """What an accident looks like: rows lost, a title changed, files gone or added."""
    from civic.notifications.models import Notification
    from civic.proposals.models import Proposal
    from tests.factories import make_user

    with app.app_context():
        db.session.execute(delete(Notification))
        db.session.execute(update(Proposal).values(title="Titre écrasé par erreur"))
        make_user(email="intruder@example.org")
        db.session.commit()
    root = Path(app.config["UPLOAD_DIR"])
    next(p for p in sorted(root.iterdir()) if p.is_file()).unlink()
    (root / "ffffffffffffffffffffffffffffffff").write_bytes(b"not in the backup")


def test_restore_brings_back_every_row_and_every_uploaded_file(seeded_app, cli, tmp_path):
    app = seeded_app
    before, files_before = snapshot(app), upload_files(app)
    assert len(files_before) == 2 and before["stored_files"] and before["plan_revisions"]
    archive = tmp_path / "civic.tar.gz"

    result = cli(app, "backup", "-o", archive)

    assert result.exit_code == 0, result.output
    assert "Backup written" in result.output and "2 uploaded files" in result.output
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
        manifest = json.load(tar.extractfile("manifest.json"))
    with app.app_context():
        dialect = db.engine.dialect.name
    member = "database.sqlite3" if dialect == "sqlite" else "database.pgdump"
    assert names == {"manifest.json", member, *(f"uploads/{n}" for n in files_before)}
    assert manifest["database"]["dialect"] == dialect
    assert manifest["database"]["alembic_revision"]
    assert manifest["counts"]["users"] == len(before["users"])
    assert manifest["civic_version"] and manifest["created_at"]
    assert set(manifest["members"]) == names - {"manifest.json"}

    damage(app)
    assert snapshot(app) != before and upload_files(app) != files_before

    result = cli(app, "restore", archive, "--yes")

    assert result.exit_code == 0, result.output
    assert f"users {len(before['users'])}" in result.output
    assert snapshot(app) == before
    assert upload_files(app) == files_before
    # Sequences and the search index came back too: new content still works.
    from tests.factories import make_proposal, make_user

    with app.app_context():
        make_proposal(author=make_user(), title="Un nouveau parcours cyclable")
        db.session.rollback()


def _rewrite(archive: Path, target: Path, change) -> Path:
    """Copy `archive` to `target`, letting change(members: dict name -> bytes) edit it."""
    with tarfile.open(archive) as tar:
        members = {info.name: tar.extractfile(info).read() for info in tar if info.isfile()}
    change(members)
    with tarfile.open(target, "w:gz") as out:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            out.addfile(info, io.BytesIO(data))
    return target


def _title_of_first_proposal(app) -> str:
    with app.app_context(), db.engine.connect() as conn:
        return conn.execute(text("SELECT title FROM proposals ORDER BY id LIMIT 1")).scalar()


def _mark(app, title: str) -> None:
    with app.app_context(), db.engine.begin() as conn:
        conn.execute(text("UPDATE proposals SET title = :t WHERE id = "
                          "(SELECT MIN(id) FROM proposals)"), {"t": title})


def _flip_database_byte(members):
    name = next(n for n in members if n.startswith("database."))
    data = bytearray(members[name])
    data[len(data) // 2] ^= 0xFF
    members[name] = bytes(data)


def _edit_manifest(**database):
    def change(members):
        manifest = json.loads(members["manifest.json"])
        manifest["database"].update(database)
        members["manifest.json"] = json.dumps(manifest).encode()
    return change


def test_damaged_or_foreign_archives_are_refused_before_anything_changes(sqlite_app, cli,
                                                                         tmp_path):
    app = sqlite_app
    archive = tmp_path / "good.tar.gz"
    assert cli(app, "backup", "-o", archive).exit_code == 0
    _mark(app, "Changé après la sauvegarde")
    files = upload_files(app)

    def sneak_in(members):
        members["uploads/../../evil"] = b"x"

    def add_unlisted(members):
        members["uploads/0123456789abcdef0123456789abcdef"] = b"x"

    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    foreign = _rewrite(archive, tmp_path / "foreign.tar.gz",
                       lambda members: members.pop("manifest.json"))
    not_an_archive = tmp_path / "notes.tar.gz"
    not_an_archive.write_text("hello")
    cases = {
        _rewrite(archive, tmp_path / "flipped.tar.gz", _flip_database_byte):
            "checksum of database.sqlite3 does not match",
        truncated: "damaged or truncated",
        foreign: "not a civic backup",
        not_an_archive: "not a civic backup",
        _rewrite(archive, tmp_path / "sneaky.tar.gz", sneak_in): "unexpected member",
        _rewrite(archive, tmp_path / "extra.tar.gz", add_unlisted): "not in the manifest",
        _rewrite(archive, tmp_path / "newer.tar.gz",
                 _edit_manifest(alembic_revision="ffffffffffff")): "newer than this code",
        _rewrite(archive, tmp_path / "postgres.tar.gz",
                 _edit_manifest(dialect="postgresql")): "holds a postgresql database",
        tmp_path / "missing.tar.gz": "does not exist",
    }
    for path, message in cases.items():
        result = cli(app, "restore", path, "--yes")
        assert result.exit_code == 1, (path.name, result.output)
        assert message in result.output, (path.name, result.output)
        assert "Nothing was changed" in result.output
    assert _title_of_first_proposal(app) == "Changé après la sauvegarde"
    assert upload_files(app) == files
    assert not [p for p in Path(app.config["UPLOAD_DIR"]).parent.iterdir()
                if p.name.startswith(".")], "no temporary folder left behind"


def test_restore_asks_first_and_does_nothing_unless_told_yes(sqlite_app, cli, tmp_path):
    app = sqlite_app
    archive = tmp_path / "civic.tar.gz"
    assert cli(app, "backup", "-o", archive).exit_code == 0
    original = _title_of_first_proposal(app)
    _mark(app, "Changé après la sauvegarde")

    for answer in (None, "n\n", "\n"):  # no terminal (cron), "no", the default
        result = cli(app, "restore", archive, input=answer)
        assert result.exit_code == 1, result.output
        assert "REPLACES the current database" in result.output
        assert "pass --yes" in result.output and "Nothing was changed" in result.output
        assert _title_of_first_proposal(app) == "Changé après la sauvegarde"

    result = cli(app, "restore", archive, input="y\n")
    assert result.exit_code == 0, result.output
    assert _title_of_first_proposal(app) == original


def test_an_older_backup_is_restored_with_a_reminder_to_upgrade(sqlite_app, cli, tmp_path):
    from civic.backup.services import _script_directory

    app = sqlite_app
    with app.app_context():
        script = _script_directory()
        previous = script.get_revision(script.get_current_head()).down_revision
    archive = tmp_path / "civic.tar.gz"
    assert cli(app, "backup", "-o", archive).exit_code == 0
    older = _rewrite(archive, tmp_path / "older.tar.gz",
                     _edit_manifest(alembic_revision=previous))

    result = cli(app, "restore", older, "--yes")

    assert result.exit_code == 0, result.output
    assert f"schema ({previous}) is older" in result.output
    assert "run `flask --app wsgi db upgrade`" in result.output


def test_backup_never_overwrites_a_file_unless_forced(sqlite_app, cli, tmp_path):
    app = sqlite_app
    existing = tmp_path / "civic.tar.gz"
    existing.write_bytes(b"yesterday's backup")

    result = cli(app, "backup", "-o", existing)

    assert result.exit_code == 1
    assert "already exists" in result.output and "--force" in result.output
    assert existing.read_bytes() == b"yesterday's backup"

    result = cli(app, "backup", "-o", existing, "--force", "--quiet")

    assert result.exit_code == 0, result.output
    assert len(result.output.strip().splitlines()) == 1  # cron: one line
    assert tarfile.is_tarfile(existing)
    assert existing.stat().st_mode & 0o077 == 0  # personal data: owner only
    assert [p.name for p in tmp_path.iterdir()] == ["civic.tar.gz"]  # no temporary file
    assert cli(app, "backup", "-o", tmp_path / "nowhere" / "x.tar.gz").exit_code == 1
