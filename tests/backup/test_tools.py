"""Operator-facing details: clear messages when a tool or setting is missing."""
from __future__ import annotations

import pytest

from civic import create_app
from civic.backup import databases
from civic.backup.databases import BackupError


def test_a_missing_pg_dump_names_the_debian_package(monkeypatch):
    monkeypatch.setattr(databases.shutil, "which", lambda name: None)

    with pytest.raises(BackupError, match="postgresql-client"):
        databases.require_tool("pg_dump")


def test_the_sqlalchemy_url_becomes_a_libpq_uri_with_the_password_kept_off_the_command():
    uri, env = databases.libpq_target(
        "postgresql+psycopg://civic:s%40cret@db.example.org:5433/civic?sslmode=require")

    assert uri == "postgresql://civic@db.example.org:5433/civic?sslmode=require"
    assert env["PGPASSWORD"] == "s@cret"


def test_an_in_memory_database_cannot_be_backed_up(tmp_path, cli):
    app = create_app("test", SQLALCHEMY_DATABASE_URI="sqlite://")

    result = cli(app, "backup", "-o", tmp_path / "x.tar.gz")

    assert result.exit_code == 1
    assert "in memory" in result.output and "CIVIC_DATABASE_URL" in result.output
    assert not list(tmp_path.iterdir())


def test_a_sqlite_backup_is_taken_while_the_app_is_writing(sqlite_app, cli, tmp_path):
    """Online: a write transaction in progress neither blocks the backup nor leaks into it."""
    import json
    import sqlite3
    import tarfile

    path = sqlite_app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    writer = sqlite3.connect(path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        users = writer.execute("SELECT COUNT(*) FROM users").fetchone()[0]
        writer.execute("UPDATE proposals SET title = 'pas encore validé'")
        writer.execute("DELETE FROM notifications")

        result = cli(sqlite_app, "backup", "-o", tmp_path / "live.tar.gz")
    finally:
        writer.execute("ROLLBACK")
        writer.close()

    assert result.exit_code == 0, result.output
    with tarfile.open(tmp_path / "live.tar.gz") as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        tar.extract("database.sqlite3", tmp_path, filter="data")
    copy = sqlite3.connect(tmp_path / "database.sqlite3")
    try:
        assert manifest["counts"]["users"] == users
        assert manifest["counts"]["notifications"] == copy.execute(
            "SELECT COUNT(*) FROM notifications").fetchone()[0] > 0
        assert "pas encore validé" not in {
            title for (title,) in copy.execute("SELECT title FROM proposals")}
    finally:
        copy.close()


def test_uploads_on_a_mount_point_are_replaced_file_by_file(tmp_path, monkeypatch):
    """A mount point cannot be renamed: its content is swapped instead, nothing else moves."""
    from pathlib import Path

    from civic.backup import services

    current, new = tmp_path / "uploads", tmp_path / "restored"
    (current / "sub").mkdir(parents=True)
    (current / "stale").write_bytes(b"old")
    (current / "sub" / "stale").write_bytes(b"old")
    new.mkdir()
    (new / "kept").write_bytes(b"from the backup")
    real_rename = Path.rename

    def rename(self, target):
        if self == current:
            raise OSError(16, "Device or resource busy")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)

    services._swap_directory(new, current)

    assert {p.name for p in current.iterdir()} == {"kept"}
    assert (current / "kept").read_bytes() == b"from the backup"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["restored", "uploads"]
