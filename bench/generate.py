"""Generate a city-scale data set for the benchmarks (SQLite or PostgreSQL).

    .venv/bin/python bench/generate.py            # into instance/bench.sqlite3
    .venv/bin/python bench/generate.py --database-url postgresql://postgres@127.0.0.1:5432/civic_bench

50,000 accounts, 100,000 proposals, 1,000,000 supports, 300,000 comments and 240
experiments (defaults), in a database built by `flask db upgrade`. SQLite: executemany on
raw sqlite3 inside one transaction. PostgreSQL: a dedicated database (its name must contain
"bench"; dropped and created again) loaded with COPY (bench/generate_pg.py). Counters
(supports_count, comments_count) match the rows; the search index is built in bulk with
the same normalization as the app (civic.search.text).
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
MAX_THREAD = 250  # comments on the most commented proposal, at most

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
REMARKS = ["Tout à fait d'accord, c'est urgent.", "Je ne suis pas convaincu par le coût.",
           "Et pour les personnes à mobilité réduite ?", "Bonne idée, à condition de "
           "consulter les riverains.", "On l'a testé à Lyon, avec **de bons résultats**.",
           "Il faudrait d'abord un diagnostic.", "Je soutiens, mais pas à cet endroit.",
           "Quel budget est prévu ?", "Merci pour cette proposition.",
           "Cela existe déjà en partie : voir le plan vélo."]
STATUSES = (["published"] * 60 + ["under_review"] * 12 + ["accepted"] * 6 + ["rejected"] * 6
            + ["experimenting"] * 3 + ["integrated"] * 3 + ["withdrawn"] * 4 + ["draft"] * 6)
ORG_KINDS = ["startup", "company", "association", "research", "public_body"]
EXPERIMENT_STATUSES = ["planned"] * 3 + ["running"] * 4 + ["evaluated"] * 2 + ["stopped"]


def fmt(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def upgrade(database_url: str) -> None:
    env = dict(os.environ, CIVIC_DATABASE_URL=database_url)
    subprocess.run([str(ROOT / ".venv/bin/flask"), "--app", "wsgi", "db", "upgrade"],  # noqa: S603
                   cwd=ROOT, env=env, check=True, capture_output=True)


def password_hash() -> str:
    from werkzeug.security import generate_password_hash

    return generate_password_hash(BENCH_PASSWORD)


def skewed_counts(rng, eligible: list[bool], total: int, cap: int, shape: float) -> list[int]:
    """`total` spread over the eligible items with a Pareto law, at most `cap` each."""
    weights = [rng.paretovariate(shape) if ok else 0.0 for ok in eligible]
    scale = total / sum(weights)
    counts = [min(cap, int(w * scale)) for w in weights]
    missing = total - sum(counts)
    chosen = [i for i, ok in enumerate(eligible) if ok]
    while missing > 0:
        i = rng.choice(chosen)
        if counts[i] < cap:
            counts[i] += 1
            missing -= 1
    return counts


def build(accounts: int, proposals: int, supports: int, comments: int,
          experiments: int, seed: int) -> dict:
    """The rows of every table, as {table: (columns, rows)}, in loading order; datetimes
    as UTC text (both databases read it)."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    now_ts = now.timestamp()
    stamp = fmt(now)
    tables = {}

    # Themes: 6 axes of 4 flagship projects.
    sections = []
    for a in range(6):
        axis_id = len(sections) + 1
        sections.append((axis_id, f"axe-{a + 1}", None, a, f"Axe {a + 1}"))
        for c in range(4):
            sections.append((len(sections) + 1, f"projet-{a + 1}-{c + 1}", axis_id, c,
                             f"Projet phare {a + 1}.{c + 1}"))
    tables["plan_sections"] = (
        ("id", "slug", "parent_id", "position", "title", "summary", "body", "objectives",
         "indicators", "created_at", "updated_at"),
        [(*s, "", "", "", "", stamp, stamp) for s in sections])
    section_ids = [s[0] for s in sections]

    hashed = password_hash()
    users = []
    for n in range(1, accounts + 1):
        bench = n <= BENCH_ACCOUNTS
        email = f"bench{n}@example.org" if bench else f"user{n}@example.org"
        name = f"Bench {n}" if bench else f"Habitant {n}"
        users.append((n, email, name, name.lower(), hashed, "", "fr", "daily", stamp,
                      f"sk{n:010d}", stamp, stamp))
    tables["users"] = (("id", "email", "display_name", "display_name_key", "password_hash",
                        "bio", "locale", "email_frequency", "email_confirmed_at",
                        "session_key", "created_at", "updated_at"), users)
    organizations = max(1, accounts // 100)
    tables["organizations"] = (
        ("id", "slug", "name", "kind", "description", "website", "verified_at", "created_at",
         "updated_at"),
        [(n, f"org-{n}", f"Organisation {n}", ORG_KINDS[n % 5], "", "",
          stamp if n % 2 else None, stamp, stamp) for n in range(1, organizations + 1)])

    statuses = [rng.choice(STATUSES) for _ in range(proposals)]
    public = [s != "draft" for s in statuses]
    support_counts = skewed_counts(rng, public, supports, accounts - BENCH_ACCOUNTS, 1.2)
    comment_counts = skewed_counts(rng, public, comments, MAX_THREAD, 1.5)

    rows, search_rows, support_rows, comment_rows = [], [], [], []
    sequence = 0
    comment_id = 0
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
            search_rows.append((pid, normalize(title), normalize(body)))
        located = rng.random() < 0.3
        org_id = rng.randrange(1, organizations + 1) if rng.random() < 0.15 else None
        # Supports and comments come between the publication and now.
        start_ts = published.timestamp() if published else now_ts
        span = now_ts - start_ts
        for uid in rng.sample(range(BENCH_ACCOUNTS + 1, accounts + 1), support_counts[i]):
            support_rows.append((pid, uid, fmt(datetime.fromtimestamp(
                start_ts + rng.random() * span, UTC))))
        counted = 0
        thread = []  # (id, depth, parent) of this proposal's comments so far
        for moment in sorted(start_ts + rng.random() * span
                             for _ in range(comment_counts[i])):
            comment_id += 1
            parent, depth = None, 1
            if thread and rng.random() < 0.4:
                answered, answered_depth, answered_parent = rng.choice(thread)
                # A reply to the deepest level goes next to it, as the app does.
                parent = answered_parent if answered_depth == 3 else answered
                depth = min(answered_depth + 1, 3)
            deleted = rng.random() < 0.02
            when = fmt(datetime.fromtimestamp(moment, UTC))
            comment_rows.append((
                comment_id, "proposal", pid, parent, depth,
                rng.randrange(BENCH_ACCOUNTS + 1, accounts + 1), None,
                rng.choice(("for", "for", "against", "neutral")),
                "" if deleted else " ".join(rng.sample(REMARKS, rng.randint(1, 3))),
                when, when if deleted else None, 0, 0, "visible", ""))
            thread.append((comment_id, depth, parent))
            counted += not deleted
        rows.append((pid, reference, title, body, rng.choice(section_ids),
                     "experiment" if rng.random() < 0.2 else "idea", status,
                     rng.randrange(BENCH_ACCOUNTS + 1, accounts + 1), org_id,
                     "Toulouse" if located else "",
                     43.55 + rng.random() * 0.1 if located else None,
                     1.38 + rng.random() * 0.12 if located else None,
                     fmt(published) if published else None, "", support_counts[i], counted,
                     0, rng.randrange(2**31), fmt(created), fmt(created)))
    tables["proposals"] = (
        ("id", "reference", "title", "body", "theme_id", "kind", "status", "author_id",
         "organization_id", "address", "latitude", "longitude", "published_at", "answer",
         "supports_count", "comments_count", "followers_count", "random_key", "created_at",
         "updated_at"), rows)
    tables["proposal_supports"] = (("proposal_id", "user_id", "created_at"), support_rows)
    tables["comments"] = (
        ("id", "target_type", "target_id", "parent_id", "depth", "author_id",
         "organization_id", "alignment", "body", "created_at", "deleted_at", "upvotes",
         "downvotes", "moderation", "hidden_reason"), comment_rows)
    tables["experiments"] = (
        ("id", "title", "description", "theme_id", "status", "stop_reason", "address",
         "supports_count", "comments_count", "followers_count", "started_at", "created_at",
         "updated_at"),
        [(n, f"Expérimentation : {rng.choice(SUBJECTS).lower()} {rng.choice(PLACES)}"[:150],
          " ".join(rng.sample(SENTENCES, 3)), rng.choice(section_ids),
          (status := rng.choice(EXPERIMENT_STATUSES)),
          "Arrêtée faute de budget." if status == "stopped" else "", "", 0, 0, 0,
          None if status == "planned" else stamp, stamp, stamp)
         for n in range(1, experiments + 1)])
    return {"tables": tables, "search": search_rows}


def load_sqlite(db_path: Path, data: dict, timings: dict, started: float) -> None:
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-400000")
    conn.execute("BEGIN")
    for table, (columns, rows) in data["tables"].items():
        conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608 - ours
                         f"VALUES ({', '.join('?' * len(columns))})", rows)
        timings[table] = time.perf_counter() - started
    conn.executemany("INSERT INTO proposal_search (rowid, title, body) VALUES (?, ?, ?)",
                     data["search"])
    conn.execute("INSERT INTO proposal_search (proposal_search) VALUES ('optimize')")
    timings["search index"] = time.perf_counter() - started
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()


CHECKS = {
    "supports_count": "SELECT count(*) FROM proposals p WHERE p.supports_count != "
                      "(SELECT count(*) FROM proposal_supports s WHERE s.proposal_id = p.id)",
    "comments_count": "SELECT count(*) FROM proposals p WHERE p.comments_count != "
                      "(SELECT count(*) FROM comments c WHERE c.target_type = 'proposal' "
                      "AND c.target_id = p.id AND c.deleted_at IS NULL "
                      "AND c.moderation = 'visible')",
}


def check(conn) -> None:
    """Exit when a counter does not match its rows (a DB-API connection, either engine)."""
    cursor = conn.cursor()
    for name, query in CHECKS.items():
        cursor.execute(query)
        bad = cursor.fetchone()[0]
        if bad:
            raise SystemExit(f"{bad} proposals have a {name} that does not match")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(DEFAULT_DB), help="SQLite file")
    parser.add_argument("--database-url", help="postgresql://…/<name with 'bench'> instead")
    parser.add_argument("--accounts", type=int, default=50_000)
    parser.add_argument("--proposals", type=int, default=100_000)
    parser.add_argument("--supports", type=int, default=1_000_000)
    parser.add_argument("--comments", type=int, default=300_000)
    parser.add_argument("--experiments", type=int, default=240)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--check", action="store_true", help="verify the counters afterwards")
    args = parser.parse_args(argv)
    postgres = args.database_url and args.database_url.startswith(("postgres://",
                                                                   "postgresql"))
    started = time.perf_counter()
    if postgres:
        from bench import generate_pg

        url = generate_pg.recreate_database(args.database_url)
        target = url
    else:
        db_path = Path(args.db).resolve()
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{db_path}"
        target = db_path
    upgrade(url)
    migrated = time.perf_counter() - started
    started = time.perf_counter()
    data = build(args.accounts, args.proposals, args.supports, args.comments,
                 args.experiments, args.seed)
    timings = {"rows built in Python": time.perf_counter() - started}
    if postgres:
        generate_pg.load(url, data, timings, started)
    else:
        load_sqlite(db_path, data, timings, started)
    timings["total"] = time.perf_counter() - started
    print(f"migrations: {migrated:.1f}s")
    for step, seconds in timings.items():
        print(f"{step}: {seconds:.1f}s (cumulative load time)")
    tables = data["tables"]
    size = (generate_pg.size(url) if postgres else db_path.stat().st_size) / 1e6
    print(f"{args.accounts} accounts, {args.proposals} proposals, "
          f"{len(tables['proposal_supports'][1])} supports, {len(tables['comments'][1])} "
          f"comments, {args.experiments} experiments in {target} ({size:.0f} MB)")
    if args.check:
        if postgres:
            generate_pg.check(url)
        else:
            with sqlite3.connect(db_path) as conn:
                check(conn)
        print("counters match the rows")


if __name__ == "__main__":
    main()
