"""Upgrading a database that holds data loses nothing: for every schema revision, its
fixture (tests/migrations/fixtures/<revision>.json, realistic data as that schema held
it) is loaded into a database at that revision, upgraded to head and checked row by row,
then the app serves it. On SQLite, and on PostgreSQL with TEST_DATABASE_URL."""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass

import pytest
import sqlalchemy as sa
from flask import Flask
from flask_migrate import downgrade, upgrade

from civic import create_app
from civic.extensions import db
from tests.conftest import create_schema, database_settings, drop_schema
from tests.migrations import fixture_db
from tests.migrations.fixture_db import FIXTURES, fixture_path, read_fixture
from tests.migrations.fixture_rows import fill_counters

REVISIONS = fixture_db.revisions()
WITH_FIXTURE = [r for r in REVISIONS if fixture_path(r).exists()]
HOW = "run `.venv/bin/python -m tests.migrations.make_fixture` (see its docstring)"


def test_every_migration_has_a_fixture():
    missing = [r for r in REVISIONS if not fixture_path(r).exists()]
    assert not missing, f"no migration fixture for revision {missing}: {HOW}"
    orphans = sorted({p.stem for p in FIXTURES.glob("*.json")} - set(REVISIONS))
    assert not orphans, f"fixtures of revisions that no longer exist: {orphans}"


@dataclass
class Upgraded:
    app: Flask
    revision: str
    fixture: dict[str, list[dict]]
    schema_at_revision: dict[str, set[str]]
    metadata: sa.MetaData  # the head schema, reflected


def _new_app(tmp_path_factory) -> Flask:
    app = create_app("test", UPLOAD_DIR=str(tmp_path_factory.mktemp("fx-uploads")),
                     **database_settings(tmp_path_factory, "fx"))
    create_schema(app)
    return app


@pytest.fixture(scope="module", params=WITH_FIXTURE)
def upgraded(request, tmp_path_factory):
    """A database at the fixture's revision, filled with it, then upgraded to head."""
    app, revision = _new_app(tmp_path_factory), request.param
    fixture = read_fixture(revision)
    try:
        with app.app_context():
            upgrade(revision=revision)
            schema = fixture_db.columns_of(fixture_db.reflect())
            fixture_db.load(fixture)
            upgrade()
            metadata = fixture_db.reflect()
        yield Upgraded(app, revision, fixture, schema, metadata)
    finally:
        drop_schema(app)


def test_the_fixture_fills_every_table_and_column_of_its_schema(upgraded):
    held = {name: set().union(*map(set, rows)) for name, rows in upgraded.fixture.items()
            if rows}
    assert held == upgraded.schema_at_revision, f"fixture and schema differ: {HOW}"


def test_upgrading_to_head_keeps_every_row_and_value(upgraded):
    with upgraded.app.app_context():
        assert fixture_db.lost_values(upgraded.fixture, upgraded.metadata) == []


def test_counters_still_equal_what_they_count(upgraded):
    with upgraded.app.app_context():
        data = fixture_db.dump(upgraded.metadata)
        expected = copy.deepcopy(data)
        fill_counters(expected, fixture_db.columns_of(upgraded.metadata))
    assert data == expected


def test_the_plan_people_read_becomes_its_published_v1(upgraded):
    if "plan_revisions" in upgraded.fixture or not upgraded.fixture.get("plan_sections"):
        pytest.skip("this fixture already has revisions (compared row by row), or no plan")
    with upgraded.app.app_context():
        tables = upgraded.metadata.tables
        revisions, texts = tables["plan_revisions"], tables["plan_revision_sections"]
        with db.engine.connect() as conn:
            v1 = conn.execute(sa.select(revisions)).one()
            copied = conn.execute(sa.select(texts).where(texts.c.revision_id == v1.id)).all()
    assert (v1.number, v1.status) == (1, "published")
    assert v1.published_at is not None
    columns = ("position", "title", "summary", "body", "objectives", "indicators")
    assert {row.section_id: (row.parent_section_id, row.version, *(getattr(row, c)
            for c in columns)) for row in copied} == \
        {s["id"]: (s["parent_id"], 1, *(s[c] for c in columns))
         for s in upgraded.fixture["plan_sections"]}


def _public_proposals(fixture) -> list[dict]:
    return [p for p in fixture.get("proposals", [])
            if p["status"] != "draft" and p.get("moderation", "visible") == "visible"]


def test_search_finds_the_proposals_by_a_french_word(upgraded):
    from civic.search import matching_ids

    proposals = [p for p in upgraded.fixture.get("proposals", []) if p["status"] != "draft"]
    if not proposals:
        pytest.skip("no proposal at this revision")
    with upgraded.app.app_context(), fixture_db.own_session() as session:
        found = set(session.scalars(matching_ids("Vélo")))
        found_by_title = set(session.scalars(matching_ids("arceaux écoles")))
    assert found == {p["id"] for p in proposals}  # every body speaks of "vélos"
    assert found_by_title == {p["id"] for p in proposals if "arceaux" in p["title"]}


def test_the_app_serves_the_upgraded_database(upgraded):
    proposals = _public_proposals(upgraded.fixture)
    sections = upgraded.fixture["plan_sections"]
    with upgraded.app.app_context(), fixture_db.own_session():
        client = upgraded.app.test_client()
        pages = {url: client.get(url) for url in
                 ("/proposals/", "/plan/", "/api/v1/proposals?per_page=100")}
        details = {p["id"]: client.get(f"/proposals/{p['id']}") for p in proposals}
    assert {url: r.status_code for url, r in pages.items()} == dict.fromkeys(pages, 200)
    listing, plan = (_text(pages[url]) for url in ("/proposals/", "/plan/"))
    for proposal in proposals:
        assert _escaped(proposal["title"]) in listing
        assert details[proposal["id"]].status_code == 200
        assert _escaped(proposal["title"]) in _text(details[proposal["id"]])
    api = pages["/api/v1/proposals?per_page=100"].get_json()
    assert {item["id"] for item in api["items"]} == {p["id"] for p in proposals}
    for section in sections:
        assert _escaped(section["title"]) in plan


def _text(response) -> str:
    return response.get_data(as_text=True)


def _escaped(text: str) -> str:
    return re.sub(r"'", "&#39;", text)


@pytest.mark.parametrize("revision", WITH_FIXTURE[1:])
def test_downgrading_then_upgrading_keeps_the_data_of_older_tables(revision,
                                                                    tmp_path_factory):
    """The migration to `revision`, undone then redone on a database holding its fixture:
    the tables and columns it does not own keep every row and value."""
    app = _new_app(tmp_path_factory)
    fixture = read_fixture(revision)
    try:
        with app.app_context():
            upgrade(revision=revision)
            fixture_db.load(fixture)
            downgrade(revision="-1")
            metadata = fixture_db.reflect()
            older = {name: [{k: v for k, v in row.items() if k in metadata.tables[name].c}
                            for row in rows]
                     for name, rows in fixture.items() if name in metadata.tables}
            assert fixture_db.lost_values(older, metadata) == []
            upgrade(revision=revision)
            assert fixture_db.lost_values(older, fixture_db.reflect()) == []
    finally:
        drop_schema(app)
