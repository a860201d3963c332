"""A file in, a cleaned ``Document`` out: read -> body -> title/period -> outline ->
sections -> sentences.

Each stage lives in its own module (``read``, ``body``, ``title``, ``outline``,
``sections``, ``sentences``); this one runs them in order and turns unusable
input into a ``PipelineError`` with a one-line message for the person importing.
"""

from __future__ import annotations

from collections import Counter

from .blocks import FURNITURE, HEADING, LIST_ITEM, PARAGRAPH, Block, ReadResult, word_total
from .body import find_body
from .clean import is_paragraph
from .outline import outline
from .read import read_document
from .sections import lay_out
from .sentences import sentence_spans
from .title import (
    TitleCandidate,
    choose_title,
    find_period,
    find_title_candidates,
    is_name,
    is_title_line,
)
from .types import Document, Intake, PipelineError, Sentence

__all__ = ["parse_document", "parse_file", "parse_read"]


def parse_document(
    raw_text: str, *, title: str | None = None, period: str | None = None
) -> Document:
    """Clean a chapter given as text (plain, Markdown or HTML, told by its content)."""
    return parse_file(raw_text.encode("utf-8"), title=title, period=period)


def parse_file(
    data: bytes, *, filename: str = "", title: str | None = None, period: str | None = None
) -> Document:
    """Read a file of any supported format and clean it into a Document.

    Raises PipelineError (one line) when the file cannot become a chapter.
    """
    return parse_read(read_document(data, filename), title=title, period=period)


def parse_read(
    read: ReadResult, *, title: str | None = None, period: str | None = None
) -> Document:
    """Clean what a reader found: the body, its title and period, outline and sentences.

    ``title`` and ``period`` override what the file announces; ``title`` is
    required when the file has no title line, ``period`` when it names no year
    and ``title`` was not given either.
    """
    blocks = read.blocks
    if not any(b.text.strip() for b in blocks):
        raise PipelineError("The text is empty: there is nothing to import.")
    wrap = int(read.hints.get("wrap_width", "0") or 0) or None
    stacked = read.format != "text" or wrap is not None
    first_heading = _heading_above_text(blocks)
    body = find_body(
        blocks,
        is_title=lambda text: text == first_heading or is_title_line(text),
        stacked_headings=stacked,
    )
    if body is None:
        raise PipelineError(
            "No paragraphs of prose found: expected a report chapter written in sentences."
        )
    body_blocks = [
        Block(PARAGRAPH if b.kind == LIST_ITEM else b.kind, b.text, level=b.level)
        for b in outline(body.blocks, wrap_width=wrap)
    ]
    layout = lay_out(body_blocks)
    title, period = _title_and_period(
        read, body.front, layout.cleaned_text, title, period, first_heading
    )
    return Document(
        title=title,
        period=period,
        cleaned_text=layout.cleaned_text,
        sections=layout.sections,
        sentences=_sentences(layout),
        intake=_intake(read, body),
    )


def _heading_above_text(blocks) -> str | None:
    """The first heading, when a name-like one comes before any text: "Valdoria" atop
    a book chapter, "Kenya" in an ``<h1>``. It is the title when nothing else is."""
    for block in blocks:
        if block.kind == HEADING:
            return block.text if is_name(block.text) else None
        if block.kind != FURNITURE and is_paragraph(block.text):
            return None
    return None


def _title_and_period(read, front, cleaned_text, title, period, first_heading):
    front_lines = [b.text for b in front if b.kind != FURNITURE or b.reason == "header_footer"]
    hint = read.hints.get("title", "")
    candidates = find_title_candidates(([hint] if hint else []) + front_lines)
    if not candidates and first_heading:
        candidates = [TitleCandidate(first_heading, "", 0)]
    given = " ".join(title.split()) if title else ""
    if given:
        matching = [c for c in candidates if c.name.casefold() == given.casefold()]
        chosen = matching[0] if matching else choose_title(candidates, cleaned_text)
    else:
        chosen = choose_title(candidates, cleaned_text)
        if chosen is None:
            raise PipelineError(
                "No title found in the text: give one with --title (and --period if needed)."
            )
    if period is not None:
        return given or chosen.name, " ".join(period.split())
    evidence = front_lines + [b.text for b in read.blocks if b.reason == "header_footer"]
    found = (chosen.period if chosen else "") or find_period(([hint] if hint else []) + evidence)
    if not found and not given:
        raise PipelineError(
            f"No period found for “{chosen.name}”: give one with --period "
            '(for example --period "Events of 2018").'
        )
    return given or chosen.name, found


def _sentences(layout) -> tuple[Sentence, ...]:
    sentences: list[Sentence] = []
    for paragraph in layout.paragraphs:
        for start_in, end_in in sentence_spans(paragraph.text):
            sentences.append(
                Sentence(
                    index=len(sentences),
                    section_order=paragraph.section_order,
                    paragraph=paragraph.number,
                    text=paragraph.text[start_in:end_in],
                    start=paragraph.start + start_in,
                    end=paragraph.start + end_in,
                )
            )
    return tuple(sentences)


def _intake(read: ReadResult, body) -> Intake:
    """Words read, kept and dropped by reason, and the dropped pieces themselves."""
    kept = sum(word_total(b.text) for b in body.blocks)
    dropped = Counter()
    prose_dropped = 0
    for item in body.dropped:
        words = word_total(item.text)
        dropped[item.reason] += words
        if is_paragraph(item.text) and item.reason != "front_matter":
            prose_dropped += words
    prose_kept = sum(word_total(b.text) for b in body.blocks if b.kind != HEADING)
    return Intake(
        format=read.format,
        pages=read.pages,
        words_read=kept + sum(dropped.values()),
        words_kept=kept,
        words_dropped={reason: n for reason, n in sorted(dropped.items()) if n},
        prose_dropped=prose_dropped,
        prose_total=prose_kept + prose_dropped,
        dropped=tuple((d.text, d.reason) for d in body.dropped),
        source_url=read.hints.get("source_url", ""),
    )
