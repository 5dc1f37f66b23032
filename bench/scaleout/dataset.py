"""A fresh database for the scale-out run: created, migrated, seeded, dropped.

PostgreSQL: a database of its own (`CREATE DATABASE civic_scaleout_<random>`, dropped at
the end). SQLite: a file in a temporary directory. Seeding goes through the models (bulk
INSERTs) so both engines get the same rows.
"""
from __future__ import annotations

import os
import secrets
import subprocess
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, insert
from sqlalchemy.engine import make_url

from bench.common import ROOT

PASSWORD = "Scaleout-password-2026"  # noqa: S105 - throwaway accounts on a throwaway database
# Logging hundreds of people in must not be a password-hashing benchmark: these throwaway
# accounts get a cheap PBKDF2 hash (still one the app verifies like any other).
CHEAP_HASH_METHOD = "pbkdf2:sha256:1000"


@dataclass(frozen=True)
class Target:
    kind: str  # "proposal", "experiment", "amendment", "section"
    id: int

    @property
    def support_path(self) -> str | None:
        prefix = {"proposal": "/proposals", "experiment": "/experiments",
                  "amendment": "/amendments"}.get(self.kind)
        return f"{prefix}/{self.id}/support" if prefix else None

    @property
    def comment_path(self) -> str:
        return f"/comments/{self.kind}/{self.id}"


@dataclass
class Dataset:
    url: str  # what CIVIC_DATABASE_URL gets
    accounts: list[tuple[int, str]] = field(default_factory=list)  # (user id, e-mail)
    limits_account: tuple[int, str] = (0, "")
    targets: list[Target] = field(default_factory=list)

    @property
    def supportable(self) -> list[Target]:
        return [t for t in self.targets if t.support_path]


class Database:
    """Create on enter, drop on exit (PostgreSQL database or SQLite file)."""

    def __init__(self, base_url: str | None, workdir: Path):
        self.base_url = base_url
        self.workdir = workdir
        self.name = f"civic_scaleout_{uuid.uuid4().hex[:8]}"
        self.url = ""

    @property
    def is_postgres(self) -> bool:
        return bool(self.base_url) and self.base_url.startswith("postgres")

    def _admin(self):
        from config import normalize_database_url

        return create_engine(normalize_database_url(self.base_url),
                             isolation_level="AUTOCOMMIT")

    def __enter__(self) -> Database:
        if self.is_postgres:
            engine = self._admin()
            with engine.connect() as conn:
                conn.exec_driver_sql(f'CREATE DATABASE "{self.name}"')
            engine.dispose()
            self.url = make_url(self.base_url).set(database=self.name) \
                .render_as_string(hide_password=False)
        else:
            self.url = f"sqlite:///{self.workdir / 'scaleout.sqlite3'}"
        return self

    def __exit__(self, *exc) -> None:
        if self.is_postgres:
            engine = self._admin()
            with engine.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            engine.dispose()


def migrate(url: str) -> None:
    env = dict(os.environ, CIVIC_DATABASE_URL=url, CIVIC_SECRET_KEY=secrets.token_urlsafe(16))
    result = subprocess.run(  # noqa: S603 - our own flask, fixed arguments
        [str(ROOT / ".venv/bin/flask"), "--app", "wsgi", "db", "upgrade"],
        cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"flask db upgrade failed:\n{result.stderr[-2000:]}")


def seed(url: str, accounts: int, proposals: int = 8, experiments: int = 2,
         amendments: int = 2) -> Dataset:
    """`accounts` confirmed accounts (load1@example.org…), one more for the rate-limit
    check, and open items by another author: proposals, experiments, amendments to a
    section of a published plan, that section itself (comments only)."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session
    from werkzeug.security import generate_password_hash

    import civic.models  # noqa: F401 - every model mapped
    from civic.accounts.models import User
    from civic.accounts.services import fold_display_name
    from civic.amendments.models import Amendment
    from civic.core.models import utcnow
    from civic.experiments.models import Experiment
    from civic.masterplan.models import PlanRevision, RevisionSection, Section
    from civic.proposals.models import Proposal
    from config import normalize_database_url

    # A session of its own (not the app's db.session, which a test may have rebound).
    engine = create_engine(normalize_database_url(url))
    hashed = generate_password_hash(PASSWORD, method=CHEAP_HASH_METHOD)
    now = utcnow()
    dataset = Dataset(url=url)
    with Session(engine) as session:
        names = [f"Charge {n}" for n in range(1, accounts + 1)] + ["Limites", "Autrice"]
        emails = [f"load{n}@example.org" for n in range(1, accounts + 1)] + \
            ["limits@example.org", "author@example.org"]
        session.execute(insert(User), [
            {"email": email, "display_name": name, "display_name_key": fold_display_name(name),
             "password_hash": hashed, "email_confirmed_at": now,
             "session_key": uuid.uuid4().hex, "bio": "", "locale": "en",
             "email_frequency": "never"}
            for email, name in zip(emails, names, strict=True)])
        ids = dict(session.execute(
            select(User.email, User.id).where(User.email.in_(emails))).all())
        author = session.get(User, ids["author@example.org"])

        section = Section(title="Axe montée en charge", slug="axe-montee-en-charge",
                          position=0, body="Le texte de l'axe.")
        session.add(section)
        session.flush()
        revision = PlanRevision(number=1, status="published", summary="v1", published_at=now)
        revision.sections.append(RevisionSection(
            section_id=section.id, position=0, title=section.title, body=section.body))
        session.add(revision)
        items = [Proposal(title=f"Proposition en charge {n}", body="Une proposition.",
                          kind="idea", status="published", author=author, theme=section,
                          reference=f"P-2026-8{n:05d}", published_at=now)
                 for n in range(1, proposals + 1)]
        items += [Experiment(title=f"Expérimentation en charge {n}", status="running",
                             theme=section, description="Une expérimentation.",
                             supports_count=0, comments_count=0, followers_count=0)
                  for n in range(1, experiments + 1)]
        session.add_all(items)
        session.flush()
        amendment_items = [Amendment(section_id=section.id, base_revision_id=revision.id,
                                     author=author, title=f"Amendement en charge {n}",
                                     proposed_body="Un texte nouveau.", supports_count=0,
                                     comments_count=0, followers_count=0)
                           for n in range(1, amendments + 1)]
        session.add_all(amendment_items)
        session.commit()
        for item in items + amendment_items:
            dataset.targets.append(Target(type(item).__name__.lower(), item.id))
        dataset.targets.append(Target("section", section.id))
        dataset.accounts = [(ids[email], email) for email in emails[:accounts]]
        dataset.limits_account = (ids["limits@example.org"], "limits@example.org")
    engine.dispose()
    return dataset
