"""Members of an organization: invitations, join requests, roles, leaving."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from civic.core import permissions
from civic.core.actions import run_action
from civic.core.errors import DomainError
from civic.core.forms import EmptyForm, show_domain_error
from civic.core.permissions import login_required, public
from civic.extensions import db
from civic.organizations import membership, queries
from civic.organizations.forms import InviteForm, JoinRequestForm, RoleForm
from civic.organizations.views import bp


def _managed(slug):
    org = queries.get_organization(slug)
    if not permissions.can_manage_organization(current_user, org):
        abort(403)
    return org


def _members_page(org, invite_form=None):
    return render_template(
        "organizations/members.html", org=org, invite_form=invite_form or InviteForm(),
        join_requests=membership.pending_join_requests(org),
        invitations=membership.pending_invitations(org),
    )


@bp.get("/<slug>/members")
@login_required
def members(slug):
    return _members_page(_managed(slug))


@bp.post("/<slug>/invitations")
@login_required
def invite(slug):
    org = _managed(slug)
    form = InviteForm()
    if form.validate_on_submit():
        try:
            membership.invite_member(current_user, org, form.email.data, form.role.data)
        except DomainError as error:
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("The invitation is sent to %(email)s.", email=form.email.data), "success")
            return redirect(url_for(".members", slug=org.slug))
    return _members_page(org, form)


@bp.post("/<slug>/invitations/<int:invitation_id>/cancel")
@login_required
def cancel_invitation(slug, invitation_id):
    org = _managed(slug)
    invitation = membership.get_invitation(org, invitation_id)
    return run_action(lambda: membership.cancel_invitation(current_user, invitation),
                      _("The invitation is cancelled."), url_for(".members", slug=org.slug))


@bp.get("/invitations/<token>")
@public
def invitation(token):
    invitation = membership.invitation_from_token(token)
    org = invitation.organization
    return render_template("organizations/invitation.html", invitation=invitation, org=org,
                           token=token, form=EmptyForm(),
                           already_member=org.role_of(current_user) is not None)


@bp.post("/invitations/<token>")
@login_required
def accept_invitation(token):
    invitation = membership.invitation_from_token(token)
    org = invitation.organization
    return run_action(lambda: membership.accept_invitation(current_user, invitation),
                      _("Welcome to %(org)s.", org=org.name),
                      url_for(".detail", slug=org.slug))


@bp.route("/<slug>/join", methods=["GET", "POST"])
@login_required
def join(slug):
    org = queries.get_organization(slug)
    form = JoinRequestForm()
    if form.validate_on_submit():
        return run_action(
            lambda: membership.request_to_join(current_user, org, form.message.data or ""),
            _("Your request is sent. The owners of %(org)s will answer by e-mail.",
              org=org.name), url_for(".detail", slug=org.slug))
    return render_template("organizations/join.html", org=org, form=form,
                           join_request=membership.find_join_request(org, current_user))


def _decide(slug, request_id, approve: bool):
    org = _managed(slug)
    join_request = membership.get_join_request(org, request_id)
    name = join_request.user.public_name
    message = (_("%(name)s is now a member.", name=name) if approve
               else _("The request of %(name)s is declined.", name=name))
    return run_action(lambda: membership.decide_join_request(current_user, join_request,
                                                             approve),
                      message, url_for(".members", slug=org.slug))


@bp.post("/<slug>/requests/<int:request_id>/approve")
@login_required
def approve_request(slug, request_id):
    return _decide(slug, request_id, approve=True)


@bp.post("/<slug>/requests/<int:request_id>/reject")
@login_required
def reject_request(slug, request_id):
    return _decide(slug, request_id, approve=False)


@bp.post("/<slug>/members/<int:membership_id>/role")
@login_required
def change_role(slug, membership_id):
    org = _managed(slug)
    member = membership.get_membership(org, membership_id)
    form = RoleForm()
    if not form.validate_on_submit():
        flash(_("Choose owner or member."), "error")
        return redirect(url_for(".members", slug=org.slug))
    return run_action(lambda: membership.change_member_role(current_user, member,
                                                            form.role.data),
                      _("The role of %(name)s is changed.", name=member.user.public_name),
                      url_for(".members", slug=org.slug))


@bp.post("/<slug>/members/<int:membership_id>/remove")
@login_required
def remove_member(slug, membership_id):
    org = _managed(slug)
    member = membership.get_membership(org, membership_id)
    return run_action(lambda: membership.remove_member(current_user, member),
                      _("%(name)s is no longer a member.", name=member.user.public_name),
                      url_for(".members", slug=org.slug))


@bp.post("/<slug>/leave")
@login_required
def leave(slug):
    org = queries.get_organization(slug)
    return run_action(lambda: membership.leave_organization(current_user, org),
                      _("You left %(org)s.", org=org.name), url_for(".detail", slug=org.slug))
