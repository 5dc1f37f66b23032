"""Every authorization rule of civic, in one place.

Routes declare their rule with one of the decorators below (a test walks `app.url_map`
and fails on an endpoint without one). Object rules are `can_<verb>_<thing>(user, obj)`
functions; models expose them as `obj.can_<verb>(user)`.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from flask import abort, flash, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

ROLES = ("citizen", "moderator", "staff", "admin")
GRANTABLE_ROLES = ("moderator", "staff", "admin")


@dataclass(frozen=True)
class Access:
    kind: str  # "public", "login", "role"
    roles: tuple[str, ...] = ()

    def describe(self) -> str:
        return self.kind if not self.roles else f"{self.kind}:{','.join(self.roles)}"


def _declare(view, access: Access):
    view.civic_access = access
    return view


def public(view):
    """Anyone may call this endpoint, signed in or not."""
    return _declare(view, Access("public"))


def login_required(view):
    """A signed-in account is needed; anonymous visitors go to the login page."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_authenticated:
            if request.method in ("GET", "HEAD"):  # HEAD answers as GET does
                flash(_l("Please log in to continue."), "info")
                return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
            abort(401)
        return view(*args, **kwargs)

    return _declare(wrapper, Access("login"))


def require_role(*roles: str):
    """A signed-in account holding one of `roles` (admins hold every role)."""
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles: {unknown}")

    def decorator(view):
        inner = login_required(view)

        @wraps(view)
        def wrapper(*args, **kwargs):
            if current_user.is_authenticated and not has_any_role(current_user, roles):
                abort(403)
            return inner(*args, **kwargs)

        return _declare(wrapper, Access("role", tuple(roles)))

    return decorator


def get_access(view) -> Access | None:
    return getattr(view, "civic_access", None)


# --- site roles --------------------------------------------------------------------

def is_signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def has_role(user, role: str) -> bool:
    if not is_signed_in(user):
        return False
    if role == "citizen":
        return True
    held = user.role_names
    return role in held or "admin" in held


def has_any_role(user, roles) -> bool:
    return any(has_role(user, role) for role in roles)


def can_grant_roles(user) -> bool:
    return has_role(user, "admin")


def can_moderate(user) -> bool:
    return has_any_role(user, ("moderator", "staff"))


def is_blocked(user) -> bool:
    return is_signed_in(user) and bool(getattr(user, "is_blocked", False))


def can_contribute(user) -> bool:
    """Post, comment, support, report: signed in and not blocked by the moderators."""
    return is_signed_in(user) and not is_blocked(user)


def blocked_message(user) -> str | None:
    """Why a blocked person cannot contribute, and until when (None if not blocked)."""
    if not is_blocked(user):
        return None
    from flask_babel import format_date
    from flask_babel import gettext as _

    reason = (user.block_reason or "").strip() or _("no reason given")
    if user.blocked_until is not None:
        why = _("Your account is blocked until %(date)s: %(reason)s.",
                date=format_date(user.blocked_until, "long"), reason=reason)
    else:
        why = _("Your account is blocked until the moderators unblock it: %(reason)s.",
                reason=reason)
    return why + " " + _("You can still read everything, but you cannot post, comment, "
                         "support or report until then.")


# --- organizations -------------------------------------------------------------------

def can_verify_organization(user, organization=None) -> bool:
    return has_role(user, "staff")


def can_manage_organization(user, organization) -> bool:
    """Owners edit the organization, invite people and decide on join requests."""
    if not is_signed_in(user):
        return False
    return organization.role_of(user) == "owner" or has_role(user, "admin")


def can_act_for_organization(user, organization) -> bool:
    """Members may publish on behalf of their organization."""
    if not is_signed_in(user):
        return False
    return organization.role_of(user) in ("owner", "member")


def can_request_to_join(user, organization) -> bool:
    if not is_signed_in(user):
        return False
    return organization.role_of(user) is None


def can_leave_organization(user, organization) -> bool:
    """Any member may leave (the service still refuses when they are the last owner)."""
    if not is_signed_in(user):
        return False
    return organization.role_of(user) is not None


# --- proposals -----------------------------------------------------------------------

def _is_author(user, proposal) -> bool:
    return is_signed_in(user) and proposal.author_id == user.id


def can_view_hidden_content(user, item) -> bool:
    """The author and the moderators see hidden or pending content in full; everyone
    else sees a placeholder (hidden) or nothing (pending)."""
    if getattr(item, "moderation", "visible") == "visible":
        return True
    if not is_signed_in(user):
        return False
    from civic.core import content

    content_type = content.type_of(item)  # a profile's "author" is the person
    author_id = (content_type.author_id(item) if content_type is not None
                 else getattr(item, "author_id", None))
    return author_id == user.id or can_moderate(user)


def can_view_proposal(user, proposal) -> bool:
    """Drafts are private to their author; a proposal awaiting the moderators' approval
    is seen by its author and the moderators only; every other one is public (a hidden
    one as a placeholder, see can_view_hidden_content)."""
    if proposal.status == "draft":
        return _is_author(user, proposal)
    if getattr(proposal, "moderation", "visible") == "pending":
        return can_view_hidden_content(user, proposal)
    return True


def can_edit_proposal(user, proposal) -> bool:
    """The author edits until the first answer, support or comment (not while blocked,
    nor once the moderators hid the proposal)."""
    if not _is_author(user, proposal) or is_blocked(user):
        return False
    if getattr(proposal, "moderation", "visible") == "hidden":
        return False
    if proposal.status == "draft":
        return True
    return (proposal.status == "published" and proposal.answered_at is None
            and not proposal.supports_count and not proposal.comments_count)


def can_publish_proposal(user, proposal) -> bool:
    return _is_author(user, proposal) and proposal.status == "draft" and not is_blocked(user)


def can_create_proposal(user) -> bool:
    """Signed-in people who are not blocked write proposals."""
    return can_contribute(user)


def can_withdraw_proposal(user, proposal) -> bool:
    """From any public status before acceptance."""
    return _is_author(user, proposal) and proposal.status in ("published", "under_review")


def can_support_proposal(user, proposal) -> bool:
    """Signed-in, unblocked people other than the author, while the proposal is open."""
    return (can_contribute(user) and not _is_author(user, proposal)
            and proposal.status in ("published", "under_review")
            and getattr(proposal, "moderation", "visible") == "visible")


def can_follow_proposal(user, proposal) -> bool:
    """Anyone signed in follows a public proposal; a hidden or pending one only its
    author and the moderators."""
    return (is_signed_in(user) and proposal.status != "draft"
            and can_view_hidden_content(user, proposal))


def can_review_proposal(user, proposal=None) -> bool:
    """The usage lab (moderators) and the metropolis' staff answer proposals."""
    return has_any_role(user, ("moderator", "staff"))


# --- comments ------------------------------------------------------------------------

def can_comment(user, target) -> bool:
    """Unblocked people comment on visible items that are open for comments."""
    from civic.core import content

    content_type = content.type_of(target)
    if content_type is None or not content_type.commentable or not can_contribute(user):
        return False
    if getattr(target, "moderation", "visible") != "visible":
        return False
    return content_type.comments_closed(target) is None


def can_view_comments_on(user, target) -> bool:
    """The comments of an item are seen where the item is public: never on drafts (even by
    their author), nor on hidden or pending items except by moderators."""
    from civic.core import content

    content_type = content.type_of(target)
    if content_type is None or not content_type.commentable:
        return False
    if getattr(target, "status", None) == "draft":
        return False
    return getattr(target, "moderation", "visible") == "visible" or can_moderate(user)


def can_see_comment(user, comment) -> bool:
    """Pending comments (pre-moderation) are seen by their author and the moderators."""
    if comment.moderation != "pending":
        return True
    return (is_signed_in(user) and comment.author_id == user.id) or can_moderate(user)


def can_edit_comment(user, comment, now=None) -> bool:
    """The author, within the edit window, while the comment is visible and not deleted."""
    from flask import current_app

    from civic.core.models import utcnow

    if not can_contribute(user) or comment.author_id != user.id:
        return False
    if comment.deleted_at is not None or comment.moderation == "hidden":
        return False
    window = current_app.config["COMMENT_EDIT_WINDOW"]
    return (now or utcnow()) - comment.created_at <= window


def can_delete_comment(user, comment) -> bool:
    return (is_signed_in(user) and comment.author_id == user.id
            and comment.deleted_at is None)


def can_vote_comment(user, comment) -> bool:
    return (can_contribute(user) and comment.author_id != user.id
            and comment.deleted_at is None and comment.moderation == "visible")


# --- reports and moderation ----------------------------------------------------------

def can_report(user, target, author_id=None) -> bool:
    """Unblocked people report what others wrote (never their own content)."""
    if not can_contribute(user):
        return False
    return author_id is None or author_id != user.id


def can_block_user(user, person) -> bool:
    """Moderators block participants; never themselves nor anyone holding a site role."""
    return (can_moderate(user) and person is not None and person.id != user.id
            and not person.role_names)


# --- notifications (notifications helper) ---------------------------------------------

def can_open_notification(user, notification) -> bool:
    """Only the person notified sees, opens or marks a notification."""
    return (is_signed_in(user) and notification is not None
            and notification.user_id == user.id)


# --- master plan, experiments, amendments ----------------------------------------------

def can_edit_plan(user) -> bool:
    """The metropolis' staff edit drafts of the master plan and publish them."""
    return has_role(user, "staff")


def can_manage_experiments(user) -> bool:
    """Staff run experiments: create them, post updates, evaluate, stop."""
    return has_role(user, "staff")


def can_decide_amendment(user, amendment=None) -> bool:
    """Staff accept or reject amendments (their text goes into the plan's draft)."""
    return has_role(user, "staff")


# --- amendments (amendments helper) --------------------------------------------------

def can_view_amendment(user, amendment) -> bool:
    """An amendment awaiting the moderators' approval is seen by its author and the
    moderators only; every other one is public (a hidden one as a placeholder)."""
    if getattr(amendment, "moderation", "visible") == "pending":
        return can_view_hidden_content(user, amendment)
    return True


def can_propose_amendment(user, section=None) -> bool:
    """Signed-in, unblocked people propose amendments (the service also asks for a
    confirmed e-mail address and a published plan)."""
    return can_contribute(user)


def can_withdraw_amendment(user, amendment) -> bool:
    """The author, while the amendment waits for the staff's decision."""
    return _is_author(user, amendment) and amendment.status == "pending"


def can_support_amendment(user, amendment) -> bool:
    """Signed-in, unblocked people other than the author, while it is pending and public."""
    return (can_contribute(user) and not _is_author(user, amendment)
            and amendment.status == "pending"
            and getattr(amendment, "moderation", "visible") == "visible")


def can_follow_amendment(user, amendment) -> bool:
    return is_signed_in(user) and can_view_hidden_content(user, amendment)


# --- experiments (experiments helper) --------------------------------------------------

def can_accept_for_experimentation(user, proposal) -> bool:
    """The usage lab and staff turn a published, reviewed or accepted proposal into an
    experiment (the proposal then becomes "experimenting")."""
    return (can_review_proposal(user, proposal)
            and proposal.status in ("published", "under_review", "accepted"))


def can_support_experiment(user, experiment) -> bool:
    """Signed-in, unblocked people support a visible experiment that is not stopped."""
    return (can_contribute(user) and experiment.status != "stopped"
            and getattr(experiment, "moderation", "visible") == "visible")


def can_follow_experiment(user, experiment) -> bool:
    return is_signed_in(user) and can_view_hidden_content(user, experiment)


# --- staff exports (exports helper) ----------------------------------------------------

def can_export(user, kind=None) -> bool:
    """Staff and admins export the platform's data; a kind marked `admin_only` (the
    audit log, whose viewer is for admins) needs an admin."""
    if kind is not None and getattr(kind, "admin_only", False):
        return has_role(user, "admin")
    return has_role(user, "staff")
