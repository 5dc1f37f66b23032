"""Admins grant and revoke site roles; nobody else can, and every change is audited."""
import pytest
from sqlalchemy import select

from civic.accounts.models import UserRole
from civic.audit.models import AuditEntry
from civic.extensions import db
from tests.factories import make_user
from tests.fixtures.http import text

ADMIN_URLS = ("/admin/roles", "/admin/audit", "/admin/audit.csv")


def follow(client, action, user_id, role):
    """POST a role change, then GET the page it redirects to (where the flash shows)."""
    response = client.post_form(f"/admin/roles/{action}", {"user_id": user_id, "role": role})
    assert response.status_code == 302, response.status_code
    return client.get(response.headers["Location"])


@pytest.mark.parametrize("who", ["citizen", "moderator", "staff"])
@pytest.mark.parametrize("url", ADMIN_URLS)
def test_admin_pages_are_forbidden_to_other_roles(client, login_as, request, who, url):
    login_as(request.getfixturevalue(who))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("who", ["citizen", "moderator", "staff"])
@pytest.mark.parametrize("action", ["grant", "revoke"])
def test_role_changes_are_forbidden_to_other_roles(client, login_as, request, who, action,
                                                   other_citizen):
    user = login_as(request.getfixturevalue(who))
    response = client.post_form(f"/admin/roles/{action}",
                                {"user_id": user.id, "role": "admin"})
    assert response.status_code == 403
    db.session.refresh(user)
    assert "admin" not in user.role_names


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_anonymous_visitors_are_sent_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_anonymous_cannot_post_role_changes(client, citizen):
    response = client.post_form("/admin/roles/grant", {"user_id": citizen.id, "role": "admin"})
    assert response.status_code == 401


def test_admin_sees_role_holders_and_the_sub_navigation(client, admin_en, moderator, staff):
    page = text(client.get("/admin/roles"))
    assert page.count("<h1>") == 1
    assert moderator.display_name in page and staff.display_name in page
    assert 'href="/admin/audit"' in page and 'aria-current="page"' in page


def test_search_by_name_ignores_case_and_accents_and_by_email(client, admin_en):
    make_user(display_name="Élodie Garonne", email="elodie@example.org")
    make_user(display_name="Bastien Capitole", email="bastien.cap@example.org")
    page = text(client.get("/admin/roles?q=elodie"))
    assert "Élodie Garonne" in page and "Bastien Capitole" not in page
    page = text(client.get("/admin/roles?q=BASTIEN.CAP@"))
    assert "Bastien Capitole" in page and "Élodie Garonne" not in page


def test_search_treats_like_wildcards_literally(client, admin_en):
    make_user(display_name="Zoé Pourcent")
    assert "Zoé Pourcent" not in text(client.get("/admin/roles?q=%25"))


def test_search_is_paginated_with_a_constant_number_of_queries(client, admin_en,
                                                               count_queries):
    for n in range(3):
        make_user(display_name=f"Paginé {n}", roles=("moderator",) if n % 2 else ())
    with count_queries() as few:
        assert client.get("/admin/roles?q=pagine").status_code == 200
    for n in range(3, 45):
        make_user(display_name=f"Paginé {n}", roles=("staff",) if n % 2 else ())
    with count_queries() as many:
        response = client.get("/admin/roles?q=pagine")
    assert many.count == few.count
    assert "Page 1 of 3" in text(response)
    second = text(client.get("/admin/roles?q=pagine&page=3"))
    assert "Page 3 of 3" in second
    assert client.get("/admin/roles?page=999").status_code == 200


def test_grant_records_who_and_when(client, admin_en, citizen):
    response = follow(client, "grant", citizen.id, "moderator")
    assert response.status_code == 200
    assert f"{citizen.display_name} is now" in text(response)
    granted = db.session.get(UserRole, (citizen.id, "moderator"))
    assert granted.granted_by_id == admin_en.id and granted.granted_at is not None
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "role.grant")).one()
    assert entry.actor_id == admin_en.id and entry.created_at is not None
    assert (entry.target_type, entry.target_id) == ("users", citizen.id)
    assert entry.before == {"roles": []} and entry.after == {"roles": ["moderator"]}


def test_revoke_removes_the_role_and_is_audited(client, admin_en, staff):
    response = client.post_form("/admin/roles/revoke", {"user_id": staff.id, "role": "staff"})
    assert response.status_code == 302
    db.session.refresh(staff)
    assert staff.role_names == frozenset()
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "role.revoke")).one()
    assert entry.actor_id == admin_en.id
    assert entry.before == {"roles": ["staff"]} and entry.after == {"roles": []}


def test_the_search_is_kept_after_a_change(client, admin_en, citizen):
    response = client.post_form("/admin/roles/grant", {"user_id": citizen.id, "role": "staff",
                                                       "q": "camille"})
    assert response.headers["Location"].endswith("/admin/roles?q=camille")


def test_granting_twice_is_a_clear_message(client, admin_en, moderator):
    response = follow(client, "grant", moderator.id, "moderator")
    assert response.status_code == 200
    assert "already holds the role" in text(response)
    assert db.session.scalar(select(db.func.count()).select_from(UserRole)
                             .where(UserRole.user_id == moderator.id)) == 1
    assert db.session.scalars(select(AuditEntry)).all() == []


def test_revoking_a_role_not_held_is_a_clear_message(client, admin_en, citizen):
    response = follow(client, "revoke", citizen.id, "staff")
    assert "does not hold the role" in text(response)


def test_the_last_admin_cannot_revoke_their_own_admin_role(client, admin_en):
    response = follow(client, "revoke", admin_en.id, "admin")
    assert "You cannot remove the last administrator" in text(response)
    db.session.refresh(admin_en)
    assert "admin" in admin_en.role_names
    assert db.session.scalars(select(AuditEntry)).all() == []


def test_an_admin_may_step_down_when_another_admin_remains(client, admin_en):
    make_user(display_name="Seconde Admin", roles=("admin",))
    response = client.post_form("/admin/roles/revoke", {"user_id": admin_en.id, "role": "admin"})
    assert response.status_code == 302
    db.session.refresh(admin_en)
    assert "admin" not in admin_en.role_names


def test_a_deleted_admin_does_not_count_as_the_remaining_one(client, admin_en):
    from civic.core.models import utcnow

    make_user(display_name="Ancienne Admin", roles=("admin",), deleted_at=utcnow())
    response = follow(client, "revoke", admin_en.id, "admin")
    assert "You cannot remove the last administrator" in text(response)


def test_deleted_accounts_get_no_role(client, admin_en):
    from civic.core.models import utcnow

    gone = make_user(display_name="Compte Supprimé", deleted_at=utcnow())
    response = follow(client, "grant", gone.id, "staff")
    assert "has been deleted" in text(response)
    assert db.session.get(UserRole, (gone.id, "staff")) is None


def test_a_deleted_account_can_lose_its_roles(client, admin_en):
    from civic.core.models import utcnow

    gone = make_user(display_name="Ex Admin", roles=("admin",), deleted_at=utcnow())
    response = client.post_form("/admin/roles/revoke", {"user_id": gone.id, "role": "admin"})
    assert response.status_code == 302
    assert db.session.get(UserRole, (gone.id, "admin")) is None


@pytest.mark.parametrize("role", ["citizen", "superuser", ""])
def test_unknown_role_is_a_400_with_a_message(client, admin_en, citizen, role):
    response = client.post_form("/admin/roles/grant", {"user_id": citizen.id, "role": role})
    assert response.status_code == 400
    assert "Unknown role" in text(response)


def test_unknown_person_is_a_404(client, admin_en):
    response = client.post_form("/admin/roles/grant", {"user_id": 999999, "role": "staff"})
    assert response.status_code == 404


@pytest.mark.parametrize("user_id", ["abc", "", "0", str(2**31), "9" * 30])
def test_missing_or_impossible_person_is_a_400(client, admin_en, user_id):
    response = client.post_form("/admin/roles/grant", {"user_id": user_id, "role": "staff"})
    assert response.status_code == 400
    assert "Choose a person and a role" in text(response)


@pytest.mark.parametrize("page", ["-3", "0", "abc", str(2**63), "9" * 30])
@pytest.mark.parametrize("url", ["/admin/roles", "/admin/audit"])
def test_any_page_number_shows_a_page(client, admin_en, url, page):
    response = client.get(f"{url}?page={page}")
    assert response.status_code == 200
    assert "<h1>" in text(response)


def test_role_changes_need_the_csrf_token(client, admin_en, citizen):
    response = client.post("/admin/roles/grant", data={"user_id": citizen.id, "role": "admin"})
    assert response.status_code == 400
    assert db.session.get(UserRole, (citizen.id, "admin")) is None


def test_role_changes_refuse_get(client, admin_en):
    assert client.get("/admin/roles/grant").status_code == 405


def test_services_refuse_non_admin_actors(app, staff, citizen):
    from civic.admin.services import grant_role, revoke_role
    from civic.core.errors import PermissionDenied

    with app.test_request_context():
        with pytest.raises(PermissionDenied):
            grant_role(staff, citizen, "staff")
        with pytest.raises(PermissionDenied):
            revoke_role(staff, staff, "staff")


def test_a_concurrent_grant_is_a_conflict_not_a_500(app, admin, citizen):
    from civic.admin.services import grant_role
    from civic.core.errors import Conflict
    from civic.core.models import utcnow

    assert citizen.role_names == frozenset()  # loaded before the other request commits
    db.session.execute(UserRole.__table__.insert().values(
        user_id=citizen.id, role="staff", granted_at=utcnow()))
    with app.test_request_context():
        with pytest.raises(Conflict):
            grant_role(admin, citizen, "staff")
    assert db.session.scalars(select(AuditEntry)).all() == []
