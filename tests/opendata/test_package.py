"""The open-data package: a valid Frictionless Data Package without any personal data."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from civic.opendata.build import build_package, builds, latest_build
from civic.opendata.schema import RESOURCE_NAMES
from tests.opendata.conftest import SECRETS
from tests.opendata.helpers import descriptor, members, rows


def frictionless_cli() -> str:
    found = Path(sys.executable).parent / "frictionless"
    return str(found) if found.exists() else (shutil.which("frictionless") or "frictionless")


def test_package_validates_with_frictionless(dataset, open_data_dir, tmp_path):
    path = build_package()
    assert path.parent == open_data_dir and path.name.startswith("civic-open-data-")
    folder = tmp_path / "unzipped"
    with zipfile.ZipFile(path) as archive:
        archive.extractall(folder)
    for name in RESOURCE_NAMES:  # every table has rows, so every check has something to do
        assert rows(path, name), f"{name} is empty"
    result = subprocess.run([frictionless_cli(), "validate", "datapackage.json"],  # noqa: S603
                            cwd=folder, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-4000:]
    assert "INVALID" not in result.stdout


def test_package_describes_licence_fields_and_files(dataset, open_data_dir):
    path = build_package()
    package = descriptor(path)
    assert package["licenses"][0]["name"] == "etalab-2.0"
    assert package["licenses"][0]["title"] == "Licence Ouverte / Open Licence 2.0"
    assert datetime.strptime(package["created"], "%Y-%m-%dT%H:%M:%SZ")
    proposals = next(r for r in package["resources"] if r["name"] == "proposals")
    assert proposals["path"] == "data/proposals.csv"
    assert proposals["schema"]["primaryKey"] == ["id"]
    assert {"fields": ["theme_id"], "reference": {"resource": "themes", "fields": ["id"]}} \
        in proposals["schema"]["foreignKeys"]
    for resource in package["resources"]:
        for field in resource["schema"]["fields"]:
            assert field["description"] and field["description_en"], field["name"]
    files = members(path)
    assert {"datapackage.json", "LICENCE.txt", "LISEZMOI.txt", "README.txt"} <= set(files)
    assert b"Licence Ouverte / Open Licence 2.0" in files["LICENCE.txt"]
    assert not files["data/proposals.csv"].startswith(b"\xef\xbb\xbf")  # no BOM
    assert files["data/proposals.csv"].split(b"\r\n")[0].startswith(b"id,reference,title")


def test_nothing_private_leaves_the_platform(dataset, open_data_dir):
    path = build_package()
    everything = b"\n".join(members(path).values()).decode("utf-8")
    for user in dataset.users:
        assert user.email not in everything
    for secret in SECRETS.values():
        assert secret not in everything, secret
    assert "Hors sujet" not in everything  # the moderators' reason for hiding


def test_only_published_content_and_what_belongs_to_it(dataset, open_data_dir):
    path = build_package()
    ids = {int(r["id"]) for r in rows(path, "proposals")}
    assert ids == {dataset.published.id, dataset.reviewed.id, dataset.orphan.id}
    authors = {r["title"]: r["author"] for r in rows(path, "proposals")}
    assert authors["Des arceaux vélos"] == "Camille Publique"
    assert authors["Des bancs à l’ombre"] == "Deleted participant"
    linked = {int(r["proposal_id"]) for r in rows(path, "experiment_proposals")}
    assert linked == {dataset.published.id}
    assert [r["title"] for r in rows(path, "experiments")] == ["Arceaux test"]
    assert [r["title"] for r in rows(path, "amendments")] == ["Plus d’arceaux"]
    assert rows(path, "amendments")[0]["accepted_into_revision_number"] == "2"
    assert [r["number"] for r in rows(path, "revisions")] == ["1", "2"]
    changes = rows(path, "status_changes")
    assert [c["to_status"] for c in changes] == ["under_review"]
    assert "internal_note" not in changes[0] and "actor" not in str(changes[0].keys())


def test_supports_are_only_counted_per_proposal_and_day(dataset, open_data_dir):
    path = build_package()
    daily = rows(path, "supports_daily")
    assert set(daily[0]) == {"proposal_id", "date", "supports"}
    assert {int(r["proposal_id"]) for r in daily} == {dataset.published.id}
    assert sorted(int(r["supports"]) for r in daily) == [1, 2]
    assert sum(int(r["supports"]) for r in daily) == dataset.published.supports_count


def test_comment_threads_keep_their_shape_without_removed_text(dataset, open_data_dir):
    path = build_package()
    comments = {int(r["id"]): r for r in rows(path, "comments")}
    assert comments[dataset.comment.id]["body"] == "Bonne idée !"
    assert comments[dataset.comment.id]["author"] == "Dominique Voisine"
    assert comments[dataset.reply.id]["parent_id"] == str(dataset.comment.id)
    hidden = comments[dataset.hidden_comment.id]
    assert (hidden["state"], hidden["body"], hidden["author"]) == ("hidden", "", "")
    deleted = comments[dataset.deleted_comment.id]
    assert (deleted["state"], deleted["body"], deleted["author"]) == ("deleted", "", "")
    assert "Une réponse restée visible." in {c["body"] for c in comments.values()}
    assert "Deleted participant" in {c["author"] for c in comments.values()}
    assert {c["target_type"] for c in comments.values()} == {
        "proposal", "experiment", "amendment", "section"}


def test_names_can_be_left_out(app, dataset, open_data_dir, monkeypatch):
    monkeypatch.setitem(app.config, "OPEN_DATA_PUBLISH_NAMES", False)
    path = build_package()
    everything = b"\n".join(members(path).values()).decode("utf-8")
    for user in dataset.users:
        assert user.display_name not in everything
    assert "author" not in rows(path, "proposals")[0]
    proposals = next(r for r in descriptor(path)["resources"] if r["name"] == "proposals")
    assert "author" not in [f["name"] for f in proposals["schema"]["fields"]]


def test_builds_are_atomic_and_the_last_three_kept(db, open_data_dir):
    made = [build_package(now=datetime(2026, 1, day, 3, 30, tzinfo=UTC))
            for day in range(1, 6)]
    assert [b.path for b in builds()] == made[:1:-1]
    assert latest_build().path == made[-1]
    assert latest_build().created == datetime(2026, 1, 5, 3, 30, tzinfo=UTC)
    assert not list(open_data_dir.glob("*.part"))


def test_a_failed_build_leaves_no_partial_file(db, open_data_dir, monkeypatch):
    from civic.opendata import rows as rows_module

    def broken(ctx):
        raise RuntimeError("database went away")
        yield  # pragma: no cover

    monkeypatch.setitem(rows_module.ROWS, "proposals", broken)
    with pytest.raises(RuntimeError):
        build_package()
    assert list(open_data_dir.iterdir()) == []
    assert latest_build() is None


def test_cli_builds_the_package(app, dataset, open_data_dir, tmp_path):
    target = tmp_path / "elsewhere"
    result = app.test_cli_runner().invoke(
        args=["civic", "open-data", "build", "--dir", str(target)])
    assert result.exit_code == 0, result.output
    built = list(target.glob("civic-open-data-*.zip"))
    assert len(built) == 1 and str(built[0]) in result.output
    assert "MB" in result.output
    quiet = app.test_cli_runner().invoke(args=["civic", "open-data", "build", "--quiet"])
    assert quiet.exit_code == 0, quiet.output
    assert latest_build() is not None
