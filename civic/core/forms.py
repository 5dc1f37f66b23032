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


# --- errors, for the error summary and the page title (templates/_macros/forms.html) ---

_SILENT_FIELDS = {"CSRFTokenField", "HiddenField"}  # their errors are not the person's doing
_CHOICE_GROUPS = {"RadioField"}  # one input per option: the summary links to the first


def error_links(form) -> list[tuple[str, str]]:
    """The form's errors as (field id to link to, or "" for the whole form; message):
    whole-form messages first, then each field in order, rows of lists included."""
    links = [("", message) for message in getattr(form, "form_errors", ())]
    for field in form:
        if field.type not in _SILENT_FIELDS and field.errors:
            links += _field_links(field, field.label.text)
    return links


def _field_links(field, label: str) -> list[tuple[str, str]]:
    if field.type in ("FieldList", "FormField"):
        messages = field.errors if field.type == "FieldList" else field.form.form_errors
        links = [(field.id, _labelled(label, m)) for m in messages if isinstance(m, str)]
        for number, entry in enumerate(field, start=1):
            if entry.type == "FormField":
                for sub in entry:
                    if sub.errors:
                        links += _field_links(sub, f"{label} {number}, {sub.label.text}")
            elif entry.errors:
                links += _field_links(entry, f"{label} {number}")
        return links
    target = f"{field.id}-0" if field.type in _CHOICE_GROUPS else field.id
    return [(target, _labelled(label, message)) for message in field.errors]


def _labelled(label: str, message: str) -> str:
    from flask_babel import gettext

    return gettext("%(field)s: %(message)s", field=label, message=message)


def has_visible_errors(form) -> bool:
    """Whether the page shows this form with an error summary."""
    return bool(error_links(form))
