"""Ids that come from outside (URLs, forms, query strings) and the guard they pass first.

A tampered id must end in a 404 or 400, never a server error: "²" passes
``str.isdigit`` but not ``int``, and a 30-digit number overflows the column type
(SQLite raises OverflowError; PostgreSQL would too in a raw comparison).
"""

from __future__ import annotations

MAX_PK = 2**63 - 1  # the largest value of a BigAutoField


def parse_pk(value: object) -> int | None:
    """A primary key from outside, or None when the value cannot be one."""
    text = str(value).strip()
    if not text.isascii() or not text.isdigit() or len(text) > 19:
        return None
    number = int(text)
    return number if 0 < number <= MAX_PK else None


class IdConverter:
    """The ``<id:pk>`` path converter: ``<int:>`` limited to what a key column holds,
    so an overlong id in a URL is a 404 before any query runs."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
