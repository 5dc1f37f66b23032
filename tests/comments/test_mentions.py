"""@mentions: display names with spaces and accents, longest match, one query."""
from __future__ import annotations

from civic.comments.mentions import mention_groups, mentioned_users
from civic.core.models import utcnow
from tests.factories import make_user


def test_two_word_names_with_accents_in_any_case(db, count_queries):
    elodie = make_user(display_name="Élodie Durand")
    with count_queries() as counter:
        found = mentioned_users("Merci @elodie DURAND, bonne idée !")
    assert found == [elodie]
    assert counter.count == 1


def test_the_longest_matching_name_wins(db):
    make_user(display_name="Jean")
    jean_pierre = make_user(display_name="Jean Pierre Martin")
    assert mentioned_users("Salut @Jean Pierre Martin.") == [jean_pierre]


def test_several_mentions_and_repeats(db):
    anna = make_user(display_name="Anna Lopez")
    bruno = make_user(display_name="Bruno")
    found = mentioned_users("@Anna Lopez et @bruno, puis encore @Anna Lopez")
    assert found == [anna, bruno]


def test_e_mail_addresses_and_unknown_names_are_not_mentions(db):
    make_user(display_name="example")
    assert mentioned_users("Écrivez à contact@example.org") == []
    assert mentioned_users("@Personne Inconnue") == []
    assert mention_groups("pas de mention ici") == []


def test_deleted_accounts_are_never_mentioned(db):
    make_user(display_name="Ancien Compte", deleted_at=utcnow())
    assert mentioned_users("@Ancien Compte") == []


def test_at_most_ten_people(db):
    people = [make_user(display_name=f"Voisin{n}") for n in range(12)]
    body = " ".join(f"@Voisin{n}" for n in range(12))
    assert mentioned_users(body) == people[:10]
