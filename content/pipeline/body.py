"""The chapter's body among the blocks a reader found, and what was left out.

Rules about the shape of report pages and files, not about any one chapter:

- the body starts at the first real prose paragraph (several sentences, or a
  sentence followed by more prose) that is not a photo caption; headings right
  before it ("Executive Summary", "HUMAN RIGHTS DEVELOPMENTS", "Section 1.")
  belong to it, the title and publication block before them do not;
- inside the body, a prose line is a paragraph; a short heading-like line
  followed by text, or a line that opens a report outline ("Section 2.",
  "b. Disappearance"), is a heading; captions, credits and navigation words are
  furniture;
- the body ends at trailing web chrome (share links, "Related content"), at end
  matter a reader marked ("[end of document]"), or at a run of short lines that
  are neither prose nor headings (the teasers after a web article).

Everything outside the body is kept as ``Dropped`` with its reason, so the
import can say exactly what it left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .blocks import FURNITURE, HEADING, LINE, LIST_ITEM, PARAGRAPH, Block, word_set
from .clean import (
    ends_sentence,
    is_chrome,
    is_credit,
    is_heading_like,
    is_paragraph,
    is_trailer,
    word_count,
)
from .read_text import OUTLINE_MARK, is_title_case
from .sentences import split_sentences

__all__ = ["Body", "Dropped", "find_body", "opens_outline"]

# A run of this many unknown short lines inside the body ends it.
_MAX_SHORT_RUN = 3
# Section names that open a report's body ("Executive Summary" above its first paragraph).
_OPENING_HEADINGS = word_set(
    (
        "executive summary|summary|overview|introduction|human rights developments|"
        "key findings|background"
    ),
    "|",
)
_DATE_LINE = re.compile(
    r"^(?:\d{4}|(?:[A-Z][a-z]+\.? \d{1,2}, \d{4})|(?:\d{1,2} [A-Z][a-z]+ \d{4}))$"
)


@dataclass(frozen=True)
class Dropped:
    """A piece of the file left out of the chapter's text, with why (a ``DROP_REASONS`` key)."""

    text: str
    reason: str


@dataclass(frozen=True)
class Body:
    """``blocks``: the body as HEADING / PARAGRAPH / LIST_ITEM blocks; ``front``: the
    blocks before it (where the title is); ``dropped``: everything left out."""

    blocks: tuple[Block, ...]
    front: tuple[Block, ...]
    dropped: tuple[Dropped, ...]


def opens_outline(text: str) -> bool:
    """Whether a line opens a heading of a report's outline ("Section 2.", "b. Disappearance")."""
    return bool(OUTLINE_MARK.match(text)) and word_count(text) <= 30 and not ends_sentence(text)


def find_body(
    blocks: Sequence[Block], *, is_title: Callable[[str], bool], stacked_headings: bool = True
) -> Body | None:
    """Split the blocks into front matter, body and what is dropped; None when there is no prose.

    ``is_title(text)`` tells a title line ("Kenya", "Ghana 2024 Human Rights
    Report"), where the headings that open the body stop. ``stacked_headings``
    lets an unmarked line be a heading above a sub-heading; it is off for text
    copied from a web page, where a run of short lines is teasers, not an outline.
    """
    start = _body_start(blocks)
    if start is None:
        return None
    start = _take_opening_headings(blocks, start, is_title)
    body, end = _body_blocks(blocks, start, 2 if stacked_headings else 0)
    dropped = [_drop(b, "front_matter") for b in blocks[:start]]
    dropped += [d for d in body if isinstance(d, Dropped)]
    dropped += [_drop(b, "back_matter") for b in blocks[end:]]
    kept = tuple(b for b in body if isinstance(b, Block))
    return Body(blocks=kept, front=tuple(blocks[:start]), dropped=tuple(dropped))


def _drop(block: Block, default: str) -> Dropped:
    if block.kind == FURNITURE:
        return Dropped(block.text, block.reason)
    if is_credit(block.text):
        return Dropped(block.text, "caption")
    if is_chrome(block.text):
        return Dropped(block.text, "navigation")
    return Dropped(block.text, default)


def _is_text(block: Block) -> bool:
    return block.kind in (LINE, PARAGRAPH, LIST_ITEM)


def _is_caption(blocks: Sequence[Block], i: int) -> bool:
    return i + 1 < len(blocks) and is_credit(blocks[i + 1].text)


def _opens_body(blocks: Sequence[Block], i: int) -> bool:
    block = blocks[i]
    text = block.text
    if not _is_text(block) or not ends_sentence(text) or _is_caption(blocks, i):
        return False
    if not is_paragraph(text):
        return False
    words = word_count(text)
    if words >= 10 and len(split_sentences(text)) >= 2:
        return True
    following = blocks[i + 1] if i + 1 < len(blocks) else None
    return (
        words >= 8
        and following is not None
        and _is_text(following)
        and is_paragraph(following.text)
        and not _is_caption(blocks, i + 1)
    )


def _body_start(blocks: Sequence[Block]) -> int | None:
    for i in range(len(blocks)):
        if _opens_body(blocks, i):
            return i
    # A chapter of one short paragraph: any prose line that is not a caption.
    for i, block in enumerate(blocks):
        text = block.text
        if (
            _is_text(block)
            and ends_sentence(text)
            and word_count(text) >= 8
            and not _is_caption(blocks, i)
            and not is_chrome(text)
            and not is_credit(text)
        ):
            return i
    return None


def _is_opening_heading(block: Block) -> bool:
    text = block.text
    if block.kind == HEADING:
        return True
    if block.kind != LINE or _DATE_LINE.match(text) or not is_heading_like(text):
        return False
    return (
        opens_outline(text)
        or text.casefold() in _OPENING_HEADINGS
        or (text.isupper() and word_count(text) >= 2)
    )


def _take_opening_headings(blocks: Sequence[Block], start: int, is_title) -> int:
    """Move the start back over the headings right above the first paragraph.

    Furniture between them (an in-page contents list) is passed over, never taken
    as the start; a title line stops the walk.
    """
    i = j = start
    while j > 0:
        previous = blocks[j - 1]
        j -= 1
        if previous.kind == FURNITURE:
            continue
        if not _is_opening_heading(previous) or is_title(previous.text):
            break
        i = j
    return i


def _body_blocks(blocks: Sequence[Block], start: int, stack: int) -> tuple[list, int]:
    """The body from ``start``: Blocks kept and Dropped furniture, in order; and its end."""
    out: list[Block | Dropped] = []
    short_run = 0
    run_start = len(out)
    end = len(blocks)
    for i in range(start, len(blocks)):
        block = blocks[i]
        text = block.text
        if block.kind == FURNITURE:
            if block.reason == "back_matter" and i > start:
                end = i
                break
            out.append(Dropped(text, block.reason))
            continue
        if i > start and is_trailer(text):
            end = i
            break
        if is_credit(text):
            out.append(Dropped(text, "caption"))
            continue
        if _is_caption(blocks, i) and _text_follows(blocks, i + 2):
            out.append(Dropped(text, "caption"))
            continue
        kind = _kind(blocks, i, stack)
        if kind is None:
            short_run += 1
            if short_run == 1:
                run_start = len(out)
            if short_run >= _MAX_SHORT_RUN:
                # The teasers after the article: what was kept of the run goes too.
                moved = out[run_start:]
                del out[run_start:]
                out += [
                    b if isinstance(b, Dropped) else Dropped(b.text, "back_matter") for b in moved
                ]
                end = i
                break
            out.append(Dropped(text, "navigation" if is_chrome(text) else "back_matter"))
            continue
        short_run = 0
        out.append(Block(kind, text, level=block.level))
    # Headings with nothing after them are no section.
    trailing: list[Dropped] = []
    while out and isinstance(out[-1], Block) and out[-1].kind == HEADING:
        trailing.insert(0, Dropped(out.pop().text, "back_matter"))
    return out + trailing, end


def _kind(blocks: Sequence[Block], i: int, stack: int) -> str | None:
    """HEADING, PARAGRAPH or LIST_ITEM for a body block; None for an unknown short line."""
    block = blocks[i]
    text = block.text
    if block.kind in (HEADING, PARAGRAPH, LIST_ITEM):
        if is_chrome(text) and block.kind != PARAGRAPH:
            return None
        return block.kind
    if is_paragraph(text) or (ends_sentence(text) and not is_chrome(text)):
        return PARAGRAPH
    if text.endswith(":") and word_count(text) >= 4 and not is_chrome(text):
        return PARAGRAPH
    if opens_outline(text):
        return HEADING
    if is_heading_like(text) and _text_follows(blocks, i + 1, headings=stack):
        return HEADING
    if stack and is_title_case(text) and len(text) <= 160 and _text_follows(blocks, i + 1, stack):
        return HEADING
    return None


def _text_follows(blocks: Sequence[Block], i: int, headings: int = 0) -> bool:
    """Whether prose comes next (past furniture, and past up to ``headings`` headings)."""
    seen_headings = 0
    for block in blocks[i:]:
        text = block.text
        if is_trailer(text):
            return False
        if block.kind == FURNITURE or is_chrome(text) or is_credit(text):
            continue
        if (
            block.kind in (PARAGRAPH, LIST_ITEM)
            or is_paragraph(text)
            or (block.kind == LINE and ends_sentence(text) and not is_chrome(text))
        ):
            return True
        if seen_headings >= headings:
            return False
        if block.kind == HEADING or is_heading_like(text) or opens_outline(text):
            seen_headings += 1
            continue
        return False
    return False
