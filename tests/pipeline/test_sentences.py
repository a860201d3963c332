from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from content.pipeline.sentences import sentence_spans, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "He met officials in the U.S. and in Seoul. Then he left.",
            ["He met officials in the U.S. and in Seoul.", "Then he left."],
        ),
        (
            "The U.N. Security Council met twice. It adopted no resolution.",
            ["The U.N. Security Council met twice.", "It adopted no resolution."],
        ),
        (
            "U.S. President Donald Trump met Kim. The talks were short.",
            ["U.S. President Donald Trump met Kim.", "The talks were short."],
        ),
        (
            "He was arrested on Jan. 5 and released on Feb. 9. No charges followed.",
            ["He was arrested on Jan. 5 and released on Feb. 9.", "No charges followed."],
        ),
        (
            "Dr. Kim and Mr. Lee met St. Peter’s envoy. They talked.",
            ["Dr. Kim and Mr. Lee met St. Peter’s envoy.", "They talked."],
        ),
        (
            "The order is Decree No. 12 of 2018. It bans protests.",
            ["The order is Decree No. 12 of 2018.", "It bans protests."],
        ),
        (
            "Some treaties, e.g. the CRC, i.e. a convention, apply. Others do not.",
            ["Some treaties, e.g. the CRC, i.e. a convention, apply.", "Others do not."],
        ),
        (
            "They seized phones, books, etc. and then left. Nobody was charged.",
            ["They seized phones, books, etc. and then left.", "Nobody was charged."],
        ),
        (
            "They seized phones, books, etc. Nobody was charged.",
            ["They seized phones, books, etc.", "Nobody was charged."],
        ),
        (
            "George W. Bush met J. Smith in Texas. They spoke.",
            ["George W. Bush met J. Smith in Texas.", "They spoke."],
        ),
        (
            "Growth was 3.5 percent in 2018. Prices rose 1.2 percent.",
            ["Growth was 3.5 percent in 2018.", "Prices rose 1.2 percent."],
        ),
        (
            "It is a crime of “treachery against the nation.” Harsh punishments apply.",
            ["It is a crime of “treachery against the nation.”", "Harsh punishments apply."],
        ),
        (
            "“We were not free,” she said. “Nobody is.” Then she left.",
            ["“We were not free,” she said.", "“Nobody is.”", "Then she left."],
        ),
        (
            "The camps (known as kwanliso.) Are closed? No! They remain open.",
            ["The camps (known as kwanliso.)", "Are closed?", "No!", "They remain open."],
        ),
        (
            "“Why?” he asked. Nobody answered.",
            ["“Why?” he asked.", "Nobody answered."],
        ),
        (
            "Its citizens— including women—work unpaid. Others—children—too.",
            ["Its citizens— including women—work unpaid.", "Others—children—too."],
        ),
        (
            "In 2011, 2,706 arrived. 1,127 arrived in 2017.",
            ["In 2011, 2,706 arrived.", "1,127 arrived in 2017."],
        ),
        (
            "He waited… Nothing happened.",
            ["He waited…", "Nothing happened."],
        ),
        (
            "The government fired 23 missiles in 2017",
            ["The government fired 23 missiles in 2017"],
        ),
        (
            "Visit example.org.Then stop. Next.",
            ["Visit example.org.Then stop.", "Next."],
        ),
    ],
)
def test_splitter_handles_the_hard_cases(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_acronym_at_the_end_of_a_sentence_ends_it_before_a_sentence_opener() -> None:
    assert split_sentences("Aid came from the U.S. The U.K. sent none.") == [
        "Aid came from the U.S.",
        "The U.K. sent none.",
    ]


def test_initial_before_a_sentence_opener_ends_the_sentence() -> None:
    assert split_sentences("They called it Plan B. It failed.") == [
        "They called it Plan B.",
        "It failed.",
    ]


def test_month_abbreviation_before_a_year_does_not_end_the_sentence() -> None:
    assert split_sentences("It closed in Sept. 2017 for good. Then it reopened.") == [
        "It closed in Sept. 2017 for good.",
        "Then it reopened.",
    ]


def test_spans_exclude_surrounding_whitespace() -> None:
    text = "  First one.   Second one.  "
    spans = list(sentence_spans(text))
    assert spans == [(2, 12), (15, 26)]
    assert [text[a:b] for a, b in spans] == ["First one.", "Second one."]


def test_empty_and_blank_text_have_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences("   ") == []


@given(st.text())
def test_spans_are_ordered_trimmed_and_cover_every_word(text: str) -> None:
    spans = list(sentence_spans(text))
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip()
        assert text[previous_end:start].strip() == ""
        previous_end = end
    assert text[previous_end:].strip() == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "It was cited by Lee et al. (2017) and several monitoring groups.",
            ["It was cited by Lee et al. (2017) and several monitoring groups."],
        ),
        (
            "Talks were later held in the U.S. North Korean envoys attended them in June 2018.",
            [
                "Talks were later held in the U.S.",
                "North Korean envoys attended them in June 2018.",
            ],
        ),
        (
            "Figures from the U.S. Committee for Refugees show 3,000 arrivals.",
            ["Figures from the U.S. Committee for Refugees show 3,000 arrivals."],
        ),
        (
            "The mission was set up by the United Nations (U.N.) in October 2001 to help.",
            ["The mission was set up by the United Nations (U.N.) in October 2001 to help."],
        ),
        (
            "Peacekeepers of the United Nations (U.N.) stayed. They left in 2004.",
            ["Peacekeepers of the United Nations (U.N.) stayed.", "They left in 2004."],
        ),
    ],
)
def test_citations_and_acronyms_end_sentences_only_where_they_should(text, expected):
    assert split_sentences(text) == expected
