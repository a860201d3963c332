"""Raw chapter text in, a cleaned ``Document`` out: clean -> title/period -> sections -> sentences.

Each stage lives in its own module (``clean``, ``title``, ``sections``,
``sentences``); this one runs them in order and turns unusable input into a
``PipelineError`` with a one-line message for the person importing.
"""

from __future__ import annotations

from .clean import body_blocks, find_body_start, normalize_whitespace, split_lines
from .sections import lay_out
from .sentences import sentence_spans
from .title import choose_title, find_title_candidates
from .types import Document, PipelineError, Sentence

__all__ = ["parse_document"]


def parse_document(
    raw_text: str, *, title: str | None = None, period: str | None = None
) -> Document:
    """Clean a scraped chapter and split it into sections and sentences.

    ``title`` and ``period`` override what the text announces; ``title`` is
    required when the text has no title line.
    """
    text = normalize_whitespace(raw_text)
    if not text:
        raise PipelineError("The text is empty: there is nothing to import.")
    lines = split_lines(text)
    start = find_body_start(lines)
    if start is None:
        raise PipelineError(
            "No paragraphs of prose found: expected a report chapter written in sentences."
        )
    blocks = body_blocks(lines, start)
    layout = lay_out(blocks)

    title = " ".join(title.split()) if title else ""
    period = " ".join(period.split()) if period is not None else None
    candidates = find_title_candidates([line.text for line in lines[:start]])
    if title:
        matching = [c for c in candidates if c.name.casefold() == title.casefold()]
        chosen = matching[0] if matching else choose_title(candidates, layout.cleaned_text)
    else:
        chosen = choose_title(candidates, layout.cleaned_text)
        if chosen is None:
            raise PipelineError(
                "No title found in the text: give one with --title (and --period if needed)."
            )
        title = chosen.name
    if period is None:
        period = chosen.period if chosen else ""

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
    return Document(
        title=title,
        period=period,
        cleaned_text=layout.cleaned_text,
        sections=layout.sections,
        sentences=tuple(sentences),
    )
