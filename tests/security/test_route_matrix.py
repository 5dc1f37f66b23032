"""Who may use each route: every endpoint of `app.url_map`, for every role, answers as
MATRIX says; a new route without an entry fails the suite. Every state-changing route
refuses a request without a valid CSRF token (one documented exception), and no page
answers 500 to hostile query strings.

Roles: anonymous; citizen (a confirmed account, member of no organization); member (a
member, not an owner, of THE sample organization); moderator; staff; admin. The sample
objects (a proposal, its comment, organization, experiment, amendment, draft of the plan,
moderation case, notification...) are written by an "owner" account that is none of these
roles, so author-only routes are refused to all of them.

Expected answers, by method:
- GET (and HEAD, which must answer like GET): "ok" = 2xx; "redirect" = a redirect within
  the site that is not the login page; "login" = redirect to the login page or 401;
  "forbidden" = 403; "notfound" = 404; "badrequest" = 400.
- POST with a valid CSRF token and EMPTY form data: "login", "forbidden", "notfound" as
  above; "ok" = the request got past authorization: anything but 401/403/404, a login
  redirect or a 5xx (a 400 or a redirect with a message about the missing fields is fine);
  "redirect" = a redirect within the site (e.g. the login form for a signed-in person).
"""
from __future__ import annotations

from urllib.parse import urlencode

import pytest

from civic.extensions import db
from tests.security.route_matrix import (
    CHECKED_METHODS,
    CSRF_ACTOR,
    CSRF_EXEMPT,
    MATRIX,
    NOT_FOUND,
    PUBLIC,
    ROLES,
    STAFF,
    by_role,
    get,
    get_post,
    post,
)
from tests.security.routes import (
    STATE_CHANGING_METHODS,
    Browsers,
    World,
    build_world,
    classify,
    is_on_site,
    record_writes,
    rolled_back,
    routed_endpoints,
)


@pytest.fixture
def world(db, app, monkeypatch, tmp_path):
    monkeypatch.setitem(app.config, "OPEN_DATA_DIR", str(tmp_path / "open-data"))
    return build_world()


@pytest.fixture
def browsers(app, world):
    return Browsers(app, world)


def rules_by_endpoint(app) -> dict:
    return {rule.endpoint: rule for rule in app.url_map.iter_rules()}


def methods_of(rule) -> set[str]:
    return set(rule.methods or ()) & set(CHECKED_METHODS)


def matches(method: str, expected: str, answer: str, code: int) -> bool:
    if method != "GET" and expected == "ok":  # past authorization, whatever the outcome
        return (answer not in ("login", "forbidden", "notfound") and code < 500
                and code != 405 and not answer.startswith("off-site"))
    return answer == expected


def blueprint_of(endpoint: str) -> str:
    return endpoint.split(".", 1)[0]


BLUEPRINTS = sorted({blueprint_of(endpoint) for endpoint in MATRIX})


# --- the tests ---------------------------------------------------------------------------

def test_the_matrix_lists_every_route_and_its_methods(app):
    endpoints = routed_endpoints(app)
    missing, unknown = sorted(endpoints - set(MATRIX)), sorted(set(MATRIX) - endpoints)
    assert set(MATRIX) == endpoints, (
        f"add these endpoints to MATRIX in {__name__}: {missing}; "
        f"remove these endpoints that no longer exist: {unknown}")
    rules = rules_by_endpoint(app)
    wrong = {endpoint: (sorted(methods_of(rules[endpoint])), sorted(MATRIX[endpoint]))
             for endpoint in endpoints if methods_of(rules[endpoint]) != set(MATRIX[endpoint])}
    assert wrong == {}, "endpoint: (methods of the route, methods in MATRIX)"
    for endpoint, methods in MATRIX.items():
        for method, shape in methods.items():
            assert set(shape) == set(ROLES), (endpoint, method)


def _check_endpoint(app, world, browsers, endpoint, expectations=None) -> list[str]:
    from civic.masterplan.exports import pdf_available

    url = world.url(app, rules_by_endpoint(app)[endpoint])
    expectations = dict(expectations or MATRIX[endpoint])
    if endpoint == "masterplan.pdf" and pdf_available():
        expectations["GET"] = PUBLIC
    wrong = []
    for role in ROLES:
        for method, shape in expectations.items():
            client = browsers.client(role)
            if method == "GET":
                with rolled_back(), record_writes() as writes:
                    head = client.head(url)
                if writes:
                    wrong.append(f"HEAD {url} as {role} wrote: {writes}")
            with rolled_back():
                if method == "GET":
                    response = client.get(url)
                    if head.status_code != response.status_code:
                        wrong.append(f"HEAD {url} as {role}: {head.status_code}, "
                                     f"GET gave {response.status_code}")
                else:
                    response = client.open(url, method=method,
                                           data={"csrf_token": browsers.token})
            answer = classify(response)
            if not matches(method, shape[role], answer, response.status_code):
                wrong.append(f"{method} {url} as {role}: expected {shape[role]}, got "
                             f"{answer} ({response.status_code} "
                             f"{response.headers.get('Location', '')})")
    return wrong


@pytest.mark.parametrize("blueprint", BLUEPRINTS)
def test_each_role_gets_the_expected_answer(app, world, browsers, blueprint):
    """GET and HEAD as MATRIX says (HEAD never writes); a POST with a valid token and
    empty data is refused to the roles MATRIX refuses, and gets past the others."""
    wrong = []
    for endpoint in sorted(e for e in MATRIX if blueprint_of(e) == blueprint):
        wrong += _check_endpoint(app, world, browsers, endpoint)
    assert wrong == [], "\n".join(wrong)


STATE_CHANGING = sorted(endpoint for endpoint, methods in MATRIX.items()
                        if set(methods) & STATE_CHANGING_METHODS)


def _authorized_role(endpoint: str, method: str) -> str:
    if endpoint in CSRF_ACTOR:
        return CSRF_ACTOR[endpoint]
    shape = MATRIX[endpoint][method]
    return next((role for role in reversed(ROLES) if shape[role] == "ok"), "owner")


def test_state_changing_routes_refuse_a_missing_or_forged_csrf_token(app, world, browsers):
    """Signed in as someone allowed to use it, a POST without the form's token (or with a
    forged one) answers 400 "Form expired" and writes nothing."""
    rules = rules_by_endpoint(app)
    wrong = []
    for endpoint in STATE_CHANGING:
        url = world.url(app, rules[endpoint])
        for method in sorted(set(MATRIX[endpoint]) & STATE_CHANGING_METHODS):
            role = _authorized_role(endpoint, method)
            for data in ({}, {"csrf_token": "forged-token"}):
                client = browsers.client(role)  # its session holds a valid secret
                with rolled_back(), record_writes() as writes:
                    response = client.open(url, method=method, data=data,
                                           headers={"Accept-Language": "en"})
                where = f"{method} {url} as {role} with {data or 'no token'}"
                if endpoint in CSRF_EXEMPT:
                    if response.status_code == 400:
                        wrong.append(f"{where}: 400, but {endpoint} is in CSRF_EXEMPT")
                    continue
                if (response.status_code != 400
                        or "Form expired" not in response.get_data(as_text=True)):
                    wrong.append(f"{where}: {response.status_code}, not the CSRF refusal")
                if writes:
                    wrong.append(f"{where} wrote: {writes}")
    assert wrong == [], "\n".join(wrong)


def test_the_only_csrf_exemption_is_one_click_unsubscribe():
    assert CSRF_EXEMPT == {"notifications.unsubscribe"}
    assert CSRF_EXEMPT <= set(STATE_CHANGING)


ATTACKS = {
    "page": "<script>alert(1)</script>",
    "per_page": "-1",
    "sort": "../../etc/passwd",
    "next": "https://evil.example/",
    "q": "' OR 1=1 --",
    "theme": "1 UNION SELECT password_hash FROM users",
    "status": "{{7*7}}",
    "kind": "%s%s%s%n",
    "section": "99999999999999999999999",
    "partner": "-0",
    "tab": "javascript:alert(1)",
    "verified": "[]",
    "from": "v-1",
    "to": "v99999999999999999999",
    "target": "proposal:abc",
    "date_from": "2026-13-45",
    "date_to": "0000-00-00",
    "action": "\u202e\ufeff",
    "actor": "a" * 5000,
    "threshold": "NaN",
    "format": "../../../../etc/passwd",
    "lang": "xx-<script>",
}
HOSTILE_QUERIES = (urlencode(ATTACKS), "next=//evil.example/&page=%ff%fe&page=2&sort=%E2%80%AE",
                   "q=%00")


def test_pages_survive_hostile_query_strings(app, world, browsers):
    """Every page, opened by the roles that may see it (one per kind of answer), never
    answers 500 to hostile query parameters, and a redirect never leaves the site."""
    rules = rules_by_endpoint(app)
    problems = []
    for endpoint, methods in sorted(MATRIX.items()):
        shape = methods.get("GET") or {}
        one_per_answer = {shape[role]: role for role in reversed(ROLES)
                          if shape.get(role) in ("ok", "redirect")}
        base = world.url(app, rules[endpoint])
        for role in one_per_answer.values():
            client = browsers.client(role)
            for query in HOSTILE_QUERIES:
                url = f"{base}{'&' if '?' in base else '?'}{query}"
                with rolled_back():
                    response = client.get(url)
                location = response.headers.get("Location", "")
                if response.status_code >= 500:
                    problems.append(f"GET {url} as {role}: {response.status_code}")
                elif location and not is_on_site(location):
                    problems.append(f"GET {url} as {role}: redirects to {location}")
    assert problems == [], "\n".join(problems)


# --- items hidden from most roles ----------------------------------------------------------
# A draft proposal exists for its author only; an amendment awaiting the moderators'
# approval for its author and the moderators. The same routes as above, on such items.
SIGNED_IN_NOT_FOUND = by_role("notfound", anonymous="login")
SEEN_BY_MODERATORS = by_role("notfound", moderator="ok", staff="ok", admin="ok")
SIGNED_IN_SEEN_BY_MODERATORS = {**SEEN_BY_MODERATORS, "anonymous": "login"}
HIDDEN_MATRIX: dict[str, dict[str, dict[str, dict[str, str]]]] = {
    "draft proposal": {
        "proposals.detail": get(NOT_FOUND),
        "proposals.edit": get_post(SIGNED_IN_NOT_FOUND),
        "proposals.publish": post(SIGNED_IN_NOT_FOUND),
        "proposals.support": post(SIGNED_IN_NOT_FOUND),
        "proposals.follow": post(SIGNED_IN_NOT_FOUND),
        "proposals.withdraw": post(SIGNED_IN_NOT_FOUND),
        "api.proposal": get(NOT_FOUND),
        "comments.create": post(SIGNED_IN_NOT_FOUND),
        "moderation.report": get_post(SIGNED_IN_NOT_FOUND),
        "experiments.accept": get_post(by_role("notfound", anonymous="login",
                                               citizen="forbidden", member="forbidden")),
    },
    "pending amendment": {
        "amendments.detail": get(SEEN_BY_MODERATORS),
        "api.amendment": get(NOT_FOUND),  # the API only ever shows visible items
        # moderators get past authorization, then the rule refuses with a message
        "amendments.support": post(SIGNED_IN_SEEN_BY_MODERATORS),
        "amendments.follow": post(SIGNED_IN_SEEN_BY_MODERATORS),
        "amendments.accept": post(STAFF),
    },
}


def _hidden_values(world: World, case: str) -> dict:
    from civic.amendments.models import Amendment
    from tests.factories import make_proposal

    owner = world.users["owner"]
    if case == "draft proposal":
        draft = make_proposal(author=owner, status="draft", title="A draft nobody else sees")
        return {"proposal_id": draft.id, "target_type": "proposal", "target_id": draft.id}
    amendment = db.session.get(Amendment, world.values["amendment_id"])
    amendment.moderation = "pending"
    db.session.commit()
    return {}


@pytest.mark.parametrize("case", sorted(HIDDEN_MATRIX))
def test_hidden_items_are_not_found(app, world, browsers, case):
    world.values.update(_hidden_values(world, case))
    wrong = []
    for endpoint, expectations in HIDDEN_MATRIX[case].items():
        wrong += _check_endpoint(app, world, browsers, endpoint, expectations)
    assert wrong == [], "\n".join(wrong)
