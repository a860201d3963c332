from __future__ import annotations

from pathlib import Path

from content.pipeline.blocks import HEADING, PARAGRAPH, Block
from content.pipeline.sections import OVERVIEW, lay_out
from content.pipeline.structure import parse_document
from content.pipeline.types import Section

SEED = Path(__file__).resolve().parents[2] / "content" / "reports" / "north-korea-2018.txt"

SEED_HEADINGS = [
    "Overview",
    "International Human Rights Mechanisms",
    "Rights of Women, Other At-Risk Groups",
    "Forced Labor",
    "Border-Tightening",
    "Key International Actors",
]


def test_blocks_are_joined_by_blank_lines_and_sections_span_heading_to_last_paragraph() -> None:
    layout = lay_out(
        [
            Block(PARAGRAPH, "Opening one."),
            Block(PARAGRAPH, "Opening two."),
            Block(HEADING, "Forced Labor"),
            Block(PARAGRAPH, "Labor one."),
        ]
    )
    assert layout.cleaned_text == "Opening one.\n\nOpening two.\n\nForced Labor\n\nLabor one."
    assert layout.sections == (
        Section(order=0, heading=OVERVIEW, start=0, end=26),
        Section(order=1, heading="Forced Labor", start=28, end=52),
    )
    assert [(p.number, p.section_order, p.text) for p in layout.paragraphs] == [
        (0, 0, "Opening one."),
        (1, 0, "Opening two."),
        (2, 1, "Labor one."),
    ]
    for paragraph in layout.paragraphs:
        start = paragraph.start
        assert layout.cleaned_text[start : start + len(paragraph.text)] == paragraph.text


def test_a_text_without_headings_is_one_overview_section() -> None:
    layout = lay_out([Block(PARAGRAPH, "One."), Block(PARAGRAPH, "Two.")])
    assert layout.sections == (Section(order=0, heading=OVERVIEW, start=0, end=10),)


def test_the_seed_has_its_six_sections_in_order() -> None:
    document = parse_document(SEED.read_text(encoding="utf-8"))
    assert [s.heading for s in document.sections] == SEED_HEADINGS
    assert [s.order for s in document.sections] == list(range(6))


def test_each_seed_section_starts_at_its_heading_and_holds_its_sentences() -> None:
    document = parse_document(SEED.read_text(encoding="utf-8"))
    text = document.cleaned_text
    for section in document.sections[1:]:
        assert text[section.start : section.end].startswith(section.heading + "\n\n")
    by_section = {s.order: [] for s in document.sections}
    for sentence in document.sentences:
        by_section[sentence.section_order].append(sentence)
    for section in document.sections:
        sentences = by_section[section.order]
        assert sentences, section.heading
        assert all(section.start <= s.start and s.end <= section.end for s in sentences)
        assert sentences[-1].end == section.end


def test_seed_sections_do_not_overlap_and_cover_the_text() -> None:
    document = parse_document(SEED.read_text(encoding="utf-8"))
    sections = document.sections
    assert sections[0].start == 0
    assert sections[-1].end == len(document.cleaned_text)
    for before, after in zip(sections, sections[1:], strict=False):
        assert document.cleaned_text[before.end : after.start] == "\n\n"


def test_the_forced_labor_section_begins_with_its_first_sentence() -> None:
    document = parse_document(SEED.read_text(encoding="utf-8"))
    first = next(s for s in document.sentences if s.section_order == 3)
    assert first.text == (
        "The government uses forced labor from ordinary citizens, including children, "
        "to control its people and sustain its economy."
    )
