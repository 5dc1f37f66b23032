"""Base forms: CSRF on, whitespace stripped, lengths limited."""
from __future__ import annotations

from flask_wtf import FlaskForm


def _strip(value):
    return value.strip() if isinstance(value, str) else value


# Fields whose value is not a string to strip; FieldList and FormField take no filters at
# all (the fields of their rows are stripped by their own form).
_NOT_STRIPPED = {"PasswordField", "FileField", "MultipleFileField"}
_NO_FILTERS = {"FieldList", "FormField"}


class BaseForm(FlaskForm):
    """Every civic form extends this one."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            name = unbound_field.field_class.__name__
            if name in _NO_FILTERS:
                return unbound_field.bind(form=form, **options)
            filters = list(unbound_field.kwargs.get("filters", []))
            if name not in _NOT_STRIPPED:
                filters.append(_strip)
            return unbound_field.bind(form=form, filters=filters, **options)


class EmptyForm(BaseForm):
    """One-click POST actions (follow, leave, verify, log out): just the CSRF token."""


def show_domain_error(form, error) -> None:
    """Undo the refused action and show its message next to the field it is about
    (or above the form when it is about the whole form)."""
    from civic.extensions import db

    db.session.rollback()
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)
