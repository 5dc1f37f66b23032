"""Generate a city-scale data set for the benchmark (SQLite).

    .venv/bin/python bench/generate.py            # into instance/bench.sqlite3

50,000 accounts, 100,000 proposals, 1,000,000 supports (defaults), loaded with
executemany on raw sqlite3 inside one transaction, into a database built by
`flask db upgrade`. Counters (supports_count) match the rows; the search index is built
in bulk with the same normalization as the app (civic.search.text).
"""
from __future__ import annotations

import argparse
import os
import random
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from civic.search.text import normalize  # noqa: E402

BENCH_PASSWORD = "Bench-password-2026"  # noqa: S105 - throwaway benchmark accounts
BENCH_ACCOUNTS = 8  # bench1@example.org ...: no supports, used by bench/run.py
DEFAULT_DB = ROOT / "instance" / "bench.sqlite3"

SUBJECTS = ["Des stationnements vélos sécurisés", "Un jardin partagé", "Des capteurs de "
            "qualité de l'air", "Une piste cyclable protégée", "Des bancs connectés",
            "Un parking relais", "Des bornes de recharge", "Une navette autonome",
            "Des fontaines à eau", "Un éclairage intelligent", "Des arbres fruitiers",
            "Une application de covoiturage", "Des toilettes publiques", "Un compost collectif",
            "Des panneaux solaires", "Une zone piétonne", "Des casiers solidaires",
            "Un tiers-lieu numérique", "Des abris de bus végétalisés", "Un budget participatif"]
PLACES = ["près des stations de métro", "dans les cours d'école", "au bord de la Garonne",
          "dans le quartier des Minimes", "autour de la place du Capitole", "à Rangueil",
          "le long du canal du Midi", "dans les parcs", "à la Cartoucherie", "à Borderouge",
          "près des marchés", "devant les gymnases", "à Purpan", "aux Sept Deniers"]
SENTENCES = ["Les habitants le demandent depuis longtemps.", "Cela réduirait la pollution.",
             "Les enfants seraient plus en sécurité.", "Le coût resterait modeste.",
             "Une expérimentation de six mois permettrait de mesurer l'effet.",
             "Les données seraient publiées en open data.", "Les commerçants y gagneraient.",
             "Il faudrait associer les associations du quartier.",
             "Les personnes âgées profiteraient de ces aménagements.",
             "Le bruit diminuerait la nuit.", "Les cyclistes pourraient circuler sans danger."]
STATUSES = (["published"] * 60 + ["under_review"] * 12 + ["accepted"] * 6 + ["rejected"] * 6
            + ["experimenting"] * 3 + ["integrated"] * 3 + ["withdrawn"] * 4 + ["draft"] * 6)
ORG_KINDS = ["startup", "company", "association", "research", "public_body"]


def fmt(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def upgrade(db_path: Path) -> None:
    env = dict(os.environ, CIVIC_DATABASE_URL=f"sqlite:///{db_path}")
    subprocess.run([str(ROOT / ".venv/bin/flask"), "--app", "wsgi", "db", "upgrade"],  # noqa: S603
                   cwd=ROOT, env=env, check=True, capture_output=True)


def password_hash() -> str:
    from werkzeug.security import generate_password_hash

    return generate_password_hash(BENCH_PASSWORD)


def generate(db_path: Path, accounts: int, proposals: int, supports: int, seed: int) -> dict:
    rng = random.Random(seed)
    now = datetime.now(UTC)
    stamp = fmt(now)
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-400000")
    conn.execute("BEGIN")
    timings = {}
    started = time.perf_counter()

    # Themes: 6 axes of 4 flagship projects.
    sections = []
    for a in range(6):
        axis_id = len(sections) + 1
        sections.append((axis_id, f"axe-{a + 1}", None, a, f"Axe {a + 1}"))
        for c in range(4):
            sections.append((len(sections) + 1, f"projet-{a + 1}-{c + 1}", axis_id, c,
                             f"Projet phare {a + 1}.{c + 1}"))
    conn.executemany(
        "INSERT INTO plan_sections (id, slug, parent_id, position, title, summary, body, "
        "objectives, indicators, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, '', '', '', '', ?, ?)",
        [(*s, stamp, stamp) for s in sections])
    section_ids = [s[0] for s in sections]

    hashed = password_hash()
    users = []
    for n in range(1, accounts + 1):
        bench = n <= BENCH_ACCOUNTS
        email = f"bench{n}@example.org" if bench else f"user{n}@example.org"
        name = f"Bench {n}" if bench else f"Habitant {n}"
        users.append((n, email, name, name.lower(), hashed, stamp, f"sk{n:010d}", stamp, stamp))
    conn.executemany(
        "INSERT INTO users (id, email, display_name, display_name_key, password_hash, bio, "
        "locale, email_frequency, email_confirmed_at, session_key, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, '', 'fr', 'daily', ?, ?, ?, ?)", users)
    organizations = max(1, accounts // 100)
    conn.executemany(
        "INSERT INTO organizations (id, slug, name, kind, description, website, verified_at, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, '', '', ?, ?, ?)",
        [(n, f"org-{n}", f"Organisation {n}", ORG_KINDS[n % 5], stamp if n % 2 else None,
          stamp, stamp) for n in range(1, organizations + 1)])
    timings["accounts"] = time.perf_counter() - started

    # Supports per proposal: a skewed (Pareto) distribution summing to `supports`.
    statuses = [rng.choice(STATUSES) for _ in range(proposals)]
    weights = [0.0 if s == "draft" else rng.paretovariate(1.2) for s in statuses]
    scale = supports / sum(weights)
    counts = [min(accounts - BENCH_ACCOUNTS, int(w * scale)) for w in weights]
    missing = supports - sum(counts)
    public_ids = [i for i, s in enumerate(statuses) if s != "draft"]
    while missing > 0:
        i = rng.choice(public_ids)
        if counts[i] < accounts - BENCH_ACCOUNTS:
            counts[i] += 1
            missing -= 1

    rows, search_rows, support_rows = [], [], []
    sequence = 0
    for i in range(proposals):
        pid = i + 1
        status = statuses[i]
        title = f"{rng.choice(SUBJECTS)} {rng.choice(PLACES)}"[:150]
        body = " ".join(rng.sample(SENTENCES, 4)) + f" Proposition numéro {pid}."
        created = now - timedelta(minutes=rng.randrange(0, 60 * 24 * 365))
        published = None if status == "draft" else created + timedelta(minutes=5)
        reference = None
        if published:
            sequence += 1
            reference = f"P-2026-{sequence:06d}"
        located = rng.random() < 0.3
        org_id = rng.randrange(1, organizations + 1) if rng.random() < 0.15 else None
        rows.append((pid, reference, title, body, rng.choice(section_ids),
                     "experiment" if rng.random() < 0.2 else "idea", status,
                     rng.randrange(BENCH_ACCOUNTS + 1, accounts + 1), org_id,
                     "Toulouse" if located else "",
                     43.55 + rng.random() * 0.1 if located else None,
                     1.38 + rng.random() * 0.12 if located else None,
                     fmt(published) if published else None, counts[i],
                     rng.randrange(0, 30) if published else 0, rng.randrange(2**31),
                     fmt(created), fmt(created)))
        if published:
            search_rows.append((pid, normalize(title), normalize(body)))
        if counts[i]:
            for uid in rng.sample(range(BENCH_ACCOUNTS + 1, accounts + 1), counts[i]):
                support_rows.append((pid, uid, stamp))
    conn.executemany(
        "INSERT INTO proposals (id, reference, title, body, theme_id, kind, status, author_id, "
        "organization_id, address, latitude, longitude, published_at, answer, supports_count, "
        "comments_count, followers_count, random_key, created_at, updated_at) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, 0, ?, ?, ?)", rows)
    timings["proposals"] = time.perf_counter() - started
    conn.executemany("INSERT INTO proposal_supports (proposal_id, user_id, created_at) "
                     "VALUES (?, ?, ?)", support_rows)
    timings["supports"] = time.perf_counter() - started
    conn.executemany("INSERT INTO proposal_search (rowid, title, body) VALUES (?, ?, ?)",
                     search_rows)
    conn.execute("INSERT INTO proposal_search (proposal_search) VALUES ('optimize')")
    timings["search index"] = time.perf_counter() - started
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    timings["total"] = time.perf_counter() - started
    return {"accounts": accounts, "proposals": proposals, "supports": len(support_rows),
            "timings": timings}


def check(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    bad = conn.execute(
        "SELECT count(*) FROM proposals p WHERE p.supports_count != "
        "(SELECT count(*) FROM proposal_supports s WHERE s.proposal_id = p.id)").fetchone()[0]
    conn.close()
    if bad:
        raise SystemExit(f"{bad} proposals have a supports_count that does not match")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(DEFAULT_DB))
    parser.add_argument("--accounts", type=int, default=50_000)
    parser.add_argument("--proposals", type=int, default=100_000)
    parser.add_argument("--supports", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--check", action="store_true", help="verify the counters afterwards")
    args = parser.parse_args(argv)
    db_path = Path(args.db).resolve()
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    upgrade(db_path)
    migrated = time.perf_counter() - started
    result = generate(db_path, args.accounts, args.proposals, args.supports, args.seed)
    print(f"migrations: {migrated:.1f}s")
    for step, seconds in result["timings"].items():
        print(f"{step}: {seconds:.1f}s (cumulative load time)")
    print(f"{result['accounts']} accounts, {result['proposals']} proposals, "
          f"{result['supports']} supports in {db_path} "
          f"({db_path.stat().st_size / 1e6:.0f} MB)")
    if args.check:
        check(db_path)
        print("counters match the rows")


if __name__ == "__main__":
    main()
