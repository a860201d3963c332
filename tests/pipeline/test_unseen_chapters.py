"""Chapters in the other layouts the importer must read, written for these tests.

Each sample in ``samples/`` has a different title layout and a different kind of
web chrome; the expected titles, periods, headings and sentence counts were
checked by reading the files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from content.pipeline.structure import parse_document
from content.pipeline.types import Document, PipelineError

SAMPLES = Path(__file__).resolve().parent / "samples"
SEED = Path(__file__).resolve().parents[2] / "content" / "reports" / "north-korea-2018.txt"


@dataclass(frozen=True)
class Expected:
    file: str
    title: str
    period: str
    headings: tuple[str, ...]
    sentences: int
    first: str
    last: str
    chrome: tuple[str, ...]  # strings of the page that must not reach the cleaned text
    given_title: str | None = None


CHAPTERS = [
    Expected(
        file="kenya-world-report-dash.txt",
        title="Kenya",
        period="Events of 2018",  # World Report 2019 covers the events of 2018
        headings=("Overview", "Police Conduct", "Freedom of Expression", "Refugees"),
        sentences=13,
        first="Kenya\u2019s government made little progress in 2018 on accountability",
        last="The U.N. refugee agency (UNHCR) said returns to Somalia must be voluntary.",
        chrome=(
            "Skip to main content",
            "Menu",
            "World Report",
            "Keynote",
            "Share this",
            "Other ways to share",
            "Donate",
            "tax deductible",
            "Region / Country",
            "Africa",
            "Refugees and Migrants",
            "Related Content",
            "Police Killings in Nairobi Slums",
            "informal settlements",
            "\u00a9",
        ),
    ),
    Expected(
        file="burma-world-report-events.txt",
        title="Burma",
        period="Events of 2017",
        headings=(
            "Overview",
            "Ethnic Cleansing in Rakhine State",
            "Freedom of Media",
            "Key International Actors",
        ),
        sentences=13,
        first="The human rights situation in Burma deteriorated sharply in 2017.",
        last=(
            "The European Union suspended invitations to senior military officers and "
            "reaffirmed its arms embargo."
        ),
        chrome=("Skip to main content", "World Report", "Events of 2017"),
    ),
    Expected(
        file="eritrea-no-title.txt",
        title="Eritrea",
        period="",
        headings=("Overview", "Arbitrary Detention", "Freedom of Religion"),
        sentences=11,
        first="Eritrea remains one of the most closed countries in the world.",
        last="The authorities detained at least 140 Christians in raids in May and June.",
        chrome=(),
        given_title="Eritrea",
    ),
    Expected(
        file="cambodia-no-headings.txt",
        title="Cambodia",
        period="Events of 2017",
        headings=("Overview",),
        sentences=7,
        first="Cambodia\u2019s human rights situation deteriorated dramatically in 2017",
        last=(
            "The Cambodia Daily, an independent English-language newspaper, closed on Sept. 4 "
            "after the tax department demanded it pay $6.3 million in taxes."
        ),
        chrome=("Events of 2017",),
    ),
    Expected(
        file="venezuela-caption-credit.txt",
        title="Venezuela",
        period="Events of 2018",
        headings=("Overview", "Humanitarian Crisis", "Political Prisoners"),
        sentences=11,
        first="No independent government institutions remain today in Venezuela",
        last=(
            "Many were held in the headquarters of the intelligence service, known as "
            "\u201cEl Helicoide.\u201d"
        ),
        chrome=(
            "Skip to main content",
            "Events of 2018",
            "Demonstrators clash",
            "Reuters",
            "A nurse checks on a newborn",
            "Meridith Kohut",
            "\u00a9",
            "\u00a0",
            "\t",
            "  ",
        ),
    ),
    Expected(
        file="syria-teaser-before-title.txt",
        title="Syria",
        period="Events of 2018",
        headings=("Overview", "Chemical Weapons", "Arbitrary Detention and Disappearances"),
        sentences=12,
        first="The Syrian government, backed by Russia and Iran, retook large parts",
        last="Families received no bodies and no explanation.",
        chrome=(
            "Skip to main content",
            "illustration",
            "Iraq",
            "Events of 2018",
            "Related Content",
            "Detainees Listed as Dead",
            "More reading",
            "Lebanon\n",
        ),
    ),
    Expected(
        file="tunisia-wrapped-lines.txt",
        title="Tunisia",
        period="Events of 2018",
        headings=("Overview", "Women's Rights", "Counterterrorism and Detention"),
        sentences=6,
        first="Tunisia made progress on some rights in 2018, but the authorities continued to use",
        last=(
            "The Interior Ministry placed at least 134 people under house arrest, according to "
            "its own figures."
        ),
        chrome=("World Report", "Rights Trends", "Human Rights Watch"),
    ),
    Expected(
        file="ethiopia-colon-title-footer.txt",
        title="Ethiopia",
        period="Events of 2017",
        headings=(
            "Overview",
            "Freedom of Expression",
            "Refugees and Displacement",
            "Key International Actors",
        ),
        sentences=14,
        first="Ethiopia’s human rights situation remained precarious in 2017.",
        last=(
            "The African Commission on Human and Peoples’ Rights (ACHPR) made a similar request, "
            "which the government rejected."
        ),
        chrome=(
            "Donate Now",
            "Reuters",
            "Share this via",
            "Download the full report",
            "Related Content",
            "Free Opposition Leader",
            "Region / Country",
            "Join our movement",
            "©",
        ),
    ),
]


def _parse(chapter: Expected) -> Document:
    raw = (SAMPLES / chapter.file).read_text(encoding="utf-8")
    return parse_document(raw, title=chapter.given_title)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.file)
def test_unseen_chapter_gets_its_title_and_period(chapter: Expected) -> None:
    document = _parse(chapter)
    assert (document.title, document.period) == (chapter.title, chapter.period)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.file)
def test_unseen_chapter_gets_its_sections(chapter: Expected) -> None:
    assert tuple(s.heading for s in _parse(chapter).sections) == chapter.headings


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.file)
def test_unseen_chapter_sentences_are_exact_and_complete(chapter: Expected) -> None:
    document = _parse(chapter)
    assert len(document.sentences) == chapter.sentences
    assert document.sentences[0].text.startswith(chapter.first)
    assert document.sentences[-1].text == chapter.last
    assert document.cleaned_text.startswith(chapter.first)
    for sentence in document.sentences:
        assert document.cleaned_text[sentence.start : sentence.end] == sentence.text
        assert re.search(r"[.!?][\u201d\u2019\")]*$", sentence.text), sentence.text


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.file)
def test_unseen_chapter_text_has_no_web_chrome(chapter: Expected) -> None:
    text = _parse(chapter).cleaned_text
    for chrome in chapter.chrome:
        assert chrome not in text


def test_a_chapter_without_a_title_line_needs_a_title() -> None:
    raw = (SAMPLES / "eritrea-no-title.txt").read_text(encoding="utf-8")
    with pytest.raises(PipelineError, match="--title"):
        parse_document(raw)


def test_the_seed_reads_the_same_with_single_newlines_between_paragraphs() -> None:
    raw = SEED.read_text(encoding="utf-8")
    single = re.sub(r"\n[ \u00a0]*\n+", "\n", raw)
    assert "\n\n" not in single
    assert parse_document(single) == parse_document(raw)


def test_the_seed_reads_the_same_with_windows_line_endings() -> None:
    raw = SEED.read_text(encoding="utf-8")
    assert parse_document(raw.replace("\n", "\r\n")) == parse_document(raw)


def test_the_other_chapters_teaser_wins_nothing_when_placed_first() -> None:
    raw = SEED.read_text(encoding="utf-8")
    teaser = "Equatorial Guinea\n\nEvents of 2018\n\n"
    document = parse_document(teaser + raw)
    assert document.title == "North Korea"
    assert "Equatorial Guinea" not in document.cleaned_text
