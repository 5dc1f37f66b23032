"""The PostgreSQL side of bench/generate.py: a dedicated database, loaded with COPY.

The database named in the URL is dropped and created again, so its name must contain
"bench" (never the test database). Rows are COPied with foreign-key triggers off
(`session_replication_role = replica`, as pg_restore does: the generator's rows are
consistent by construction), then the id sequences are moved past the loaded ids, the
search index is filled from the normalized text (the same tsvector as
civic/search/backends.py) and `VACUUM ANALYZE` sets the statistics and the visibility map
(index-only scans for the counts).
"""
from __future__ import annotations

import time
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql


def _parts(url: str) -> tuple[str, str]:
    """(libpq URL of the server's `postgres` database, the bench database's name)."""
    url = url.replace("postgresql+psycopg://", "postgresql://", 1)
    url = url.replace("postgres://", "postgresql://", 1)
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if "bench" not in name:
        raise SystemExit(f"refusing to drop {name!r}: the bench database's name must "
                         "contain 'bench' (e.g. civic_bench)")
    return urlunsplit(parts._replace(path="/postgres")), name


def _libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def recreate_database(url: str) -> str:
    """Drop and create the bench database; return its URL."""
    server, name = _parts(url)
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
            sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        # Production settings for a server on SSD (docs/deployment.md): random reads cost
        # about what sequential ones do, and parallel query only adds overhead on 2 cores.
        for setting in ("random_page_cost = 1.1", "max_parallel_workers_per_gather = 0"):
            conn.execute(sql.SQL("ALTER DATABASE {} SET " + setting).format(
                sql.Identifier(name)))
    return _libpq(url)


def load(url: str, data: dict, timings: dict, started: float) -> None:
    with psycopg.connect(_libpq(url)) as conn:
        conn.execute("SET TIME ZONE 'UTC'")  # the generator's datetimes are UTC text
        conn.execute("SET session_replication_role = replica")
        conn.execute("SET maintenance_work_mem = '256MB'")
        cursor = conn.cursor()
        for table, (columns, rows) in data["tables"].items():
            statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
                sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns)))
            with cursor.copy(statement) as copy:
                for row in rows:
                    copy.write_row(row)
            timings[table] = time.perf_counter() - started
        cursor.execute("CREATE TEMPORARY TABLE search_text "
                       "(proposal_id integer, title text, body text)")
        with cursor.copy("COPY search_text FROM STDIN") as copy:
            for row in data["search"]:
                copy.write_row(row)
        cursor.execute("INSERT INTO proposal_search (proposal_id, document) "
                       "SELECT proposal_id, setweight(to_tsvector('french', title), 'A') || "
                       "setweight(to_tsvector('french', body), 'B') FROM search_text")
        timings["search index"] = time.perf_counter() - started
        for table, (columns, _rows) in data["tables"].items():
            if "id" in columns:
                cursor.execute(sql.SQL(
                    "SELECT setval(pg_get_serial_sequence({0}, 'id'), "
                    "(SELECT coalesce(max(id), 0) + 1 FROM {1}), false)").format(
                        sql.Literal(table), sql.Identifier(table)))
        conn.commit()
    with psycopg.connect(_libpq(url), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    timings["vacuum analyze"] = time.perf_counter() - started


def size(url: str) -> int:
    with psycopg.connect(_libpq(url)) as conn:
        return conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]


def check(url: str) -> None:
    from bench.generate import check as check_counters

    with psycopg.connect(_libpq(url)) as conn:
        check_counters(conn)
