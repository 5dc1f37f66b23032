"""Every text field of every form class in civic is attacked by a named test of this folder:
a new StringField/TextAreaField (or subclass: hidden, e-mail, password) without an entry
here fails the suite, like tests/security/route_matrix.py does for routes."""
from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from wtforms import Form, StringField
from wtforms.fields.core import UnboundField

import civic

P = "test_proposals_comments"
X = "test_experiments_plan"
A = "test_accounts_moderation"
Q = "test_queries_redirects"

# "module.Form.field": "test file::test function" that sends the attack strings to it.
FIELDS = {
    "civic.proposals.forms.ProposalForm.title": f"{P}::test_proposal_form_new",
    "civic.proposals.forms.ProposalForm.body": f"{P}::test_proposal_form_edit_and_public_pages",
    "civic.proposals.forms.ProposalForm.address": f"{P}::test_proposal_form_new",
    "civic.proposals.forms.StatusForm.answer": f"{P}::test_status_form_answer_and_internal_note",
    "civic.proposals.forms.StatusForm.internal_note":
        f"{P}::test_status_form_answer_and_internal_note",
    "civic.comments.forms.CommentForm.body": f"{P}::test_comment_form_new_and_reply",
    "civic.comments.forms.CommentForm.parent_id": f"{Q}::test_hidden_fields",
    "civic.moderation.forms.ReportForm.details": f"{A}::test_report_form",
    "civic.moderation.forms.HideForm.reason": f"{A}::test_moderators_forms",
    "civic.moderation.forms.DecisionForm.reason": f"{A}::test_moderators_forms",
    "civic.moderation.forms.BulkForm.reason": f"{A}::test_moderators_forms",
    "civic.moderation.forms.BlockForm.reason": f"{A}::test_moderators_forms",
    "civic.experiments.forms.ExperimentForm.title": f"{X}::test_experiment_form_new_and_edit",
    "civic.experiments.forms.ExperimentForm.description":
        f"{X}::test_experiment_form_new_and_edit",
    "civic.experiments.forms.ExperimentForm.address": f"{X}::test_experiment_form_new_and_edit",
    "civic.experiments.forms.ExperimentForm.proposals":
        f"{X}::test_experiment_linked_proposals_field",
    "civic.experiments.forms.StopForm.reason": f"{X}::test_update_stop_and_evaluation_forms",
    "civic.experiments.forms.UpdateForm.title": f"{X}::test_update_stop_and_evaluation_forms",
    "civic.experiments.forms.UpdateForm.body": f"{X}::test_update_stop_and_evaluation_forms",
    "civic.experiments.forms.EvaluationForm.summary":
        f"{X}::test_update_stop_and_evaluation_forms",
    "civic.experiments.forms.EvaluationForm.lessons":
        f"{X}::test_update_stop_and_evaluation_forms",
    "civic.experiments.forms.IndicatorRow.name": f"{X}::test_update_stop_and_evaluation_forms",
    "civic.experiments.forms.IndicatorRow.unit": f"{X}::test_update_stop_and_evaluation_forms",
    "civic.experiments.forms.IndicatorRow.target": f"{X}::test_update_stop_and_evaluation_forms",
    "civic.experiments.forms.IndicatorRow.measured":
        f"{X}::test_update_stop_and_evaluation_forms",
    "civic.amendments.forms.AmendmentForm.title": f"{X}::test_amendment_form_and_staff_decision",
    "civic.amendments.forms.AmendmentForm.proposed_body":
        f"{X}::test_amendment_form_and_staff_decision",
    "civic.amendments.forms.AmendmentForm.justification":
        f"{X}::test_amendment_form_and_staff_decision",
    "civic.amendments.forms.DecisionForm.answer": f"{X}::test_amendment_form_and_staff_decision",
    "civic.masterplan.forms.SectionTextForm.title": f"{X}::test_section_text_form",
    "civic.masterplan.forms.SectionTextForm.summary": f"{X}::test_section_text_form",
    "civic.masterplan.forms.SectionTextForm.body": f"{X}::test_section_text_form",
    "civic.masterplan.forms.SectionTextForm.objectives": f"{X}::test_section_text_form",
    "civic.masterplan.forms.SectionTextForm.indicators": f"{X}::test_section_text_form",
    "civic.masterplan.forms.SectionTextForm.version": f"{Q}::test_hidden_fields",
    "civic.masterplan.forms.PublishForm.summary": f"{X}::test_sources_and_publication_forms",
    "civic.masterplan.views_sources.SourceForm.note": f"{X}::test_sources_and_publication_forms",
    "civic.masterplan.views_sources.SourceForm.reference":
        f"{X}::test_sources_and_publication_forms",
    "civic.accounts.forms.SignupForm.display_name": f"{A}::test_signup_login_and_reset_forms",
    "civic.accounts.forms.SignupForm.email": f"{A}::test_signup_login_and_reset_forms",
    "civic.accounts.forms.SignupForm.website": f"{A}::test_signup_login_and_reset_forms",
    "civic.accounts.forms.SignupForm.password": f"{A}::test_signup_login_and_reset_forms",
    "civic.accounts.forms.SignupForm.password_confirm": f"{A}::test_signup_login_and_reset_forms",
    "civic.accounts.forms.LoginForm.email": f"{A}::test_signup_login_and_reset_forms",
    "civic.accounts.forms.LoginForm.password": f"{A}::test_signup_login_and_reset_forms",
    "civic.accounts.forms.LoginForm.next": f"{Q}::test_next_redirects_stay_on_the_site",
    "civic.accounts.forms.ResetRequestForm.email": f"{A}::test_signup_login_and_reset_forms",
    "civic.accounts.forms.ResendConfirmationForm.email":
        f"{A}::test_signup_login_and_reset_forms",
    "civic.accounts.forms.ResetPasswordForm.password": f"{Q}::test_hidden_fields",
    "civic.accounts.forms.ResetPasswordForm.password_confirm": f"{Q}::test_hidden_fields",
    "civic.accounts.settings_forms.ProfileForm.display_name":
        f"{A}::test_profile_email_password_and_delete_forms",
    "civic.accounts.settings_forms.ProfileForm.bio":
        f"{A}::test_profile_email_password_and_delete_forms",
    "civic.accounts.settings_forms.PasswordChangeForm.current_password":
        f"{A}::test_profile_email_password_and_delete_forms",
    "civic.accounts.settings_forms.PasswordChangeForm.new_password":
        f"{A}::test_profile_email_password_and_delete_forms",
    "civic.accounts.settings_forms.PasswordChangeForm.confirm_password":
        f"{A}::test_profile_email_password_and_delete_forms",
    "civic.accounts.settings_forms.EmailChangeForm.new_email":
        f"{A}::test_profile_email_password_and_delete_forms",
    "civic.accounts.settings_forms.EmailChangeForm.current_password":
        f"{A}::test_profile_email_password_and_delete_forms",
    "civic.accounts.settings_forms.DeleteAccountForm.password":
        f"{A}::test_profile_email_password_and_delete_forms",
    "civic.organizations.forms.OrganizationForm.name": f"{A}::test_organization_forms",
    "civic.organizations.forms.OrganizationForm.description": f"{A}::test_organization_forms",
    "civic.organizations.forms.OrganizationForm.website": f"{A}::test_organization_forms",
    "civic.organizations.forms.EditOrganizationForm.name": f"{A}::test_organization_forms",
    "civic.organizations.forms.EditOrganizationForm.description":
        f"{A}::test_organization_forms",
    "civic.organizations.forms.EditOrganizationForm.website": f"{A}::test_organization_forms",
    "civic.organizations.forms.InviteForm.email": f"{A}::test_organization_forms",
    "civic.organizations.forms.JoinRequestForm.message": f"{A}::test_organization_forms",
    "civic.organizations.forms.UnverifyForm.reason": f"{A}::test_organization_forms",
    "civic.admin.forms.RoleChangeForm.q": f"{Q}::test_admin_and_audit_filters",
    "civic.audit.forms.AuditFilterForm.actor": f"{Q}::test_admin_and_audit_filters",
}


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def text_fields_of_civic_forms() -> set[str]:
    for module in pkgutil.walk_packages(civic.__path__, "civic."):
        importlib.import_module(module.name)
    found = set()
    for form in _subclasses(Form):
        if not form.__module__.startswith("civic."):
            continue
        for name in dir(form):
            value = getattr(form, name, None)
            if isinstance(value, UnboundField) and issubclass(value.field_class, StringField):
                found.add(f"{form.__module__}.{form.__name__}.{name}")
    return found


def test_every_text_field_of_every_form_is_attacked(app):
    found = text_fields_of_civic_forms()
    assert len(found) > 50  # the walk really finds the forms
    missing = sorted(found - set(FIELDS))
    assert missing == [], ("text fields without an attack test (add them to FIELDS and to "
                           f"a test of tests/security/attacks): {missing}")
    assert sorted(set(FIELDS) - found) == [], "FIELDS names fields that no longer exist"


def test_every_entry_names_a_real_test():
    here = Path(__file__).parent
    wrong = []
    for field_name, where in FIELDS.items():
        module, function = where.split("::")
        source = (here / f"{module}.py")
        if not source.exists() or f"def {function}(" not in source.read_text():
            wrong.append(f"{field_name}: {where}")
    assert wrong == []
