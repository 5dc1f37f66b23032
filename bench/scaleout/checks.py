"""What must hold after the load, checked in SQL and over HTTP; each check returns
(figures for the summary, violations)."""
from __future__ import annotations

from collections import Counter

from sqlalchemy import create_engine, text

from bench.common import Client
from bench.scaleout.load import Outcome

SUPPORTS = {"proposal": ("proposals", "proposal_supports", "proposal_id"),
            "experiment": ("experiments", "experiment_supports", "experiment_id"),
            "amendment": ("amendments", "amendment_supports", "amendment_id")}
COMMENTED = {"proposal": "proposals", "experiment": "experiments",
             "amendment": "amendments", "section": "plan_sections"}
FOLLOWED = {"proposal": "proposals", "experiment": "experiments", "amendment": "amendments"}


def engine_for(url: str):
    from config import normalize_database_url

    return create_engine(normalize_database_url(url))


def counters(conn) -> tuple[dict, list[str]]:
    """Every denormalized counter equals its rows; no account supports an item twice."""
    problems, checked = [], 0
    for kind, (table, supports, key) in SUPPORTS.items():
        for item, count, rows in conn.execute(text(
                f"SELECT t.id, t.supports_count, (SELECT count(*) FROM {supports} s "  # noqa: S608
                f"WHERE s.{key} = t.id) FROM {table} t")):
            checked += 1
            if count != rows:
                problems.append(f"{kind} {item}: supports_count {count} but {rows} supports")
        for item, user, n in conn.execute(text(
                f"SELECT {key}, user_id, count(*) FROM {supports} "  # noqa: S608
                f"GROUP BY {key}, user_id HAVING count(*) > 1")):
            problems.append(f"{kind} {item}: account {user} supports it {n} times")
    for kind, table in COMMENTED.items():
        for item, count, rows in conn.execute(text(
                f"SELECT t.id, t.comments_count, (SELECT count(*) FROM comments c "  # noqa: S608
                f"WHERE c.target_type = :kind AND c.target_id = t.id "
                f"AND c.moderation = 'visible' AND c.deleted_at IS NULL) FROM {table} t"),
                {"kind": kind}):
            checked += 1
            if count != rows:
                problems.append(f"{kind} {item}: comments_count {count} but {rows} comments")
    for column, value in (("upvotes", 1), ("downvotes", -1)):
        for item, count, rows in conn.execute(text(
                f"SELECT c.id, c.{column}, (SELECT count(*) FROM comment_votes v "  # noqa: S608
                f"WHERE v.comment_id = c.id AND v.value = :value) FROM comments c"),
                {"value": value}):
            checked += 1
            if count != rows:
                problems.append(f"comment {item}: {column} {count} but {rows} votes")
    for item, user, n in conn.execute(text(
            "SELECT comment_id, user_id, count(*) FROM comment_votes "
            "GROUP BY comment_id, user_id HAVING count(*) > 1")):
        problems.append(f"comment {item}: account {user} voted {n} times")
    for kind, table in FOLLOWED.items():
        for item, count, rows in conn.execute(text(
                f"SELECT t.id, t.followers_count, (SELECT count(*) FROM follows f "  # noqa: S608
                f"WHERE f.target_type = :kind AND f.target_id = t.id) FROM {table} t"),
                {"kind": kind}):
            checked += 1
            if count != rows:
                problems.append(f"{kind} {item}: followers_count {count} but {rows} follows")
    return {"counters checked": checked}, problems


def refused_duplicates(conn) -> tuple[dict, list[str]]:
    """PostgreSQL counts every INSERT, including those the unique constraint refused (their
    savepoint rolled back): inserts − deletes − rows left is how often a support reached
    the constraint because the account supported already (a re-support, or the loser of
    a concurrent double submit). Approximate: a killed worker's rolled-back transaction
    counts too."""
    if conn.dialect.name != "postgresql":
        return {"support INSERTs refused by the unique constraint": "n/a (SQLite takes the "
                "write lock first: BEGIN IMMEDIATE)"}, []
    conn.exec_driver_sql("SELECT pg_stat_clear_snapshot()")
    refused = 0
    for _, (_, supports, _) in SUPPORTS.items():
        inserted, deleted = conn.execute(text(
            "SELECT n_tup_ins, n_tup_del FROM pg_stat_user_tables WHERE relname = :t"),
            {"t": supports}).one()
        rows = conn.execute(text(f"SELECT count(*) FROM {supports}")).scalar_one()  # noqa: S608
        refused += inserted - deleted - rows
    return {"support INSERTs refused by the unique constraint": refused}, []


def contributions(conn, out: Outcome) -> tuple[dict, list[str]]:
    """No answered contribution is lost, none appears unasked, supports end as the
    accounts last asked."""
    problems = []
    stored = {cid: (author, kind, target) for cid, author, kind, target in conn.execute(
        text("SELECT id, author_id, target_type, target_id FROM comments"))}
    for cid, author, target in out.comments:
        if stored.get(cid) != (author, target.kind, target.id):
            problems.append(f"comment {cid} by account {author} was answered but is "
                            f"{'missing' if cid not in stored else 'different'}")
    answered = Counter((author, t.kind, t.id) for _, author, t in out.comments)
    unanswered = Counter()
    for (author, t), n in out.unanswered_comments.items():
        unanswered[(author, t.kind, t.id)] += n
    extra = 0
    for key, n in Counter(stored.values()).items():
        if n > answered[key] + unanswered[key]:
            problems.append(f"account {key[0]} has {n} comments on {key[1]} {key[2]}: "
                            f"{answered[key]} answered + {unanswered[key]} unanswered")
        extra += n - answered[key]
    rows = set()
    for kind, (_, supports, key) in SUPPORTS.items():
        rows |= {(user, kind, item) for user, item in conn.execute(
            text(f"SELECT user_id, {key} FROM {supports}"))}  # noqa: S608
    known_states = 0
    for (account, target), state in out.ledger.items():
        if state is None:
            continue
        known_states += 1
        if ((account, target.kind, target.id) in rows) != state:
            problems.append(f"account {account} {'supports' if state else 'no longer supports'}"
                            f" {target.kind} {target.id} (answered) but the database says "
                            f"otherwise")
    figures = {"comments answered (all found)": len(out.comments),
               "comments stored but unanswered (worker killed)": extra,
               "supports (account, item) checked against answers": known_states,
               "support rows at the end": len(rows)}
    return figures, problems


def responses(out: Outcome) -> tuple[dict, list[str]]:
    """No 5xx; a request left unanswered only when a worker died under it."""
    problems = list(out.wrong_answers)
    statuses = Counter(r.status for r in out.records)
    for status, n in statuses.items():
        if status >= 500:
            problems.append(f"{n} answers with HTTP {status}")
    kill_times = [t for t, _, _ in out.kills]
    unexplained = [r for r in out.records if r.status == 0
                   and not any(r.started <= t <= r.ended for t in kill_times)]
    if unexplained:
        problems.append(f"{len(unexplained)} requests unanswered with no worker killed "
                        f"meanwhile (first: {unexplained[0]})")
    if out.overlapping_bursts == 0:
        problems.append("no double submit was in flight twice at once: the race was not hit")
    ops = Counter(r.op for r in out.records)
    figures = {"requests": len(out.records), "duration": f"{out.duration:.1f} s",
               "requests/s": f"{len(out.records) / max(out.duration, 0.001):.0f}",
               "statuses": dict(sorted(statuses.items())),
               "operations": dict(sorted(ops.items())),
               "double submits (3 at once)": out.bursts,
               "double submits in flight together": out.overlapping_bursts,
               "workers killed (SIGKILL)": len(out.kills),
               "unanswered (in flight on a killed worker)": statuses.get(0, 0)}
    return figures, problems


def shared_limit(bases: list[str], email: str, password: str, limit: int,
                 shared: bool) -> tuple[dict, list[str]]:
    """With POST_LIMIT_PER_ACCOUNT = `limit` per hour, posts alternating between the
    instances are refused (429) from the (limit + 1)th on: one budget, not one each."""
    client = Client(bases[0])
    client.login(email, password)
    token = client.csrf("/proposals/new")
    statuses = []
    for n in range(limit + 3):
        client.base = bases[n % len(bases)]
        statuses.append(client.request("/proposals/new", {"csrf_token": token})[0])
    figures = {"rate limit statuses (alternating instances)": " ".join(map(str, statuses))}
    if not shared:
        return figures, []
    expected_ok = all(s not in (429,) and s < 500 for s in statuses[:limit])
    if not expected_ok or any(s != 429 for s in statuses[limit:]):
        return figures, [f"POST limit {limit}/hour not shared across instances: {statuses}"]
    return figures, []


def workers_back(servers, workers: int, killed: set[int]) -> tuple[dict, list[str]]:
    from bench.common import worker_pids
    from bench.scaleout.load import wait_for_workers

    problems = []
    for n, server in enumerate(servers):
        if not wait_for_workers(server, workers, exclude=killed, timeout=15):
            problems.append(f"instance {n + 1}: workers not all back "
                            f"({worker_pids(server)}, killed {sorted(killed)})")
    return {}, problems
