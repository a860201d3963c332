"""The document model every reader produces: a file of any format as a list of blocks.

The first pipeline stage (``content.pipeline.read``) turns a text, Markdown, HTML
or PDF file into ``Block`` objects in reading order; every later stage works on
blocks and never looks at the file's format again.

A block is one of:

- ``HEADING``: a heading the source marks as one (an ``<h4>``, a Markdown ``#``
  line, a bold paragraph); ``level`` is the source's own level when it has one
  (1 for ``<h1>`` or ``#``), 0 when it gives none. The outline stage decides the
  level shown to learners.
- ``PARAGRAPH``: prose the source marks as a paragraph.
- ``LIST_ITEM``: one item of a list.
- ``LINE``: a unit of plain text whose role the source does not say (a line, or
  hard-wrapped lines joined); the cleaning stage decides whether it is a
  paragraph, a heading or furniture.
- ``FURNITURE``: text that is not the chapter (navigation, a running header...),
  kept only so that the import can say what it left out; ``reason`` is one of
  ``DROP_REASONS``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = [
    "DROP_REASONS",
    "FURNITURE",
    "HEADING",
    "LINE",
    "LIST_ITEM",
    "PARAGRAPH",
    "Block",
    "ReadResult",
    "word_set",
    "word_total",
]

HEADING = "heading"
PARAGRAPH = "paragraph"
LIST_ITEM = "list_item"
LINE = "line"
FURNITURE = "furniture"

# Why a piece of the file is not part of the chapter's text. The keys are stored
# and exported; the values are what the import summary prints.
DROP_REASONS = {
    "navigation": "navigation",
    "header_footer": "header/footer",
    "front_matter": "before the chapter (title, publication block, teasers)",
    "caption": "caption",
    "back_matter": "back matter",
    "contents": "table of contents",
    "links": "links",
    "notes": "notes",
}

_WORD = re.compile(r"[^\W\d_][\w'’\-]*")


def word_set(text: str, sep: str | None = None) -> frozenset[str]:
    """The words of a space-separated (or ``sep``-separated) list, as a set."""
    return frozenset(part for part in text.split(sep) if part)


def word_total(text: str) -> int:
    """Words with at least one letter in ``text`` (numbers and marks alone do not count)."""
    return len(_WORD.findall(text))


@dataclass(frozen=True)
class Block:
    """One unit of a read document, in reading order.

    ``text`` has its whitespace collapsed (no newlines inside); ``level`` is the
    source's heading level (0 when unknown or not a heading); ``reason`` is set
    for ``FURNITURE`` only.
    """

    kind: str
    text: str
    level: int = 0
    reason: str = ""

    def __post_init__(self) -> None:
        if self.kind == FURNITURE and self.reason not in DROP_REASONS:
            raise ValueError(f"unknown drop reason {self.reason!r}")


@dataclass(frozen=True)
class ReadResult:
    """What a reader found in one file.

    ``format`` is "text", "markdown", "html" or "pdf"; ``hints`` holds what the
    file says about itself outside its body text (``"title"``: an HTML
    ``<title>`` or PDF title; ``"source_url"``), used by the title stage and
    kept as metadata; ``pages`` counts PDF pages (0 for other formats).
    """

    format: str
    blocks: tuple[Block, ...]
    hints: dict[str, str] = field(default_factory=dict)
    pages: int = 0
