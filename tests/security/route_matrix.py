"""The route matrix: what each role may do on every endpoint (read by test_route_matrix.py,
whose docstring explains the answer classes)."""
from __future__ import annotations

from tests.security.routes import STATE_CHANGING_METHODS

ROLES = ("anonymous", "citizen", "member", "moderator", "staff", "admin")
CHECKED_METHODS = ("GET", *sorted(STATE_CHANGING_METHODS))


def by_role(default: str, **answers: str) -> dict[str, str]:
    unknown = set(answers) - set(ROLES)
    assert not unknown, f"unknown roles {unknown}"
    return {role: answers.get(role, default) for role in ROLES}


# --- shapes of access ---------------------------------------------------------------------
PUBLIC = by_role("ok")
SIGNED_IN = by_role("ok", anonymous="login")
# Pages for visitors who are not signed in (login, signup): signed-in people go home.
GUESTS = by_role("redirect", anonymous="ok")
MODERATORS = by_role("forbidden", anonymous="login", moderator="ok", staff="ok", admin="ok")
STAFF = by_role("forbidden", anonymous="login", staff="ok", admin="ok")
ADMINS = by_role("forbidden", anonymous="login", admin="ok")
# Owners of the organization (the sample owner is no role) and admins; members may not.
ORG_MANAGERS = ADMINS
# The author of the sample item only (the owner account, none of the roles): not even admins.
AUTHOR_ONLY = by_role("forbidden", anonymous="login")
# The person notified (the citizen); for anyone else the notification does not exist.
RECIPIENT = by_role("notfound", anonymous="login", citizen="ok")
# A link sent to the citizen's new e-mail address: the citizen's account only.
CITIZENS_LINK = by_role("forbidden", anonymous="login", citizen="ok")
# API lists with a required query parameter, requested without it.
NEEDS_PARAMETER = by_role("badrequest")
NOT_FOUND = by_role("notfound")


def get(shape: dict) -> dict:
    return {"GET": shape}


def post(shape: dict) -> dict:
    return {"POST": shape}


def get_post(get_shape: dict, post_shape: dict | None = None) -> dict:
    return {"GET": get_shape, "POST": post_shape or get_shape}


MATRIX: dict[str, dict[str, dict[str, str]]] = {
    # accounts
    "accounts.check_inbox": get(PUBLIC),
    # The link is the credential; once confirmed, a visitor is sent to the login page.
    "accounts.confirm": get_post(PUBLIC, by_role("ok", anonymous="login")),
    "accounts.login": get_post(GUESTS, PUBLIC),
    "accounts.logout": post(PUBLIC),
    "accounts.resend_confirmation": post(SIGNED_IN),
    # A new confirmation link asked by address: anyone, the same answer for every address.
    "accounts.resend_request": get_post(PUBLIC),
    "accounts.reset_password": get_post(PUBLIC),  # the link is the credential
    "accounts.reset_request": get_post(PUBLIC),
    "accounts.signup": get_post(GUESTS),
    "profiles.confirm_email": get_post(CITIZENS_LINK),
    "profiles.delete": get_post(SIGNED_IN),
    "profiles.email": get_post(SIGNED_IN),
    "profiles.export": post(SIGNED_IN),
    "profiles.password": get_post(SIGNED_IN),
    "profiles.settings": get(SIGNED_IN),
    "profiles.show": get(PUBLIC),
    "profiles.update_notifications": post(SIGNED_IN),
    "profiles.update_profile": post(SIGNED_IN),
    # site roles and audit
    "admin.grant": post(ADMINS),
    "admin.revoke": post(ADMINS),
    "admin.roles": get(ADMINS),
    "audit.export": get(ADMINS),
    "audit.index": get(ADMINS),
    # pages
    "pages.about": get(PUBLIC),
    "pages.accessibility": get(PUBLIC),
    "pages.home": get(PUBLIC),
    "pages.set_language": post(PUBLIC),
    "stats.index": get(PUBLIC),
    "uploads.serve": get(NOT_FOUND),  # the sample key names no stored file
    # proposals
    "proposals.change_status": post(MODERATORS),
    "proposals.detail": get(PUBLIC),
    "proposals.edit": get_post(AUTHOR_ONLY),
    "proposals.follow": post(SIGNED_IN),
    "proposals.index": get(PUBLIC),
    "proposals.map": get(PUBLIC),
    "proposals.new": get_post(SIGNED_IN),
    "proposals.publish": post(AUTHOR_ONLY),
    "proposals.review_queue": get(MODERATORS),
    "proposals.support": post(SIGNED_IN),
    "proposals.withdraw": post(AUTHOR_ONLY),
    # comments
    "comments.create": post(SIGNED_IN),
    "comments.delete": post(AUTHOR_ONLY),
    "comments.edit": get_post(AUTHOR_ONLY),
    "comments.permalink": get(by_role("redirect")),  # to the comment on its item's page
    "comments.vote": post(SIGNED_IN),
    # moderation
    "moderation.block_user": get_post(MODERATORS),
    "moderation.bulk": post(MODERATORS),
    "moderation.case": get(MODERATORS),
    "moderation.decide": post(MODERATORS),
    "moderation.hide": get_post(MODERATORS),
    "moderation.queue": get(MODERATORS),
    "moderation.report": get_post(SIGNED_IN),
    "moderation.unblock_user": post(MODERATORS),
    # notifications
    "notifications.index": get(SIGNED_IN),
    "notifications.mark_all_read": post(SIGNED_IN),
    "notifications.mark_read": post(RECIPIENT),
    "notifications.open_notification": post(RECIPIENT),
    # the signed link of an e-mail is the credential (see CSRF_EXEMPT)
    "notifications.unsubscribe": get_post(PUBLIC),
    # organizations
    "organizations.accept_invitation": post(SIGNED_IN),  # the link is the credential
    "organizations.approve_request": post(ORG_MANAGERS),
    "organizations.cancel_invitation": post(ORG_MANAGERS),
    "organizations.change_role": post(ORG_MANAGERS),
    "organizations.detail": get(PUBLIC),
    "organizations.edit": get_post(ORG_MANAGERS),
    "organizations.index": get(PUBLIC),
    "organizations.invitation": get(PUBLIC),
    "organizations.invite": post(ORG_MANAGERS),
    "organizations.join": get_post(SIGNED_IN),
    "organizations.leave": post(SIGNED_IN),
    "organizations.members": get(ORG_MANAGERS),
    "organizations.new": get_post(SIGNED_IN),
    "organizations.reject_request": post(ORG_MANAGERS),
    "organizations.remove_member": post(ORG_MANAGERS),
    "organizations.unverify": post(STAFF),
    "organizations.verify": post(STAFF),
    # the master plan
    "masterplan.cite": post(STAFF),
    "masterplan.diff": get(PUBLIC),
    "masterplan.discard": post(STAFF),
    "masterplan.draft": get(STAFF),
    "masterplan.draft_diff": get(STAFF),
    "masterplan.draft_sources": get(STAFF),
    "masterplan.edit_section": get_post(STAFF),
    "masterplan.history": get(PUBLIC),
    "masterplan.index": get(PUBLIC),
    "masterplan.markdown": get(PUBLIC),
    "masterplan.pdf": get(NOT_FOUND),  # PUBLIC when a PDF engine is installed, see below
    "masterplan.print_version": get(PUBLIC),
    "masterplan.publish": post(STAFF),
    "masterplan.revision": get(PUBLIC),
    "masterplan.section": get(PUBLIC),
    "masterplan.start": post(STAFF),
    "masterplan.uncite": post(STAFF),
    # amendments
    "amendments.accept": post(STAFF),
    "amendments.detail": get(PUBLIC),
    "amendments.follow": post(SIGNED_IN),
    "amendments.new": get_post(SIGNED_IN),
    "amendments.reject": post(STAFF),
    "amendments.section_list": get(PUBLIC),
    "amendments.support": post(SIGNED_IN),
    "amendments.withdraw": post(AUTHOR_ONLY),
    # experiments
    "experiments.accept": get_post(MODERATORS),
    "experiments.detail": get(PUBLIC),
    "experiments.edit": get_post(STAFF),
    "experiments.evaluate": get_post(STAFF),
    "experiments.follow": post(SIGNED_IN),
    "experiments.index": get(PUBLIC),
    "experiments.new": get_post(STAFF),
    "experiments.new_update": get_post(STAFF),
    "experiments.start": post(STAFF),
    "experiments.stop": get_post(STAFF),
    "experiments.support": post(SIGNED_IN),
    # staff exports and open data
    "exports.download": post(STAFF),
    "exports.index": get(STAFF),
    "opendata.catalog": get(PUBLIC),
    "opendata.index": get(PUBLIC),
    "opendata.latest": get(NOT_FOUND),  # no package generated in the test's directory
    # the API (read-only, public)
    "api.amendment": get(PUBLIC),
    "api.amendments": get(PUBLIC),
    "api.comment": get(PUBLIC),
    "api.comments": get(NEEDS_PARAMETER),  # `target` is required
    "api.docs": get(PUBLIC),
    "api.experiment": get(PUBLIC),
    "api.experiments": get(PUBLIC),
    "api.master_plan": get(PUBLIC),
    "api.master_plan_diff": get(NEEDS_PARAMETER),  # `from` and `to` are required
    "api.master_plan_revision": get(PUBLIC),
    "api.master_plan_revisions": get(PUBLIC),
    "api.master_plan_section_sources": get(PUBLIC),
    "api.openapi_document": get(PUBLIC),
    "api.organization": get(PUBLIC),
    "api.organizations": get(PUBLIC),
    "api.proposal": get(PUBLIC),
    "api.proposals": get(PUBLIC),
    "api.statistics": get(PUBLIC),
    "api.themes": get(PUBLIC),
}

# The only state-changing route that accepts a request without a CSRF token.
CSRF_EXEMPT = {
    # RFC 8058 one-click unsubscribe: mail providers POST "List-Unsubscribe=One-Click" to
    # the link of the List-Unsubscribe header with no session and no form token; the
    # signed token in the URL is the credential and the only effect is to stop e-mails.
    "notifications.unsubscribe",
}
# Who performs the CSRF check when no role of the matrix may use the route.
CSRF_ACTOR = {endpoint: "owner" for endpoint, methods in MATRIX.items()
              if methods.get("POST") == AUTHOR_ONLY}
