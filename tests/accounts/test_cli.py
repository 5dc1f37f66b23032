"""`flask civic create-user`."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from civic.accounts.models import User
from civic.accounts.passwords import verify_password
from civic.audit.models import AuditEntry
from civic.extensions import db

STRONG = "lanterne-violon-cactus-9"


@pytest.fixture
def run(app):
    runner = app.test_cli_runner()

    def _run(*args, **kwargs):
        return runner.invoke(args=["civic", "create-user", *args], **kwargs)

    return _run


def _user(email):
    return db.session.execute(select(User).where(User.email == email)).scalar_one_or_none()


def test_create_an_admin(run, db_session):
    result = run("--email", "Admin@Example.org", "--display-name", "Première Admin",
                 "--role", "admin", "--password", STRONG)
    assert result.exit_code == 0, result.output
    assert "Created account" in result.output
    user = _user("admin@example.org")
    assert user.role_names == {"admin"}
    assert user.is_confirmed
    assert user.display_name_key == "premiere admin"
    assert verify_password(user.password_hash, STRONG)
    entry = db.session.execute(
        select(AuditEntry).where(AuditEntry.target_id == user.id)).scalar_one()
    assert entry.action == "account.create" and entry.actor_id is None
    assert entry.after["roles"] == ["admin"]


def test_several_roles_and_an_unconfirmed_citizen(run, db_session):
    assert run("--email", "m@example.org", "--display-name", "Modé", "--role", "moderator",
               "--role", "staff", "--password", STRONG).exit_code == 0
    assert _user("m@example.org").role_names == {"moderator", "staff"}
    assert run("--email", "c@example.org", "--display-name", "Citoyen", "--role", "citizen",
               "--unconfirmed", "--locale", "en", "--password", STRONG).exit_code == 0
    citizen = _user("c@example.org")
    assert citizen.role_names == frozenset() and not citizen.is_confirmed
    assert citizen.locale == "en"


def test_the_password_is_prompted_twice_when_not_given(run, db_session):
    result = run("--email", "p@example.org", "--display-name", "Prompted",
                 input=f"{STRONG}\n{STRONG}\n")
    assert result.exit_code == 0, result.output
    assert STRONG not in result.output
    assert verify_password(_user("p@example.org").password_hash, STRONG)


def test_a_mistyped_confirmation_is_asked_again(run, db_session):
    result = run("--email", "p@example.org", "--display-name", "Prompted",
                 input=f"{STRONG}\nother-password-9\n{STRONG}\n{STRONG}\n")
    assert result.exit_code == 0, result.output
    assert _user("p@example.org") is not None


def test_an_invalid_role_is_refused(run, db_session):
    result = run("--email", "x@example.org", "--display-name", "Xavier", "--role", "superuser",
                 "--password", STRONG)
    assert result.exit_code == 2
    assert "superuser" in result.output
    assert _user("x@example.org") is None


@pytest.mark.parametrize(("args", "message"), [
    (["--email", "not-an-email"], "valid e-mail"),
    (["--password", "azertyuiop"], "most common"),
    (["--password", "short"], "at least"),
    (["--display-name", "Camille Citoyenne"], "display name is already used"),
    (["--email", "CAMILLE@example.org"], "already exists"),
    (["--locale", "de"], "--locale"),
])
def test_bad_input_is_refused_with_a_message(run, db_session, args, message):
    from tests.factories import make_user

    make_user(email="camille@example.org", display_name="Camille Citoyenne")
    options = {"--email": "new@example.org", "--display-name": "Nouveau", "--password": STRONG}
    options.update(dict(zip(args[::2], args[1::2], strict=True)))
    result = run(*[part for pair in options.items() for part in pair])
    assert result.exit_code in (1, 2)
    assert message in result.output
    assert _user("new@example.org") is None
