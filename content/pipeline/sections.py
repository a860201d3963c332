"""Sections: the body's blocks laid out as cleaned text, cut at each heading.

The cleaned text is the body only, paragraphs and headings joined by a blank
line. The untitled opening is the "Overview" section; each heading starts a
new section that runs from the heading to the end of its last paragraph.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from .blocks import HEADING, Block
from .types import Section

__all__ = ["OVERVIEW", "Layout", "PlacedParagraph", "lay_out"]

OVERVIEW = "Overview"
SEPARATOR = "\n\n"


@dataclass(frozen=True)
class PlacedParagraph:
    number: int  # 0-based among the report's paragraphs (headings not counted)
    section_order: int
    start: int  # offset in the cleaned text
    text: str


@dataclass(frozen=True)
class Layout:
    cleaned_text: str
    sections: tuple[Section, ...]
    paragraphs: tuple[PlacedParagraph, ...]


def lay_out(blocks: Sequence[Block]) -> Layout:
    """Join the blocks into the cleaned text and find each section's span."""
    pieces: list[str] = []
    offset = 0
    sections: list[Section] = []
    paragraphs: list[PlacedParagraph] = []
    for block in blocks:
        if pieces:
            pieces.append(SEPARATOR)
            offset += len(SEPARATOR)
        start, end = offset, offset + len(block.text)
        if block.kind == HEADING:
            sections.append(
                Section(
                    order=len(sections),
                    heading=block.text,
                    start=start,
                    end=end,
                    level=block.level or 1,
                )
            )
        else:
            if not sections:
                sections.append(Section(order=0, heading=OVERVIEW, start=start, end=end))
            # The section grows to take in each of its paragraphs.
            sections[-1] = replace(sections[-1], end=end)
            paragraphs.append(
                PlacedParagraph(len(paragraphs), len(sections) - 1, start, block.text)
            )
        pieces.append(block.text)
        offset = end
    return Layout("".join(pieces), tuple(sections), tuple(paragraphs))
