from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content.pipeline.structure import parse_document
from content.pipeline.types import Document, PipelineError

SEED = Path(__file__).resolve().parents[2] / "content" / "reports" / "north-korea-2018.txt"

PROSE = (
    "The government restricts all civil and political liberties. "
    "It also prohibits all organized political opposition."
)


@pytest.fixture(scope="module")
def seed() -> Document:
    return parse_document(SEED.read_text(encoding="utf-8"))


def _assert_offsets_exact(document: Document) -> None:
    for i, sentence in enumerate(document.sentences):
        assert sentence.index == i
        assert document.cleaned_text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
        assert sentence.text


def test_seed_title_and_period(seed: Document) -> None:
    assert seed.title == "North Korea"
    assert seed.period == "Events of 2018"


def test_seed_body_starts_with_its_first_sentence(seed: Document) -> None:
    assert seed.cleaned_text.startswith(
        "North Korea remains one of the world\u2019s most repressive states. In his"
    )
    assert seed.sentences[0].text == (
        "North Korea remains one of the world\u2019s most repressive states."
    )


def test_seed_body_ends_with_its_last_sentence(seed: Document) -> None:
    assert seed.sentences[-1].text == (
        "China has the ability to pressure North Korea on human rights, but has declined to "
        "do so, including during President Xi Jinping\u2019s three meetings with Kim in "
        "2018\u2014in March, May, and June."
    )
    assert seed.cleaned_text.endswith(seed.sentences[-1].text)


@pytest.mark.parametrize(
    "chrome",
    [
        "Skip to main content",
        "illustration",
        "Keynote",
        "Essays",
        "\u00a9",
        "AP Photo",
        "Sentosa Island",  # the photo caption
        "Equatorial Guinea",
        "equatorialguinea",
        "Events of 2018",
        "Global Institutions Gasp",
        "Silicon Valley",
        "Living Longer, Locked Away",
        "\u00a0",
        " \n",
        "  ",
    ],
)
def test_seed_cleaned_text_has_no_web_chrome(seed: Document, chrome: str) -> None:
    assert chrome not in seed.cleaned_text


def test_seed_keeps_the_reports_own_words(seed: Document) -> None:
    text = seed.cleaned_text
    assert "Kim Jong-n at their summit" in text  # the source's own typo
    assert "rodong dallyeondae" in text and "rodong danryeonda" in text
    assert "\u201ctreachery against the nation.\u201d" in text
    assert "citizens\u2014 including women" in text
    assert "crimes against humanity are held to account" in text  # NBSP became a space


def test_seed_paragraphs_and_headings_are_separated_by_one_blank_line(seed: Document) -> None:
    pieces = seed.cleaned_text.split("\n\n")
    assert len(pieces) == 23 + 5
    assert all(piece and "\n" not in piece for piece in pieces)


def test_seed_has_sixty_sentences_with_exact_offsets(seed: Document) -> None:
    # Counted by hand: 23 paragraphs and 37 sentence breaks inside them.
    assert len(seed.sentences) == 60
    _assert_offsets_exact(seed)
    assert max(s.paragraph for s in seed.sentences) == 22


def test_headings_are_not_sentences(seed: Document) -> None:
    headings = {s.heading for s in seed.sections}
    assert not any(sentence.text in headings for sentence in seed.sentences)


def test_explicit_title_and_period_override_detection() -> None:
    document = parse_document(
        SEED.read_text(encoding="utf-8"), title="  DPRK ", period="Events of 2018 (draft)"
    )
    assert document.title == "DPRK"
    assert document.period == "Events of 2018 (draft)"


def test_explicit_title_alone_keeps_the_detected_period() -> None:
    document = parse_document(SEED.read_text(encoding="utf-8"), title="DPRK")
    assert document.period == "Events of 2018"


def test_explicit_title_picks_the_matching_candidates_period() -> None:
    text = f"Laos\nEvents of 2016\n\nVietnam\nEvents of 2017\n\n{PROSE}"
    assert parse_document(text, title="vietnam").period == "Events of 2017"


def test_text_without_a_title_uses_the_given_one_with_no_period() -> None:
    document = parse_document(PROSE, title="Eritrea")
    assert (document.title, document.period) == ("Eritrea", "")
    assert [s.text for s in document.sentences] == [
        "The government restricts all civil and political liberties.",
        "It also prohibits all organized political opposition.",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("  \n\u00a0\n\t ", "empty"),
        ("Home\nNews\nNorth Korea\nEvents of 2018\nShare", "No paragraphs of prose"),
        ("apple banana cherry date elderberry fig grape", "No paragraphs of prose"),
        ("North Korea\nEvents of 2018\n\nCats. Dogs. Birds.", "No paragraphs of prose"),
        (PROSE, "--title"),
    ],
)
def test_unusable_input_raises_a_one_line_pipeline_error(text: str, message: str) -> None:
    with pytest.raises(PipelineError) as raised:
        parse_document(text)
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


def test_the_same_text_gives_the_same_document() -> None:
    raw = SEED.read_text(encoding="utf-8")
    assert parse_document(raw) == parse_document(raw)


_FRAGMENTS = st.sampled_from(
    [
        "North Korea",
        "Events of 2018",
        "World Report 2019 - Kenya",
        "Forced Labor",
        "\u00a9 2018 AP Photo",
        "illustration",
        "Share this via Facebook",
        "The U.S. and the U.N. met on Jan. 5.",
        "Dr. Kim said \u201cno.\u201d Then he left!",
        "It rose 3.5 percent\u2014a record.",
        "Kim Jong-un met Moon Jae-in three times in 2018.",
        "The government restricts all liberties. It bans parties.",
        "George W. Bush",
        "e.g. this, i.e. that, etc.",
        "?",
        ".",
        " ",
        "\u00a0",
        "\n",
        "\n\n",
        "\t",
        "\r\n",
        "\u2028",
    ]
)
_TEXTS = st.one_of(
    st.text(),
    st.lists(st.one_of(_FRAGMENTS, st.text(max_size=5)), max_size=40).map("".join),
)


def _check(text: str, title: str | None) -> None:
    try:
        document = parse_document(text, title=title)
    except PipelineError as error:
        assert str(error) and "\n" not in str(error)
        return
    _assert_offsets_exact(document)
    assert document.title
    text_ = document.cleaned_text
    for section in document.sections:
        assert 0 <= section.start < section.end <= len(text_)
    assert [s.order for s in document.sections] == list(range(len(document.sections)))
    assert {s.section_order for s in document.sentences} <= {s.order for s in document.sections}


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=300)
@given(_TEXTS, st.sampled_from([None, "Kenya"]))
def test_any_text_gives_exact_offsets_or_a_pipeline_error(text: str, title: str | None) -> None:
    _check(text, title)
