"""Plain text and Markdown: telling the format by content, hard-wrapped lines joined back
into paragraphs and headings, and the outline and end-matter rules that follow.

Every chapter here is invented for these tests ("Norland"); the layouts are the State
Department's (a PDF's text without blank lines; a Markdown scrape with ``####`` for every
heading).
"""

from __future__ import annotations

import pytest

from content.pipeline import read
from content.pipeline.blocks import FURNITURE, HEADING, LINE
from content.pipeline.read_text import read_markdown, read_text
from content.pipeline.structure import parse_file
from content.pipeline.types import Document, PipelineError

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x00" * 64

# --- format detection -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "filename", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "chapter.txt", "pdf"),
        (b"  \n%PDF-1.4\n", "", "pdf"),
        (b"<!DOCTYPE html><html><body><p>Text.</p></body></html>", "chapter.txt", "html"),
        (b"<!-- saved page -->\n<html><p>Text.</p></html>", "chapter.md", "html"),
        # Tag soup with no <html>: ten or more tags make a web page, whatever the name.
        (b"Saved from the site\n" + b"<p>One.</p><b>two</b><br><i>x</i>" * 3, "a.txt", "html"),
        (b"# Norland\n\nText here.\n\n#### Section 1\n\nMore text.\n", "chapter.txt", "markdown"),
        # One "#" heading is not enough without the extension ...
        (b"# Norland\n\nText here.\n", "chapter.txt", "text"),
        # ... which breaks the tie.
        (b"# Norland\n\nText here.\n", "chapter.md", "markdown"),
        (b"Norland\n\nThe police detained 40 people.\n", "chapter.txt", "text"),
        (b"Norland\n\nThe police detained 40 people.\n", "", "text"),
        (b"Only <b>one</b> tag in <i>prose</i>.\n", "chapter.txt", "text"),
    ],
)
def test_format_is_told_by_the_content(data: bytes, filename: str, kind: str) -> None:
    assert read.detect_format(data, filename) == kind


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (PNG, "scan.pdf", "The file is an image, not a PDF: OCR is not supported."),
        (JPEG, "scan.pdf", "The file is an image, not a PDF: OCR is not supported."),
        (b"Norland report text", "chapter.pdf", "not a PDF (it does not start with %PDF-)"),
        (PNG, "chapter.txt", "The file is binary"),
        (b"Norland\n\nThe police\x00 detained 40 people.", "chapter.txt", "The file is binary"),
        (b"Norland\x00\x00\x00", "chapter.md", "The file is binary"),
    ],
)
def test_images_and_binary_files_are_refused_in_one_line(
    data: bytes, filename: str, message: str
) -> None:
    with pytest.raises(PipelineError) as raised:
        read.detect_format(data, filename)
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)
    with pytest.raises(PipelineError):
        parse_file(data, filename=filename)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty"),
        (b" \n\n\t\n", "The file is empty"),
        (b"\xef\xbb\xbf\n", "The file is empty"),
        (b"Norland \xe9t\xe9 report", "not UTF-8 text (bad byte at position 8)"),
    ],
)
def test_empty_or_non_utf8_text_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(PipelineError, match=r"^[^\n]+$") as raised:
        parse_file(data, filename="chapter.txt")
    assert message in str(raised.value)


# --- hard-wrapped text without blank lines ------------------------------------------------

WRAPPED = """\
Country Reports on Human Rights Practices for 2031
Norland 2031 Human Rights Report
Executive Summary
There were no significant changes in the human rights situation in Norland
during the year.
The government took credible steps to identify and punish officials who may
have committed human rights abuses.
Section 1. Respect for the Integrity of the Person
a. Arbitrary Deprivation of Life and Other Unlawful or
P
olitically Motivated Killings
There were no reports that the government or its agents committed arbitrary
or unlawful killings.  Police in the capital opened two inquiries into deaths
in custody, and both were closed by the end of the year.
c. Torture and Other Cruel, Inhuman, or Degrading
Treatment or Punishment, and Other Related Abuses
The constitution and law prohibited such practices, and there were no
credible reports that government officials employed them.
Section 3. Freedom to Participate in the Political
Process
The constitution and the law provided citizens the ability to choose their
government in free and fair periodic elections held by secret ballot and
based on universal and equal suffrage.
Section 7. Worker Rights
The law provided for a workweek of 40 hours.  Employees could work up to
12 hours per week of overtime.
"""

WRAPPED_HEADINGS = [
    ("Executive Summary", 1),
    ("Section 1. Respect for the Integrity of the Person", 1),
    ("a. Arbitrary Deprivation of Life and Other Unlawful or Politically Motivated Killings", 2),
    (
        "c. Torture and Other Cruel, Inhuman, or Degrading Treatment or Punishment, "
        "and Other Related Abuses",
        2,
    ),
    ("Section 3. Freedom to Participate in the Political Process", 1),
    ("Section 7. Worker Rights", 1),
]

WRAPPED_SENTENCES = [
    "There were no significant changes in the human rights situation in Norland during the year.",
    "The government took credible steps to identify and punish officials who may have "
    "committed human rights abuses.",
    "There were no reports that the government or its agents committed arbitrary or unlawful "
    "killings.",
    "Police in the capital opened two inquiries into deaths in custody, and both were closed "
    "by the end of the year.",
    "The constitution and law prohibited such practices, and there were no credible reports "
    "that government officials employed them.",
    "The constitution and the law provided citizens the ability to choose their government in "
    "free and fair periodic elections held by secret ballot and based on universal and equal "
    "suffrage.",
    "The law provided for a workweek of 40 hours.",
    "Employees could work up to 12 hours per week of overtime.",
]


def headings(doc: Document) -> list[tuple[str, int]]:
    return [(s.heading, s.level) for s in doc.sections]


def test_wrapped_lines_are_joined_into_paragraphs_with_headings_kept_apart() -> None:
    result = read_text(WRAPPED)
    assert result.format == "text"
    assert result.hints == {"wrap_width": "76"}
    assert all(b.kind == LINE for b in result.blocks)
    assert [b.text for b in result.blocks][:7] == [
        "Country Reports on Human Rights Practices for 2031",
        "Norland 2031 Human Rights Report",
        "Executive Summary",
        # a line ended short of the margin ends its paragraph
        WRAPPED_SENTENCES[0],
        WRAPPED_SENTENCES[1],
        "Section 1. Respect for the Integrity of the Person",
        # "P" / "olitically": a word cut in two is glued back without a space
        "a. Arbitrary Deprivation of Life and Other Unlawful or Politically Motivated Killings",
    ]
    # Two spaces after a sentence become one.
    assert f"{WRAPPED_SENTENCES[2]} {WRAPPED_SENTENCES[3]}" in [b.text for b in result.blocks]


def test_wrapped_text_gives_headings_with_levels_and_whole_sentences() -> None:
    doc = parse_file(WRAPPED.encode(), filename="norland.txt")
    assert (doc.title, doc.period) == ("Norland", "Events of 2031")
    assert headings(doc) == WRAPPED_HEADINGS
    assert [s.text for s in doc.sentences] == WRAPPED_SENTENCES
    assert doc.intake.dropped == (
        ("Country Reports on Human Rights Practices for 2031", "front_matter"),
        ("Norland 2031 Human Rights Report", "front_matter"),
    )
    assert "olitically" not in doc.cleaned_text.replace("Politically", "")


def test_crlf_and_byte_order_mark_read_the_same_as_lf() -> None:
    plain = parse_file(WRAPPED.encode(), filename="norland.txt")
    windows = "\ufeff" + WRAPPED.replace("\n", "\r\n")
    for data in (windows.encode("utf-8"), WRAPPED.replace("\n", "\r\n").encode()):
        doc = parse_file(data, filename="norland.txt")
        assert doc.cleaned_text == plain.cleaned_text
        assert headings(doc) == WRAPPED_HEADINGS
        assert doc.title == "Norland"
        assert "\r" not in doc.cleaned_text and "\ufeff" not in doc.cleaned_text


def test_markdown_with_crlf_and_bom_reads_the_same() -> None:
    plain = parse_file(MARKDOWN.encode(), filename="norland.md")
    doc = parse_file(("\ufeff" + MARKDOWN.replace("\n", "\r\n")).encode(), filename="norland.md")
    assert doc.cleaned_text == plain.cleaned_text
    assert headings(doc) == headings(plain)
    assert doc.title == "Norland"


# --- Markdown scrapes -----------------------------------------------------------------

MARKDOWN = """\
## Norland

Country Reports on Human Rights Practices

Bureau of Democracy, Human Rights and Labor

2031

February 23, 2032

Norland is a parliamentary republic with a population of about four million. Its elections \
in 2030 were free and fair, according to international observers.

#### RESPECT FOR HUMAN RIGHTS

#### Section 1 Respect for the Integrity of the Person, Including Freedom From:

#### a. Political and Other Extrajudicial Killing

There were no reports of political killings during the year. Two soldiers were tried for the \
2029 killing of a farmer near the border.

During the year, the special court indicted 13 persons for war crimes under the Geneva \
Convention (see
#### Section 4).

#### Trial Procedures

Trials were public, and juries were used in the high court. Defendants had the right to \
counsel.

#### Section 2 Respect for Civil Liberties, Including:

#### a. Freedom of Speech and Press

The constitution provides for freedom of speech and of the press. The government generally \
respected these rights in practice.

#### Section 6 Worker Rights

Child Labor See the Department of Labor's Findings on the Worst Forms of Child Labor. Girls \
worked as domestic servants in the capital.

---------------
footnote:

1. The United States has no embassy in Norland. This report draws on other sources.

[end of document]

Words after the end of the document that must not reach the chapter at all.
"""


def test_markdown_heading_marks_are_read_with_their_level_and_end_matter_is_notes() -> None:
    result = read_markdown(MARKDOWN)
    assert result.format == "markdown"
    marked = [(b.text, b.level) for b in result.blocks if b.kind == HEADING]
    assert marked[:4] == [
        ("Norland", 2),
        ("RESPECT FOR HUMAN RIGHTS", 4),
        ("Section 1 Respect for the Integrity of the Person, Including Freedom From:", 4),
        ("a. Political and Other Extrajudicial Killing", 4),
    ]
    assert [(b.reason, b.text) for b in result.blocks if b.kind == FURNITURE] == [
        ("back_matter", "---------------"),
        ("notes", "footnote:"),
        (
            "notes",
            "1. The United States has no embassy in Norland. This report draws on other sources.",
        ),
        ("notes", "[end of document]"),
        ("notes", "Words after the end of the document that must not reach the chapter at all."),
    ]


def test_flat_markdown_headings_take_their_level_from_their_words() -> None:
    doc = parse_file(MARKDOWN.encode(), filename="norland.md")
    assert (doc.title, doc.period) == ("Norland", "Events of 2031")
    assert headings(doc) == [
        ("Overview", 1),
        ("RESPECT FOR HUMAN RIGHTS", 1),
        ("Section 1 Respect for the Integrity of the Person, Including Freedom From:", 1),
        ("a. Political and Other Extrajudicial Killing", 2),
        ("Trial Procedures", 3),
        ("Section 2 Respect for Civil Liberties, Including:", 1),
        ("a. Freedom of Speech and Press", 2),
        ("Section 6 Worker Rights", 1),
        ("Child Labor", 2),
    ]


def test_a_cut_section_reference_is_joined_back_to_its_paragraph() -> None:
    doc = parse_file(MARKDOWN.encode(), filename="norland.md")
    assert not [s for s in doc.sections if s.heading.startswith("Section 4")]
    assert (
        "During the year, the special court indicted 13 persons for war crimes under the Geneva "
        "Convention (see Section 4)."
    ) in [s.text for s in doc.sentences]


def test_a_run_in_sub_heading_is_split_off_its_paragraph() -> None:
    doc = parse_file(MARKDOWN.encode(), filename="norland.md")
    child_labor = next(s for s in doc.sections if s.heading == "Child Labor")
    first = next(s for s in doc.sentences if s.section_order == child_labor.order)
    assert first.text == "See the Department of Labor's Findings on the Worst Forms of Child Labor."
    assert not any(s.text.startswith("Child Labor") for s in doc.sentences)


def test_end_of_document_and_what_follows_are_left_out_as_notes() -> None:
    doc = parse_file(MARKDOWN.encode(), filename="norland.md")
    for gone in ("[end of document]", "footnote", "no embassy", "Words after the end", "-----"):
        assert gone not in doc.cleaned_text
    assert doc.sentences[-1].text == "Girls worked as domestic servants in the capital."
    assert doc.intake.words_dropped["notes"] == 33
    assert doc.intake.dropped[-1] == (
        "Words after the end of the document that must not reach the chapter at all.",
        "notes",
    )
    for s in doc.sentences:
        assert doc.cleaned_text[s.start : s.end] == s.text


def test_end_of_document_alone_ends_a_markdown_chapter() -> None:
    text = (
        "## Norland\n\n2031\n\n"
        "The police detained 40 journalists in Norland during the year. Most were released "
        "within a week.\n\n[end of document]\n\n"
        "Printed from the archive of the Norland embassy in March of the following year.\n"
    )
    doc = parse_file(text.encode(), filename="norland.md")
    assert [s.text for s in doc.sentences] == [
        "The police detained 40 journalists in Norland during the year.",
        "Most were released within a week.",
    ]
    assert doc.intake.dropped[-2:] == (
        ("[end of document]", "back_matter"),
        (
            "Printed from the archive of the Norland embassy in March of the following year.",
            "notes",
        ),
    )


def test_end_of_document_ends_a_plain_text_chapter_too() -> None:
    text = (
        "Norland 2031 Human Rights Report\n\n"
        "The police detained 40 journalists in Norland during the year. Most were released "
        "within a week.\n\n[end of document]\n\n"
        "Printed from the archive of the Norland embassy in March of the following year.\n"
    )
    doc = parse_file(text.encode(), filename="norland.txt")
    assert "Printed from the archive" not in doc.cleaned_text


def test_markdown_links_and_emphasis_keep_their_text_only() -> None:
    text = (
        "## Norland\n\n2031\n\n"
        "The **ministry** detained 40 people, see the [annual report](//example.org/r) and "
        "the __appendix__ for details.\n\n"
        "#### Section 1 Respect for the Person\n\nPolice beat 12 detainees in Vestby. Two "
        "officers were dismissed.\n"
    )
    doc = parse_file(text.encode(), filename="norland.md")
    assert doc.sentences[0].text == (
        "The ministry detained 40 people, see the annual report and the appendix for details."
    )
    for mark in ("**", "__", "](", "example.org"):
        assert mark not in doc.cleaned_text


def test_a_markdown_image_inside_a_line_leaves_no_double_space() -> None:
    text = (
        "## Norland\n\n2031\n\n"
        "The ministry detained 40 people, see ![a photo](p.png) the appendix for details. "
        "Most were released within a week.\n"
    )
    doc = parse_file(text.encode(), filename="norland.md")
    assert "p.png" not in doc.cleaned_text
    assert doc.sentences[0].text == "The ministry detained 40 people, see the appendix for details."
