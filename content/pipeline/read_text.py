"""Plain text and Markdown into blocks.

Plain text comes in three shapes, and the reader tells them apart by their lines:

- one paragraph per line (a web page copied as text): every non-blank line is a unit;
- paragraphs hard-wrapped between blank lines (mail, some copies): a full line
  goes on in the next one;
- hard-wrapped lines with no blank lines at all (text extracted from a PDF):
  paragraph and heading breaks are inferred from the lines themselves (see
  ``_breaks_after``).

Every unit becomes a ``LINE`` block: the cleaning stage decides what it is.
Markdown adds what its markers say: ``#`` lines are headings with the number of
``#`` as their level, rules and "[end of document]" are furniture, links and
emphasis markers go and their text stays.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .blocks import FURNITURE, HEADING, LINE, LIST_ITEM, Block, ReadResult, word_set
from .clean import ends_sentence, normalize_whitespace, split_lines

__all__ = ["is_title_case", "read_markdown", "read_text", "wrapped_units"]

# Wrapped text has lines of at most this many characters.
_MAX_WRAP_WIDTH = 120
# Share of the lines that must stop mid-sentence at nearly full width.
_MIN_CUT_SHARE = 0.25
_FULL = 0.6
# Words a heading may leave in lowercase (and a wrapped heading line may end on).
FUNCTION_WORDS = word_set(
    "a an and as at by for from in into of on or the to toward towards with without "
    "against regarding via nor but vs de del la le"
)
_LIST_MARK = re.compile(r"^(?:[-*+\u2022]|\d{1,3}[.)])\s+")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_RULE = re.compile(r"^(?:[-*_]\s*){3,}$")
_MD_LINK = re.compile(r"!\[[^\]]*\]\([^)]*\)|\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_BOLD_LINE = re.compile(r"^(\*\*|__)(.+)\1$")
_END_OF_DOCUMENT = re.compile(r"^\[?\s*end of (?:document|report)\s*\]?$", re.I)
_SOURCE_URL = re.compile(r"^source(?: pdf)?:\s*(https?://\S+)\s*$", re.I | re.M)
_NOTES_START = re.compile(r"^(?:foot|end)notes?\s*:?$", re.I)
# "Section 3." and "a." open a heading of a report's outline.
OUTLINE_MARK = re.compile(r"^(?:[Ss]ection\s+\d+\b\.?|[a-z]\.\s+(?=[A-Z]))")


def read_text(text: str) -> ReadResult:
    """Plain text (already decoded) as ``LINE`` blocks in reading order.

    ``hints["wrap_width"]`` is the line width (characters) of a text hard-wrapped
    without blank lines, for the outline stage's heading repairs.
    """
    found, width = units(normalize_whitespace(text))
    hints = {"wrap_width": str(width)} if width else {}
    blocks: list[Block] = []
    for unit in found:
        if blocks and blocks[-1].kind == FURNITURE:
            blocks.append(Block(FURNITURE, unit, reason="notes"))
        elif _END_OF_DOCUMENT.match(unit):
            blocks.append(Block(FURNITURE, unit, reason="back_matter"))
        else:
            blocks.append(Block(LINE, unit))
    return ReadResult("text", tuple(blocks), hints=hints)


def units(text: str) -> tuple[list[str], int | None]:
    """The whitespace-normalised text's units (lines, or hard-wrapped lines joined back
    into paragraphs), and the wrap width when it was wrapped without blank lines."""
    lines = text.split("\n")
    width = _no_blank_wrap_width(lines)
    if width is None:
        return [line.text for line in split_lines(text)], None
    return wrapped_units(lines, width), width


def _no_blank_wrap_width(lines: Sequence[str]) -> int | None:
    """The width of a text hard-wrapped without blank lines between paragraphs, or None."""
    filled = [line for line in lines if line]
    if len(filled) < 8 or len(lines) - len(filled) > len(filled) // 10:
        return None
    width = max(len(line) for line in filled)
    if width > _MAX_WRAP_WIDTH:
        return None
    cut = sum(1 for line in filled if len(line) >= _FULL * width and not ends_sentence(line))
    return width if cut >= _MIN_CUT_SHARE * len(filled) else None


def wrapped_units(lines: Sequence[str], width: int) -> list[str]:
    """Join hard-wrapped lines (no blank lines between paragraphs) into units.

    A unit ends where the line was ended by choice, not by the margin: the next
    line's first word would have fit (``_breaks_after``). A line of one or two
    letters before a lowercase line is a word cut in two ("P" / "olitically").
    """
    filled = [line for line in lines if line]
    out: list[str] = []
    glue = False
    starts_unit = True
    for i, line in enumerate(filled):
        if out and glue:
            out[-1] += line
        elif out and not starts_unit:
            out[-1] += " " + line
        else:
            out.append(line)
        following = filled[i + 1] if i + 1 < len(filled) else ""
        glue = bool(following) and len(line) <= 2 and line.isalpha() and following[0].islower()
        starts_unit = not glue and _breaks_after(out[-1], line, following, width)
    return out


def _breaks_after(unit: str, line: str, following: str, width: int) -> bool:
    if not following:
        return True
    outline = bool(OUTLINE_MARK.match(following))
    if _END_OF_DOCUMENT.match(line) or _END_OF_DOCUMENT.match(following):
        return True
    if outline and OUTLINE_MARK.match(unit):
        return True  # one outline item right after another: "d. ... (see section 6)" / "e. ..."
    if (following[0].islower() and not outline) or line.endswith(","):
        return False
    fits = len(line) + 1 + len(following.split()[0]) <= width
    if ends_sentence(line) or line.endswith(":"):
        return fits or outline
    # A heading line: title case, ended by choice before a capitalised line.
    last = line.split()[-1].casefold()
    return (fits or outline) and is_title_case(unit) and last not in FUNCTION_WORDS


def is_title_case(text: str) -> bool:
    """Every word capitalised but the function words ("Freedom of the Press")."""
    text = OUTLINE_MARK.sub("", text)
    words = re.findall(r"[^\W\d_][\w'’\-]*", text)
    if not words or not words[0][0].isupper():
        return False
    return all(w[0].isupper() or w.casefold() in FUNCTION_WORDS for w in words)


def read_markdown(text: str) -> ReadResult:
    """Markdown (already decoded) as blocks: ``#`` headings, list items, lines, furniture.

    A horizontal rule after the text, "footnote:" or "[end of document]" opens the
    end matter: what follows is furniture ("notes"), kept for the summary only.
    """
    blocks: list[Block] = []
    chunk: list[str] = []
    in_notes = False

    def flush() -> None:
        for unit in units("\n".join(chunk))[0]:
            if in_notes:
                blocks.append(Block(FURNITURE, unit, reason="notes"))
            elif _LIST_MARK.match(unit):
                blocks.append(Block(LIST_ITEM, _LIST_MARK.sub("", unit)))
            else:
                blocks.append(Block(LINE, unit))
        chunk.clear()

    for raw in normalize_whitespace(text).split("\n"):
        line = _inline(raw)
        heading = _MD_HEADING.match(raw)
        bold = _BOLD_LINE.match(raw)
        if in_notes or not (heading or bold or _is_end_matter(raw, line)):
            chunk.append(line)
            continue
        if _is_end_matter(raw, line):
            flush()
            if any(b.kind != FURNITURE for b in blocks):
                in_notes = True
            blocks.append(Block(FURNITURE, line or raw, reason="back_matter"))
            continue
        title = _inline(heading[2] if heading else bold[2])
        filled = [i for i, previous in enumerate(chunk) if previous]
        if filled and _continues_paragraph(chunk[filled[-1]], title):
            # "#### Section 4)." : a scrape cut "(see" from its paragraph.
            chunk[filled[-1]] += " " + title
            del chunk[filled[-1] + 1 :]
            continue
        flush()
        if title:
            blocks.append(Block(HEADING, title, level=len(heading[1]) if heading else 0))
    flush()
    match = _SOURCE_URL.search(text[:5000])
    hints = {"source_url": match[1]} if match else {}
    return ReadResult("markdown", tuple(blocks), hints=hints)


def _is_end_matter(raw: str, line: str) -> bool:
    return bool(_MD_RULE.match(raw) or _END_OF_DOCUMENT.match(line) or _NOTES_START.match(line))


def _continues_paragraph(previous: str, title: str) -> bool:
    return not ends_sentence(previous) and ends_sentence(title) and len(title.split()) <= 3


def _inline(text: str) -> str:
    """Markdown inline markup removed: link text kept, images and emphasis markers gone."""
    text = _MD_LINK.sub(lambda m: m[1] or "", text)
    return " ".join(_MD_EMPHASIS.sub(r"\2", text).split())
