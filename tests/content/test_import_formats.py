"""Importing a PDF, a saved web page and a Markdown scrape: the command's summary (format,
words read/kept/left out by reason, the warning), --show-dropped, what the Report row
stores, "level" in the exported bank, bad files refused in one line with nothing written,
and the admin upload of the same files."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from content.models import Choice, Question, Report, Section, Sentence
from content.services import report_import

pytestmark = pytest.mark.django_db

TESTS = Path(__file__).resolve().parents[1]
PDF_DIR = TESTS / "fixtures" / "pdf"
ANDORRA_PDF = PDF_DIR / "andorra-2023.pdf"
CORPUS = TESTS / "pipeline" / "corpus"
KENYA_HTML = CORPUS / "hrw-kenya-2002.html"
SOMALIA_MD = CORPUS / "usdos-somalia-1999.md"
UPLOAD = reverse("admin:content_report_upload")

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64

# Invented prose for the files written here.
PROSE = (
    "The government of Norland detained at least 40 journalists during the year, according "
    "to local groups. The authorities held them in the Vestby detention center, where guards "
    "beat several of them.\n\n"
    "In March, parliament passed a law that lets the police hold suspects for 30 days without "
    "charge. The press union said that 5 reporters left Norland after threats.\n"
)


def run(path: Path | str, *args: str) -> str:
    out = io.StringIO()
    call_command("import_report", str(path), *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in (Report, Section, Sentence, Question, Choice)}


def line_of(output: str, label: str) -> str:
    return next(line.strip() for line in output.splitlines() if line.strip().startswith(label))


# --- three formats through the command -------------------------------------------------


@pytest.mark.parametrize(
    ("path", "title", "period", "format_line", "words_line", "reason_lines"),
    [
        (
            ANDORRA_PDF,
            "Andorra",
            "Events of 2023",
            "format: pdf, 9 pages",
            "words: 3,205 read, 3,030 kept in the chapter, 175 left out",
            ["header/footer: 171", "before the chapter (title, publication block, teasers): 4"],
        ),
        (
            KENYA_HTML,
            "Kenya",
            "Events of 2001",
            "format: html",
            "words: 2,354 read, 2,313 kept in the chapter, 41 left out",
            [
                "back matter: 17",
                "table of contents: 12",
                "navigation: 11",
                "before the chapter (title, publication block, teasers): 1",
            ],
        ),
        (
            SOMALIA_MD,
            "Somalia",
            "Events of 1999",
            "format: markdown",
            "words: 5,069 read, 5,030 kept in the chapter, 39 left out",
            ["notes: 24", "before the chapter (title, publication block, teasers): 15"],
        ),
    ],
    ids=["pdf", "html", "markdown"],
)
def test_each_format_imports_without_title_or_period_and_says_what_it_read(
    path, title, period, format_line, words_line, reason_lines
) -> None:
    output = run(path)

    report = Report.objects.get()
    assert (report.title, report.period, report.source) == (title, period, path.name)
    assert output.startswith(f"Report: {title} — {period}\n")
    lines = [line.strip() for line in output.splitlines()]
    at = lines.index(format_line)
    assert lines[at + 1] == words_line
    # One line per reason, most words first, nothing for a reason with no words.
    assert lines[at + 2 : at + 2 + len(reason_lines)] == reason_lines
    assert lines[at + 2 + len(reason_lines)].startswith("sections: ")
    assert not any(line.startswith("warning:") for line in lines)
    assert "Left out:" not in output  # only with --show-dropped


def test_the_pdf_import_stores_its_intake_on_the_report() -> None:
    run(ANDORRA_PDF)
    report = Report.objects.get()
    assert report.source_format == "pdf"
    assert report.pages == 9
    assert (report.words_read, report.words_kept) == (3205, 3030)
    assert report.words_dropped == {"front_matter": 4, "header_footer": 171}
    assert report.prose_dropped_share == 0.0
    assert report.dropped[:4] == [
        ["Andorra 2023 Human Rights Report", "front_matter"],
        ["Country Reports on Human Rights Practices for 2023", "header_footer"],
        [
            "United States Department of State • Bureau of Democracy, Human Rights, and Labor",
            "header_footer",
        ],
        ["1", "header_footer"],
    ]
    assert sum(1 for _, reason in report.dropped if reason == "header_footer") == 27
    # A PDF is stored as the text read from it, without its running heads.
    assert "Country Reports on Human Rights Practices" not in report.raw_text
    assert "United States Department of State" not in report.cleaned_text
    levels = dict(report.sections.values_list("heading", "level"))
    assert levels["Section 1. Respect for the Integrity of the Person"] == 1
    assert levels["b. Disappearance"] == 2
    assert levels["Trial Procedures"] == 3


def test_the_html_and_markdown_imports_store_their_intake_and_source_url() -> None:
    report_import(data=KENYA_HTML.read_bytes(), source=KENYA_HTML.name)
    georgia = CORPUS / "usdos-georgia-2024.md"
    report_import(data=georgia.read_bytes(), source=georgia.name)

    kenya = Report.objects.get(title="Kenya")
    assert (kenya.source_format, kenya.pages, kenya.source_url) == ("html", 0, "")
    assert (kenya.words_read, kenya.words_kept) == (2354, 2313)
    assert ["Relevant Human Rights Watch Reports:", "back_matter"] in kenya.dropped
    assert kenya.raw_text == KENYA_HTML.read_text(encoding="utf-8")
    assert list(kenya.sections.order_by("order").values_list("heading", "level")) == [
        ("HUMAN RIGHTS DEVELOPMENTS", 1),
        ("DEFENDING HUMAN RIGHTS", 1),
        ("THE ROLE OF THE INTERNATIONAL COMMUNITY", 1),
        ("European Union", 2),
        ("United States", 2),
    ]
    report = Report.objects.get(title="Georgia")
    assert report.source_format == "markdown"
    assert report.source_url == (
        "https://www.state.gov/wp-content/uploads/2025/07/624521_GEORGIA-2024-HUMAN-RIGHTS-REPORT.pdf"
    )


def test_show_dropped_lists_every_piece_with_its_reason() -> None:
    output = run(KENYA_HTML, "--show-dropped")
    left_out = output[output.index("Left out:\n") :].splitlines()
    assert left_out == [
        "Left out:",
        "  [navigation] Table of Contents > Africa >",
        "  [before the chapter (title, publication block, teasers)] Kenya",
        "  [table of contents] Human Rights Developments",
        "  [table of contents] Defending Human Rights",
        "  [table of contents] The Role of the International Community",
        "  [back matter] Relevant Human Rights Watch Reports:",
        "  [back matter] In the Shadow of Death: HIV/AIDS and Children's Rights in Kenya, 6/01",
        "  [navigation] Back to Top",
        "  [navigation] Table of Contents > Africa",
    ]


def test_show_dropped_on_a_pdf_names_running_heads_and_page_numbers() -> None:
    output = run(ANDORRA_PDF, "--show-dropped")
    left_out = output[output.index("Left out:\n") :].splitlines()
    assert (
        left_out.count("  [header/footer] Country Reports on Human Rights Practices for 2023") == 9
    )
    for page in range(1, 10):
        assert f"  [header/footer] {page}" in left_out
    assert (
        "  [before the chapter (title, publication block, teasers)] "
        "Andorra 2023 Human Rights Report" in left_out
    )
    assert len(left_out) == 1 + 28


def test_show_dropped_on_markdown_shows_the_footnote_as_notes() -> None:
    output = run(SOMALIA_MD, "--show-dropped")
    assert (
        "  [notes] 1. The United States does not have diplomatic representation in Somalia. "
        "This report draws in part on non-U.S. Government sources.\n"
    ) in output
    assert "  [notes] [end of document]\n" in output
    # 0.4% of the prose-like words (the footnote) is under the warning's 3%.
    assert Report.objects.get().prose_dropped_share == pytest.approx(0.0041, abs=0.0001)
    assert "warning:" not in output


def test_export_bank_sections_carry_their_level(tmp_path) -> None:
    run(KENYA_HTML)
    run(ANDORRA_PDF)
    target = tmp_path / "bank.json"
    call_command("export_bank", "--format", "json", "--output", str(target), stdout=io.StringIO())
    bank = json.loads(target.read_text(encoding="utf-8"))
    by_slug = {r["slug"]: r for r in bank["reports"]}
    assert by_slug["kenya-2001"]["sections"] == [
        {"order": 0, "heading": "HUMAN RIGHTS DEVELOPMENTS", "level": 1},
        {"order": 1, "heading": "DEFENDING HUMAN RIGHTS", "level": 1},
        {"order": 2, "heading": "THE ROLE OF THE INTERNATIONAL COMMUNITY", "level": 1},
        {"order": 3, "heading": "European Union", "level": 2},
        {"order": 4, "heading": "United States", "level": 2},
    ]
    andorra = by_slug["andorra-2023"]["sections"]
    assert {s["level"] for s in andorra} == {1, 2, 3}
    db = dict(Section.objects.filter(report__slug="andorra-2023").values_list("order", "level"))
    assert {s["order"]: s["level"] for s in andorra} == db


# --- the warning -------------------------------------------------------------------------

TRAILING_PROSE = (
    "World Report 2020 - Norland\n\n" + PROSE + "\nRelated content\n\n"
    "A court fined the newspaper Dagbladet 20,000 euros for a report on corruption in the "
    "ministry of defence. The ruling was upheld on appeal in November, and the paper's editor "
    "said it would take the case to the European Court of Human Rights.\n"
)


def test_a_warning_when_prose_after_trailing_chrome_is_left_out(tmp_path) -> None:
    path = tmp_path / "norland.txt"
    path.write_text(TRAILING_PROSE, encoding="utf-8")
    output = run(path, "--show-dropped")

    report = Report.objects.get()
    assert "Dagbladet" not in report.cleaned_text
    assert report.words_dropped == {"back_matter": 42, "front_matter": 3, "navigation": 2}
    # 42 prose words left out of 42 + 56 read.
    assert (report.words_kept, report.prose_dropped_share) == (56, round(42 / 98, 4))
    assert line_of(output, "warning:") == (
        "warning: 42.9% of the prose-like words were left out; "
        "check them with --show-dropped (or on the report's admin page)"
    )
    assert re.search(r"\[back matter\] A court fined the newspaper Dagbladet", output)
    assert "  [navigation] Related content\n" in output


def test_no_warning_when_only_chrome_is_left_out(tmp_path) -> None:
    path = tmp_path / "norland.txt"
    path.write_text("World Report 2020 - Norland\n\n" + PROSE + "\nRelated content\n\nShare\n")
    output = run(path)
    assert Report.objects.get().prose_dropped_share == 0.0
    assert "warning:" not in output


# --- bad files ---------------------------------------------------------------------------

BAD_FILES = {
    "no-text.pdf": (
        (PDF_DIR / "no-text.pdf").read_bytes(),
        "The PDF has no text layer (scanned pages?): OCR is not supported",
    ),
    "truncated.pdf": (
        (PDF_DIR / "truncated.pdf").read_bytes(),
        "The PDF could not be read: it is damaged or incomplete.",
    ),
    "scan.pdf": (PNG, "The file is an image, not a PDF: OCR is not supported."),
    "empty-body.html": (
        b"<html><head><title>World Report 2020: Norland</title></head><body></body></html>",
        "No text found in the web page: the body is empty.",
    ),
    "nav-only.html": (
        b"<html><head><title>World Report 2020: Norland</title></head><body><nav><ul>"
        b"<li><a href='/'>Home</a></li><li><a href='/countries'>Countries</a></li>"
        b"<li><a href='/about'>About us</a></li></ul></nav></body></html>",
        "No text found in the web page: it has only navigation and page furniture.",
    ),
    "empty.txt": (b"", "The file is empty: there is nothing to import."),
    "untitled.txt": (PROSE.encode(), "No title found in the text: give one with --title"),
    "no-year.txt": (
        # A country's name alone is a title; nothing gives a year.
        ("Kenya\n\n" + PROSE).encode(),
        "No period found for “Kenya”: give one with --period",
    ),
    "no-year.md": (("# Norland\n\n" + PROSE).encode(), "No period found for “Norland”"),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_bad_file_is_one_line_error_and_writes_nothing(tmp_path, name: str) -> None:
    run(SOMALIA_MD)
    before = counts()
    data, message = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(data)

    with pytest.raises(CommandError) as raised:
        run(path)

    error = str(raised.value)
    assert error.startswith(f"{path}: ")
    assert message in error
    assert "\n" not in error
    assert counts() == before


def test_missing_title_and_period_can_be_given() -> None:
    summary = report_import(
        data=PROSE.encode(), source="untitled.txt", title="Norland", period="Events of 2030"
    )
    assert (summary.report.title, summary.report.period) == ("Norland", "Events of 2030")
    assert summary.report.source_format == "text"


# --- the admin upload --------------------------------------------------------------------


def summary_of(response) -> str:
    summary = BeautifulSoup(response.content, "html.parser").select_one("pre.rc-summary")
    return summary.get_text() if summary else ""


@pytest.mark.parametrize(
    ("path", "title", "lines"),
    [
        (
            ANDORRA_PDF,
            "Andorra",
            ["format: pdf, 9 pages", "words: 3,205 read, 3,030 kept in the chapter, 175 left out"],
        ),
        (
            KENYA_HTML,
            "Kenya",
            ["format: html", "words: 2,354 read, 2,313 kept in the chapter, 41 left out"],
        ),
    ],
    ids=["pdf", "html"],
)
def test_the_admin_upload_accepts_a_pdf_and_a_web_page(admin_client, path, title, lines) -> None:
    response = admin_client.post(UPLOAD, {"file": SimpleUploadedFile(path.name, path.read_bytes())})
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.title, report.source) == (title, path.name)
    summary = summary_of(admin_client.get(UPLOAD))
    assert summary.startswith(f"Report: {title} — {report.period}\n")
    summary_lines = [line.strip() for line in summary.splitlines()]
    for line in lines:
        assert line in summary_lines
    assert f"sections: {report.sections.count()}" in summary_lines


def test_the_admin_upload_refuses_an_image_named_pdf_and_writes_nothing(admin_client) -> None:
    response = admin_client.post(UPLOAD, {"file": SimpleUploadedFile("scan.pdf", PNG)})
    assert response.status_code == 400
    errors = " ".join(
        e.get_text(" ") for e in BeautifulSoup(response.content, "html.parser").select(".errorlist")
    )
    assert "The file is an image, not a PDF: OCR is not supported." in errors
    assert not Report.objects.exists()
