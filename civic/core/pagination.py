"""Pages of results: the page argument, bounded, and a page object templates understand."""
from __future__ import annotations

from dataclasses import dataclass
from math import ceil

from flask import request

MAX_PAGE = 10_000  # past it, LIMIT/OFFSET would overflow the database's integers


def page_argument(name: str = "page") -> int:
    """The page asked for in the query string, between 1 and MAX_PAGE (not a number: 1)."""
    return max(1, min(request.args.get(name, 1, type=int) or 1, MAX_PAGE))


@dataclass
class Page:
    items: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1
