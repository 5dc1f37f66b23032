"""Organization rules: create, edit, verify, and whom a person may act for.

Membership rules (invitations, join requests, roles, leaving) live in `membership.py`.
"""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError

from civic.audit.services import record
from civic.core import permissions
from civic.core.errors import Conflict, DomainError, PermissionDenied
from civic.core.models import utcnow
from civic.extensions import db
from civic.organizations.models import ORGANIZATION_KINDS, Membership, Organization
from civic.uploads.services import discard_upload, store_upload

SLUG_MAX = 80
# Path segments under /organizations/ that are routes, not organizations.
RESERVED_SLUGS = {"new", "invitations"}
_TRANSLITERATE = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d",
                                "ð": "d", "þ": "th", "ı": "i"})


def slugify(name: str) -> str:
    """ "Société Générale d'Énergie" -> "societe-generale-d-energie"."""
    text = (name or "").casefold().translate(_TRANSLITERATE)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^a-z0-9]+", "-", text.encode("ascii", "ignore").decode()).strip("-")
    return text[:SLUG_MAX].rstrip("-") or "organization"


def unique_slug(name: str) -> str:
    """The slug of `name`, with -2, -3... appended when it is taken or reserved."""
    base = slugify(name)
    taken = set(db.session.execute(
        select(Organization.slug).where(or_(Organization.slug == base,
                                            Organization.slug.like(f"{base}-%")))
    ).scalars()) | RESERVED_SLUGS
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def is_http_url(url: str) -> bool:
    """An absolute http(s) address with a host and nothing that could break out of it."""
    if not url or len(url) > 300 or any(ord(ch) < 33 or ch in "\\<>\"'`" for ch in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _check_fields(name: str, kind: str, website: str) -> None:
    if not (name or "").strip():
        raise DomainError(_("Give the organization a name."), field="name")
    if kind not in ORGANIZATION_KINDS:
        raise DomainError(_("Choose what kind of organization this is."), field="kind")
    if website and not is_http_url(website):
        raise DomainError(_("Enter the full address of the website, starting with https://"),
                          field="website")


def _store_logo(user, logo_file):
    try:
        return store_upload(logo_file, owner=user, purpose="organization-logo",
                            allowed={"image"},
                            max_bytes=current_app.config["LOGO_MAX_BYTES"])
    except DomainError as exc:
        raise DomainError(exc.message, field="logo_file") from exc


def create_organization(user, *, name: str, kind: str, description: str = "",
                        website: str = "", logo_file=None) -> Organization:
    """Create an organization; its creator becomes its first owner."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Log in to create an organization."))
    name = " ".join((name or "").split())
    _check_fields(name, kind, website)
    logo = _store_logo(user, logo_file) if logo_file else None
    for _attempt in range(5):
        org = Organization(name=name, slug=unique_slug(name), kind=kind,
                           description=description or "", website=website or "",
                           created_by_id=user.id, logo=logo)
        org.memberships.append(Membership(user=user, role="owner"))
        try:
            # Someone may take the same slug at the same moment: try the next one.
            with db.session.begin_nested():
                db.session.add(org)
                db.session.flush()
            return org
        except IntegrityError:
            continue
    raise Conflict(_("Another organization was created with this name at the same moment. "
                     "Try again."))


def update_organization(user, org: Organization, *, name: str, kind: str,
                        description: str = "", website: str = "", logo_file=None,
                        remove_logo: bool = False) -> Organization:
    """Change an organization's details (owners and admins). The slug stays: links keep
    working after a rename."""
    if not permissions.can_manage_organization(user, org):
        raise PermissionDenied(_("Only the owners of this organization can edit it."))
    name = " ".join((name or "").split())
    _check_fields(name, kind, website)
    org.name, org.kind = name, kind
    org.description, org.website = description or "", website or ""
    old_logo = org.logo
    if logo_file:
        org.logo = _store_logo(user, logo_file)
    elif remove_logo:
        org.logo = None
    if org.logo is not old_logo:
        discard_upload(old_logo)  # a replaced logo is no longer served; gone after commit
    db.session.flush()
    return org


def verify_organization(user, org: Organization) -> Organization:
    """Staff confirm that the organization is who it says it is (audited)."""
    if not permissions.can_verify_organization(user, org):
        raise PermissionDenied(_("Only metropolis staff can verify organizations."))
    if org.is_verified:
        raise Conflict(_("This organization is already verified."))
    org.verified_at, org.verified_by_id = utcnow(), user.id
    record(user, "organization.verify", org, after={"verified": True})
    db.session.flush()
    return org


def unverify_organization(user, org: Organization, reason: str = "") -> Organization:
    """Staff withdraw the verified badge (audited)."""
    if not permissions.can_verify_organization(user, org):
        raise PermissionDenied(_("Only metropolis staff can verify organizations."))
    if not org.is_verified:
        raise Conflict(_("This organization is not verified."))
    org.verified_at, org.verified_by_id = None, None
    record(user, "organization.unverify", org, reason=reason,
           before={"verified": True}, after={"verified": False})
    db.session.flush()
    return org


def organizations_user_may_act_for(user) -> list[Organization]:
    """The organizations `user` may publish on behalf of (owner or member), by name."""
    if not getattr(user, "is_authenticated", False) or getattr(user, "id", None) is None:
        return []
    return list(db.session.execute(
        select(Organization).join(Membership)
        .where(Membership.user_id == user.id, Membership.role.in_(("owner", "member")))
        .order_by(Organization.name, Organization.id)
    ).unique().scalars())
