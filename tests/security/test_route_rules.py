"""Every route declares who may use it, and no GET request changes anything."""
from __future__ import annotations

import pytest

from civic.core.permissions import get_access
from tests.security.routes import (
    EXEMPT_ENDPOINTS,
    build_sample_values,
    build_url,
    get_rules,
    record_writes,
)


def test_every_endpoint_declares_an_access_rule(app):
    missing = [
        endpoint for endpoint, view in app.view_functions.items()
        if endpoint not in EXEMPT_ENDPOINTS and get_access(view) is None
    ]
    assert missing == [], f"endpoints without @public/@login_required/@require_role: {missing}"


def test_declared_rules_are_known(app):
    kinds = {get_access(view).kind for endpoint, view in app.view_functions.items()
             if endpoint not in EXEMPT_ENDPOINTS}
    assert kinds <= {"public", "login", "role"}


@pytest.fixture
def sample_values(db_session, admin):
    """One real value for every URL argument name used by a GET route (add new argument
    names to `build_sample_values` in tests/security/routes.py)."""
    return build_sample_values()


def test_get_requests_never_write_to_the_database(app, client, login_as, admin, sample_values):
    login_as(admin)
    unknown_arguments = []
    pages_seen = 0
    with record_writes() as writes:
        for rule in get_rules(app):
            missing = set(rule.arguments) - set(sample_values)
            if missing:
                unknown_arguments.append((rule.rule, sorted(missing)))
                continue
            url = build_url(app, rule, sample_values)
            before = len(writes)
            response = client.get(url)
            assert response.status_code < 500, (url, response.status_code)
            pages_seen += response.status_code == 200
            assert len(writes) == before, f"GET {url} wrote: {writes[before:]}"
    assert pages_seen >= 15, "most GET pages should render for an admin with sample data"
    assert unknown_arguments == [], (
        "add a sample value for these URL arguments in sample_values", unknown_arguments)
