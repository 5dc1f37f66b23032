"""Password hashing and policy."""
from __future__ import annotations

import pytest

from civic.accounts.passwords import (
    common_passwords,
    hash_password,
    password_problem,
    verify_nothing,
    verify_password,
)


@pytest.fixture(autouse=True)
def english(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


def test_passwords_are_hashed_with_scrypt_and_salted(app):
    first, second = hash_password("cheval-batterie-agrafe"), hash_password("cheval-batterie-agrafe")
    assert first.startswith("scrypt:") and first != second
    assert "cheval" not in first
    assert verify_password(first, "cheval-batterie-agrafe")
    assert not verify_password(first, "cheval-batterie-agrafE")


@pytest.mark.parametrize(("stored", "given"), [(None, "x"), ("", "x"), ("scrypt:x", "")])
def test_missing_hash_or_password_never_verifies(stored, given):
    assert verify_password(stored, given) is False


def test_the_timing_decoy_never_matches(app):
    assert verify_nothing("anything") is False
    assert verify_nothing("") is False


@pytest.mark.parametrize("password", [
    "password1234", "azertyuiop", "1234567890", "motdepasse1", "Soleil2024!", "qwertyuiop",
    "iloveyou12", "Azerty1234", "football10",
])
def test_common_passwords_are_refused(app, password):
    problem = password_problem(password)
    assert problem and "most common" in problem


def test_the_common_list_is_large(app):
    assert len(common_passwords()) > 10_000


def test_minimum_length_comes_from_config(app, monkeypatch):
    assert "at least 10" in password_problem("a8#Kp2!x")
    monkeypatch.setitem(app.config, "PASSWORD_MIN_LENGTH", 6)
    assert password_problem("a8#Kp2!x") is None


def test_very_long_and_repetitive_passwords_are_refused(app):
    assert "at most 200" in password_problem("ab1-" * 60)
    assert "repeats too few" in password_problem("abababababab")


def test_passwords_containing_the_name_or_address_are_refused(app):
    assert password_problem("dominique-2024-xyz", email="dominique@example.org")
    assert password_problem("x-camille-martin-x", display_name="Camille-Martin")
    assert password_problem("x-bob-1234-long", email="bob@example.org") is None  # too short


@pytest.mark.parametrize("password", ["lanterne-violon-cactus-9", "Tr3s-bon mot de passe"])
def test_good_passwords_are_accepted(app, password):
    assert password_problem(password, email="camille@example.org",
                            display_name="Camille") is None
