"""The outline: which headings are sections and which are sub-sections.

Reports mark their outline in words more reliably than in markup (a State
Department scrape gives every heading the same ``####``), so the level comes
from the heading's own form first:

- "Section 1. Respect for ..." and a heading in capitals ("HUMAN RIGHTS
  DEVELOPMENTS", "RESPECT FOR HUMAN RIGHTS") are sections (level 1);
- a lettered heading ("a. Arbitrary Deprivation of Life") is a sub-section (2);
- any other heading sits one level below the last numbered, capitalised or
  lettered heading above it ("Women" under "Section 5", "European Union" under
  "THE ROLE OF THE INTERNATIONAL COMMUNITY", "Trial Procedures" under "e."), or
  at level 1 when there is none above it ("Executive Summary", or every heading
  of a chapter that numbers nothing);
- when the markup has levels that differ (``###`` and ``####``, ``<h2>`` and
  ``<h3>``) and the words say nothing, the markup's order decides.

Levels are capped at 3. Two repairs come first: a heading hard-wrapped over two
lines is joined, and a sub-heading run into its paragraph's first words
("Freedom of Association and Collective Bargaining The law ...") is split off.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from .blocks import HEADING, PARAGRAPH, Block, word_set
from .read_text import FUNCTION_WORDS, OUTLINE_MARK, is_title_case
from .sentences import sentence_spans

__all__ = ["MAX_LEVEL", "outline"]

MAX_LEVEL = 3
_SECTION = re.compile(r"^[Ss]ection\s+\d+\b")
_LETTERED = re.compile(r"^[a-z]\.\s")
# Words that begin a sentence right after a run-in heading, and never follow a
# capitalised name inside one.
_RUN_IN_STARTERS = word_set(
    "The There These This According Although Authorities During In On See While No "
    "Police Several Many Some Officials Government Between Since Under"
)
_WORD = re.compile(r"\S+")
_HEADING_WIDTH = 0.7


def outline(blocks: Sequence[Block], *, wrap_width: int | None = None) -> list[Block]:
    """The body's blocks with wrapped headings joined, run-in headings split off,
    and every heading's ``level`` set to its outline level (1..MAX_LEVEL)."""
    blocks = list(blocks)
    if wrap_width:
        blocks = _join_wrapped_headings(blocks, wrap_width)
    blocks = _split_run_in_headings(blocks)
    return _assign_levels(blocks)


def _join_wrapped_headings(blocks: list[Block], wrap_width: int) -> list[Block]:
    """Join a heading cut by the line width to its second line.

    The cut is told by the words (the first line ends on "or", "the", a comma),
    or by the width: the second line's first word would not have fit on the
    first. Headings are set larger than the text, so their lines are shorter:
    measured on State Department PDFs, about 0.7 of the text's wrap width.
    """
    width = round(_HEADING_WIDTH * wrap_width)
    out: list[Block] = []
    for block in blocks:
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.kind == HEADING
            and block.kind == HEADING
            and not OUTLINE_MARK.match(block.text)
            and _cut(previous.text, block.text, width)
        ):
            out[-1] = replace(previous, text=f"{previous.text} {block.text}")
            continue
        out.append(block)
    return out


def _cut(first: str, second: str, width: int) -> bool:
    last = first.split()[-1]
    if last.casefold() in FUNCTION_WORDS or first.endswith((",", "-")) or second[0].islower():
        return True
    return len(first) + 1 + len(second.split()[0]) > width


def _split_run_in_headings(blocks: list[Block]) -> list[Block]:
    """Split sub-headings run into paragraphs off, at the paragraph's start or after any of
    its sentences (a PDF parsed into one paragraph per sub-section runs them in mid-way).

    A one-off fragment that only repeats the end of the heading above it ("Punishment"
    after "... Degrading Treatment or Punishment") is the tail of that wrapped heading:
    its words are dropped from the paragraph, not made a heading of their own.
    """
    out: list[Block] = []
    for block in blocks:
        if block.kind != PARAGRAPH:
            out.append(block)
            continue
        text = block.text
        while True:
            found = _run_in(text)
            if found is None:
                out.append(replace(block, text=text))
                break
            start, end = found
            if text[:start].strip():
                out.append(replace(block, text=text[:start].rstrip()))
            head = text[start:end].strip()
            above = out[-1].text if out and out[-1].kind == HEADING else ""
            if not (above and not text[:start].strip() and above.endswith(" " + head)):
                out.append(Block(HEADING, head))
            text = text[end:].lstrip()
    return out


def _run_in(text: str) -> tuple[int, int] | None:
    """(start, end) of the first run-in sub-heading in a paragraph, or None."""
    for start, _ in [(0, 0), *sentence_spans(text)]:
        end = _run_in_end(text[start:])
        if end is not None:
            return start, start + end
    return None


def _run_in_end(text: str) -> int | None:
    """Where a sub-heading run into the paragraph ends, or None.

    "Child Labor See the Department ..." -> the offset of "See": a run of
    capitalised words (function words allowed) followed by a word that starts
    sentences and never continues a name.
    """
    words = list(_WORD.finditer(text[:200]))
    for n, match in enumerate(words[1:13], start=1):
        if match[0] in _RUN_IN_STARTERS:
            head = text[: match.start()].strip()
            if (
                is_title_case(head)
                and head.split()[-1].casefold() not in FUNCTION_WORDS
                and not head.endswith((",", ":", ";"))
                and not any(ch in head for ch in '.?!"“”()')
                and n <= 12
            ):
                return match.start()
            return None
    return None


def _form_level(text: str) -> int | None:
    if _SECTION.match(text):
        return 1
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) >= 4 and text.isupper():
        return 1
    if _LETTERED.match(text):
        return 2
    return None


def _assign_levels(blocks: list[Block]) -> list[Block]:
    markup = sorted({b.level for b in blocks if b.kind == HEADING and b.level})
    markup_rank = {level: rank for rank, level in enumerate(markup, start=1)}
    has_forms = any(_form_level(b.text) for b in blocks if b.kind == HEADING)
    out: list[Block] = []
    anchor = 0  # the level of the last heading whose form gave its level
    for block in blocks:
        if block.kind != HEADING:
            out.append(block)
            continue
        level = _form_level(block.text)
        if level is not None:
            anchor = level
        elif has_forms or len(markup) < 2:
            level = anchor + 1 if anchor else 1
        else:
            level = markup_rank[block.level] if block.level else len(markup)
        out.append(replace(block, level=min(level, MAX_LEVEL)))
    return out
