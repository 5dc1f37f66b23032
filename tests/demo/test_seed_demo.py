"""`flask civic seed-demo` fills an empty database with the French demo content."""
import pytest
from sqlalchemy import func, select

from civic.accounts.models import User
from civic.accounts.passwords import password_problem, verify_password
from civic.demo import data
from civic.extensions import db
from civic.masterplan.models import Section
from civic.organizations.models import ORGANIZATION_KINDS, Organization
from tests.factories import make_user


@pytest.fixture
def seed(app):
    runner = app.test_cli_runner()

    def _run(*options):
        return runner.invoke(args=["civic", "seed-demo", *options])

    return _run


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_seeds_an_empty_database(seed):
    result = seed()
    assert result.exit_code == 0, result.output
    db.session.expire_all()

    axes = db.session.scalars(select(Section).where(Section.parent_id.is_(None))
                              .order_by(Section.position)).all()
    assert len(axes) >= 4
    assert [axis.position for axis in axes] == list(range(1, len(axes) + 1))
    projects = db.session.scalars(select(Section).where(Section.parent_id.is_not(None))).all()
    assert len(projects) >= 15
    for section in [*axes, *projects]:
        assert section.title and section.summary and section.body
        assert section.objectives.startswith("- ") and section.indicators.startswith("- ")
    titles = {p.title for p in projects}
    assert {"Navettes autonomes", "Capteurs qualité de l'air",
            "Plateforme de données ouvertes métropolitaine"} <= titles

    organizations = db.session.scalars(select(Organization)).all()
    assert {org.kind for org in organizations} == set(ORGANIZATION_KINDS)
    assert all(any(m.role == "owner" for m in org.memberships) for org in organizations)
    metropolis = next(org for org in organizations if org.slug == "metropole")
    assert metropolis.kind == "public_body" and metropolis.is_verified

    users = db.session.scalars(select(User)).all()
    roles = {role for user in users for role in user.role_names}
    assert {"moderator", "staff", "admin"} <= roles
    assert any(not user.role_names for user in users)  # plain citizens
    assert all(user.is_confirmed for user in users)
    admin = next(user for user in users if "admin" in user.role_names)
    assert verify_password(admin.password_hash, data.DEMO_PASSWORD)

    assert data.DEMO_PASSWORD in result.output
    assert all(spec["email"] in result.output for spec in data.ACCOUNTS)
    assert "+ project Navettes autonomes" in result.output  # progress lines


def test_the_demo_password_passes_the_password_policy(app):
    with app.test_request_context():
        for spec in data.ACCOUNTS:
            assert password_problem(data.DEMO_PASSWORD, email=spec["email"],
                                    display_name=spec["display_name"]) is None


def test_refuses_a_non_empty_database(seed):
    make_user(display_name="Habitante Réelle")
    result = seed()
    assert result.exit_code != 0
    assert "not empty" in result.output and "--force" in result.output
    assert count(Section) == 0


def test_refuses_a_second_run(seed):
    assert seed().exit_code == 0
    result = seed()
    assert result.exit_code != 0 and "not empty" in result.output


def test_if_empty_exits_quietly_when_not_empty(seed):
    db.session.add(Section(slug="axe-existant", title="Axe existant"))
    db.session.commit()
    result = seed("--if-empty")
    assert result.exit_code == 0
    assert result.output.strip() == "database not empty, demo not seeded"
    assert count(User) == 0


def test_if_empty_seeds_an_empty_database(seed):
    assert seed("--if-empty").exit_code == 0
    assert count(User) == len(data.ACCOUNTS)


def test_force_is_idempotent(seed):
    assert seed().exit_code == 0
    totals = (count(User), count(Section), count(Organization))
    result = seed("--force")
    assert result.exit_code == 0, result.output
    assert "nothing new" in result.output
    db.session.expire_all()
    assert (count(User), count(Section), count(Organization)) == totals


def test_force_adds_only_what_is_missing(seed):
    person = make_user(display_name="Camille Durand", email="camille@example.org")
    result = seed("--force")
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert count(User) == len(data.ACCOUNTS) + 1
    # the demo account does not steal a real person's (unique) display name
    demo = db.session.scalars(select(User).where(User.email.like("camille.durand@%"))).one()
    assert demo.display_name != person.display_name


def test_force_and_if_empty_together_is_a_usage_error(seed):
    assert seed("--force", "--if-empty").exit_code == 2


def test_refuses_production_without_an_explicit_flag(app, seed, monkeypatch):
    monkeypatch.setitem(app.config, "ENV_NAME", "production")
    result = seed()
    assert result.exit_code != 0 and "production" in result.output
    assert count(User) == 0
