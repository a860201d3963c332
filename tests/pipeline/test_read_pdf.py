"""The PDF text layer (content.pipeline.read_pdf, PDFium) on PDFs printed by Chromium.

The fixtures are in tests/fixtures/pdf/ (see its README.md; regenerate them with
tests/fixtures/make_pdf_fixtures.py). No database.
"""

from __future__ import annotations

import io
import random
import re
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from content.pipeline.blocks import FURNITURE
from content.pipeline.read_pdf import (
    DAMAGED,
    ENCRYPTED,
    NO_TEXT,
    PdfLine,
    PdfText,
    pdf_lines,
    undo_hyphenation,
)
from content.pipeline.types import PipelineError

PDF = Path(__file__).resolve().parents[1] / "fixtures" / "pdf"
HEAD = "Country Reports on Human Rights Practices for 2023"
FOOT = "United States Department of State • Bureau of Democracy, Human Rights, and Labor"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7"
    b"\x9a\xa0\xa0\x00\x00\x00\x00IEND\xaeB`\x82"
)


def fixture(name: str) -> bytes:
    return (PDF / name).read_bytes()


@cache
def read(name: str) -> PdfText:
    return pdf_lines(fixture(name))


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def body(result: PdfText) -> str:
    return flat(" ".join(line.text for line in result.lines))


def line_starting(result: PdfText, start: str) -> PdfLine:
    return next(line for line in result.lines if line.text.startswith(start))


# --- Andorra 2023, printed with a running head, a running foot and page numbers ---------


def test_pages_and_title_come_from_the_pdf():
    result = read("andorra-2023.pdf")
    assert result.pages == len(PdfReader(PDF / "andorra-2023.pdf").pages) == 9
    assert result.title == "Andorra 2023 Human Rights Report"
    assert {line.page for line in result.lines} == set(range(1, 10))


def test_running_heads_feet_and_page_numbers_are_furniture():
    result = read("andorra-2023.pdf")
    assert len(result.furniture) == 3 * result.pages
    assert all(b.kind == FURNITURE and b.reason == "header_footer" for b in result.furniture)
    texts = [b.text for b in result.furniture]
    assert texts.count(HEAD) == texts.count(FOOT) == result.pages
    assert sorted(t for t in texts if t.isdigit()) == sorted(str(n) for n in range(1, 10))
    text = body(result)
    assert HEAD not in text and "Department of State •" not in text
    assert not any(line.text.isdigit() for line in result.lines)


@pytest.mark.parametrize(
    "sentence",
    [
        "There were no significant changes in the human rights situation in Andorra during "
        "the year.",
        "Police could legally detain persons for 48 hours without a hearing, and police "
        "generally observed this time limit.",
        "As of August, prisoners were in pretrial detention on average for 390 days, or "
        "approximately 13 months.",
        "The law established a cap on refugee admissions; 20 in the case of refugees arriving "
        "from Syria, and 285 for those coming from Ukraine.",
        "Unofficial estimates placed the size of the Jewish community at 100 persons.",
        "As of June, the Andorran Social Security Fund had registered 2,003 workplace "
        "accidents, which led to 913 persons on sick leave for an average 42 days.",
        "Inspectors had the authority to conduct unannounced inspections.",
    ],
)
def test_body_keeps_the_chapter_sentences_in_order_across_pages(sentence):
    assert sentence in body(read("andorra-2023.pdf"))


def test_reading_order_runs_across_pages():
    text = body(read("andorra-2023.pdf"))
    marks = ["Executive Summary", "Section 1.", "Section 3.", "Section 5.", "Section 7."]
    positions = [text.index(mark) for mark in marks]
    assert positions == sorted(positions)


def test_lines_stay_lines():
    result = read("andorra-2023.pdf")
    assert len(result.lines) > 250
    assert max(len(line.text) for line in result.lines) < 110


@pytest.mark.parametrize(
    "heading",
    [
        "Andorra 2023 Human Rights Report",
        "Executive Summary",
        "Section 1. Respect for the Integrity of the Person",
        "b. Disappearance",
        "Prison and Detention Center Conditions",
        "Section 7. Worker Rights",
    ],
)
def test_bold_headings_are_hinted(heading):
    assert line_starting(read("andorra-2023.pdf"), heading).heading_hint


def test_prose_and_bold_run_in_labels_are_not_headings():
    result = read("andorra-2023.pdf")
    assert not line_starting(result, "Administration:").heading_hint
    assert not line_starting(result, "There were no reports of disappearances").heading_hint
    hinted = [line for line in result.lines if line.heading_hint]
    assert 30 <= len(hinted) <= 60  # about 45 heading lines in ~290


def test_gap_before_marks_paragraph_starts_only():
    result = read("andorra-2023.pdf")
    assert line_starting(result, "There were no credible reports of significant").gap_before
    assert line_starting(result, "Persons charged with a crime").gap_before
    assert not line_starting(result, "human rights abuses.").gap_before
    gaps = sum(line.gap_before for line in result.lines)
    assert 70 <= gaps <= 130  # ~110 paragraphs and headings, less the page tops


# --- a World Report-style chapter: "272 WORLD REPORT 2011" / "HUMAN RIGHTS WATCH 273" -----


def test_running_head_with_page_number_beside_it():
    result = read("hrw-valdoria-2011.pdf")
    assert result.pages == 3
    assert [b.text for b in result.furniture] == [
        "271",
        "272 WORLD REPORT 2011",
        "HUMAN RIGHTS WATCH 273",
    ]
    assert "WORLD REPORT" not in body(result) and "HUMAN RIGHTS WATCH" not in body(result)
    assert result.lines[0].text == "Valdoria" and result.lines[0].heading_hint
    assert not result.lines[1].heading_hint
    assert result.title == "Valdoria | World Report 2011"


def test_a_short_pdf_without_furniture_keeps_every_line():
    result = read("hyphenation.pdf")
    assert result.furniture == ()
    assert result.lines[0].text == "Hyphenation"


# --- hyphenation -----------------------------------------------------------------------


def test_hyphenation_undone_in_a_typeset_pdf():
    texts = [line.text for line in read("hyphenation.pdf").lines]
    assert texts[1] == "The ombudsperson said that the government"
    assert texts[2] == "had answered every request, and that the"
    assert "government-appointed" in texts
    assert "commission met twice. The ombudsperson" in texts
    assert "visited four prisons and two well-known" in texts
    assert "shelters; self-censorship" in texts
    assert "was reported in Section 6-" in texts  # a digit before the hyphen: not a word break
    assert "b. Officials cited the anti-" in texts  # a capital after it: kept as is
    assert "Semitism law and the ministry's detention" in texts
    assert texts[-1] == "rules."


def lines(*texts: str, heading: int = -1) -> list[PdfLine]:
    return [PdfLine(t, i == heading, page=1 + i // 3) for i, t in enumerate(texts)]


def test_hyphen_dropped_for_a_dictionary_word_and_fragment_moved_up():
    out = undo_hyphenation(lines("the independ-", "ent commission said", "so."))
    assert [line.text for line in out] == ["the independent", "commission said", "so."]


def test_hyphen_dropped_when_the_joined_word_is_used_elsewhere():
    joined = undo_hyphenation(lines("the zorbl-", "ating rule", "a zorblating law"))
    kept = undo_hyphenation(lines("the zorbl-", "ating rule", "a new law"))
    assert joined[0].text == "the zorblating"
    assert kept[0].text == "the zorbl-ating"


def test_real_hyphen_kept_and_fragment_only_line_removed():
    out = undo_hyphenation(lines("a government-", "appointed", "body met on", "Monday."))
    assert [line.text for line in out] == ["a government-appointed", "body met on", "Monday."]


def test_join_across_pages_keeps_each_lines_page():
    out = undo_hyphenation(lines("one", "two", "the govern-", "ment said so"))
    assert out[2] == PdfLine("the government", False, 1)
    assert out[3] == PdfLine("said so", False, 2)


def test_no_join_onto_a_heading_or_a_capital_or_after_a_digit():
    source = lines("covers pre-", "trial rights", heading=1)
    assert undo_hyphenation(source) == source
    source = lines("the anti-", "Semitism law", "Section 6-", "b. text")
    assert undo_hyphenation(source) == source


# --- unusable files ----------------------------------------------------------------------


def encrypted(user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(PDF / "hyphenation.pdf"))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (lambda: fixture("truncated.pdf"), DAMAGED),
        (lambda: b"", DAMAGED),
        (lambda: b"Andorra 2023 Human Rights Report\nExecutive Summary\n", DAMAGED),
        (lambda: b"%PDF-1.7\n" + b"\x00garbage" * 500 + b"\n%%EOF\n", DAMAGED),
        (lambda: fixture("no-text.pdf"), NO_TEXT),
        (lambda: encrypted("secret"), ENCRYPTED),
    ],
    ids=["truncated", "empty", "plain-text", "garbage", "no-text-layer", "encrypted"],
)
def test_unusable_pdf_is_a_one_line_pipeline_error(data, message):
    with pytest.raises(PipelineError) as caught:
        pdf_lines(data())
    assert str(caught.value) == message
    assert "\n" not in str(caught.value)


def test_an_image_renamed_pdf_says_what_it_is():
    with pytest.raises(PipelineError, match=r"^The file is a PNG image, not a PDF: OCR"):
        pdf_lines(PNG)


def test_a_pdf_that_opens_without_a_password_is_read():
    result = pdf_lines(encrypted(""))
    assert result.lines[1].text == "The ombudsperson said that the government"


def test_corrupted_bytes_never_raise_anything_but_pipeline_error():
    original = fixture("hrw-valdoria-2011.pdf")
    rng = random.Random(11)
    outcomes = set()
    for _ in range(25):
        data = bytearray(original)
        start = rng.randrange(20, len(data) - 200)
        for offset in range(rng.randrange(1, 400)):
            data[start + offset % 150] = rng.randrange(256)
        try:
            pdf_lines(bytes(data))
            outcomes.add("read")
        except PipelineError as error:
            assert "\n" not in str(error)
            outcomes.add("error")
    assert outcomes  # every run ended in a result or a PipelineError, nothing else


def test_pdfs_read_in_parallel_threads_give_the_same_lines():
    # runserver serves requests in threads and PDFium is not thread-safe: two uploads read
    # at once must not crash the process or mix their pages.
    from concurrent.futures import ThreadPoolExecutor

    names = ["andorra-2023.pdf", "hrw-valdoria-2011.pdf"] * 3
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda name: pdf_lines(fixture(name)), names))
    for name, result in zip(names, results, strict=True):
        assert result == read(name)


def test_a_superscript_digit_at_a_page_edge_is_no_page_number():
    from content.pipeline.read_pdf import _numbers

    assert _numbers("²") == []
    assert _numbers("12") == [12]
