"""Query-string parameters shared by every list of the API: the same names, bounds and
400 answers everywhere (`{"error": {status, title, detail, parameter}}`, in English)."""
from __future__ import annotations

from collections.abc import Sequence

from flask import jsonify, request
from flask_babel import force_locale
from flask_babel import gettext as _

from civic.core.errors import render_error
from civic.core.pagination import MAX_PAGE, Page
from civic.proposals.queries import NUMBERS

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_ID = 2**31 - 1  # ids are 32-bit integers in the database


class BadParameter(Exception):
    """A query parameter the API refuses; answered as a 400 naming it."""

    def __init__(self, parameter: str, detail: str):
        super().__init__(detail)
        self.parameter = parameter
        self.detail = detail


def bad_parameter(parameter: str, detail: str):
    with force_locale("en"):
        return render_error(400, detail, parameter=parameter)


def not_found(detail: str | None = None):
    with force_locale("en"):
        return render_error(404, detail)


def required(name: str) -> None:
    """Raises BadParameter when the parameter `name` is missing or empty."""
    if not request.args.get(name, "").strip():
        with force_locale("en"):
            raise BadParameter(name, _("The parameter “%(name)s” is required.", name=name))


def whole_number(name: str, default: int | None, high: int, message: str | None = None,
                 low: int = 1) -> int:
    """The parameter `name` as a whole number from `low` to `high`: `default` when it is
    absent (required when `default` is None). Read like /api/v1/proposals reads its
    numbers (Python's int()). Raises BadParameter."""
    raw = request.args.get(name)
    with force_locale("en"):
        if raw is None or (default is None and not raw.strip()):
            if default is None:
                raise BadParameter(name, _("The parameter “%(name)s” is required.",
                                           name=name))
            return default
        try:
            number = int(raw) if len(raw) <= 30 else None
        except ValueError:
            number = None
        if number is not None and low <= number <= high:
            return number
        raise BadParameter(name, message or _("“%(name)s” must be a whole number from 1 to "
                                              "%(n)s.", name=name, n=high))


def choice(name: str, accepted: Sequence[str]) -> str | None:
    """One of `accepted`, or None when the parameter is absent. Raises BadParameter."""
    raw = request.args.get(name, "")
    if not raw:
        return None
    if raw in accepted:
        return raw
    with force_locale("en"):
        raise BadParameter(name, _("“%(name)s” must be one of: %(values)s.", name=name,
                                   values=", ".join(accepted)))


def page_and_size() -> tuple[int, int]:
    """`page` (1 to MAX_PAGE) and `per_page` (1 to 100, default 20), as every list reads
    them (the same messages as /api/v1/proposals). Raises BadParameter."""
    with force_locale("en"):
        page = whole_number("page", 1, MAX_PAGE, str(NUMBERS["page"][1]))
        per_page = whole_number("per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE,
                                str(NUMBERS["per_page"][1]))
    return page, per_page


def page_response(page: Page, serialize, **extra):
    """The one shape of every list: {"items": [...], "page", "per_page", "total"}."""
    return jsonify(items=[serialize(item) for item in page.items], page=page.page,
                   per_page=page.per_page, total=page.total, **extra)


def slice_page(items: list, page: int, per_page: int) -> Page:
    """A page of a list already in memory (short lists: sources, themes)."""
    start = (page - 1) * per_page
    return Page(items=items[start:start + per_page], page=page, per_page=per_page,
                total=len(items))
