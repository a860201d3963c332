from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from content.pipeline.normalize import answer_matches, normalize, same_answer, typo_budget


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Kim Jong-un", "kim jong un"),
        ("KIM  JONG   UN", "kim jong un"),
        ("\u201crodong dallyeondae\u201d", "rodong dallyeondae"),
        ("the world\u2019s", "the worlds"),
        ("the world's", "the worlds"),
        ("border\u2014tightening", "border tightening"),
        ("border\u2013tightening", "border tightening"),
        ("U.S.", "us"),
        ("U.N. Security Council", "un security council"),
        ("(kwanliso)", "kwanliso"),
        ("S\u00e3o Tom\u00e9", "sao tome"),
        ("\uff2e\uff2f\uff32\uff34\uff28", "north"),  # full-width letters (NFKC)
        ("Stra\u00dfe", "strasse"),  # casefold, not lower
        ("a\u00a0b\tc\n d", "a b c d"),
        ("", ""),
        ("  \u2014 ", ""),
    ],
)
def test_normalize_folds_case_quotes_hyphens_and_punctuation(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("five", "5"),
        ("Zero", "0"),
        ("nineteen", "19"),
        ("twenty-three", "23"),
        ("twenty three", "23"),
        ("three hundred", "300"),
        ("three hundred and five", "305"),
        ("one thousand two hundred and thirty-four", "1234"),
        ("two hundred thousand", "200000"),
        ("1.5 million", "1500000"),
        ("2 million people", "2000000 people"),
        ("3 hundred", "300"),
        ("1,127", "1127"),
        ("93,000 people", "93000 people"),
        ("1,127,000", "1127000"),
        ("3.5", "3.5"),
        ("3.5.", "3.5"),
        ("five years", "5 years"),
        ("three to six months", "3 to 6 months"),
    ],
)
def test_normalize_writes_numbers_as_digits(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Two numbers side by side stay two numbers rather than being summed.
        ("five twenty", "5 20"),
        ("nineteen ninety", "19 90"),
        ("ten eleven", "10 11"),
        ("twenty thirty", "20 30"),
        # "and" joins only after hundred or a scale word.
        ("five and twenty", "5 and 20"),
        ("two hundred and", "200 and"),
        # A scale word needs a number before it and must shrink.
        ("thousand", "thousand"),
        ("a million", "a million"),
        ("one thousand million", "1000 million"),
        # Decimal commas and lists are not thousands separators.
        ("1,2", "1 2"),
        ("1,2345", "1 2345"),
        ("5%", "5 percent"),
        # A leading zero of a digit string is kept: 007 is written as is.
        ("007", "007"),
    ],
)
def test_normalize_reads_only_well_formed_number_phrases(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_kim_jong_un_spellings_are_the_same_answer() -> None:
    assert same_answer("Kim Jong-un", "Kim Jong Un")
    assert same_answer("Kim Jong-un", "kim jong\u2011un")  # non-breaking hyphen


def test_number_words_and_digits_are_the_same_answer() -> None:
    assert same_answer("five", "5")
    assert same_answer("1,127", "1127")
    assert same_answer("twenty-three missiles", "23 missiles")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("808", "809"),
        ("3.5", "35"),
        ("Kim Jong-un", "Kim Jong-il"),
        ("kwanliso", "kyohwaso"),
        ("rodong dallyeondae", "rodong danryeonda"),
        ("Moon Jae-in", "Xi Jinping"),
    ],
)
def test_different_answers_are_not_the_same_answer(a: str, b: str) -> None:
    assert not same_answer(a, b)


@pytest.mark.parametrize(
    ("length", "budget"), [(0, 0), (1, 0), (3, 0), (4, 1), (7, 1), (8, 2), (40, 2)]
)
def test_typo_budget_grows_with_length(length: int, budget: int) -> None:
    assert typo_budget(length) == budget


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ("rodong dallyeondae", "rodong dallyeondae"),
        ("Rodong Dallyeondae", "rodong dallyeondae"),
        ("rodong dalyeondae", "rodong dallyeondae"),  # one letter missing
        ("rodong dallyeodnae", "rodong dallyeondae"),  # two letters swapped
        ("kwanlisoo", "kwanliso"),
        ("kwanlso", "kwanliso"),
        ("Kim Jong Un", "Kim Jong-un"),
        ("kim jongun", "Kim Jong-un"),
        ("Security Council", "the Security Council"),
        ("the UN", "U.N."),
        ("five", "5"),
        ("23", "twenty-three"),
        ("1127", "1,127"),
        ("three to six months", "3 to 6 months"),
        ("\u201csongbun\u201d", "songbun"),
        ("Sogbun", "songbun"),
    ],
)
def test_answer_matches_accepts_the_answer_with_small_slips(response: str, expected: str) -> None:
    assert answer_matches(response, expected)


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ("809", "808"),
        ("8080", "808"),
        ("80 8", "808"),  # spacing may not split a number
        ("1128", "1,127"),
        ("3 to 7 months", "3 to 6 months"),
        ("six", "5"),
        ("2017", "2018"),
        ("35", "3.5"),
        ("UM", "UN"),  # short answers allow no typo
        ("cat", "car"),
        ("sonbunn", "songbun"),  # two slips in a 7-letter word
        ("Kim Jong-il", "Kim Jong-un"),  # the short word keeps its zero budget
        ("rodong danryeonda", "rodong dallyeondae"),  # a different facility
        ("Korea", "North Korea"),
        ("", "songbun"),
        ("   ", "songbun"),
        ("?!", "songbun"),
        ("songbun", ""),
    ],
)
def test_answer_matches_rejects_wrong_numbers_and_other_words(response: str, expected: str) -> None:
    assert not answer_matches(response, expected)


def test_answer_matches_caps_total_slips_by_the_whole_answer() -> None:
    # Three words each one slip off: each within its own budget, but three
    # slips are more than a 20-character answer may have.
    assert answer_matches("humen rights council", "human rights council")
    assert not answer_matches("humen rihgts councel", "human rights council")


def test_answer_matches_does_not_accept_typo_and_merged_words_together() -> None:
    assert answer_matches("kimjongun", "Kim Jong-un")
    assert not answer_matches("kimjongum", "Kim Jong-un")


@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(st.text())
def test_normalize_output_has_no_case_hyphens_or_extra_spaces(text: str) -> None:
    out = normalize(text)
    assert out == out.strip()
    assert "  " not in out
    assert "-" not in out
    assert "\u2019" not in out
    assert out.casefold() == out


@given(st.text())
def test_every_answer_with_content_matches_itself(text: str) -> None:
    if normalize(text):
        assert answer_matches(text, text)
    else:
        assert not answer_matches(text, text)


@given(st.text(), st.text())
def test_same_answer_is_symmetric(a: str, b: str) -> None:
    assert same_answer(a, b) == same_answer(b, a)


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=10**6))
def test_different_numbers_never_match(a: int, b: int) -> None:
    assert answer_matches(str(a), f"{b:,}") == (a == b)


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ("March 23rd", "March 23"),
        ("7th", "seventh"),
        ("twenty-first", "21st"),
        ("Dec. 11, 2017", "December 11, 2017"),
        ("Feb 2018", "February 2018"),
        ("sept 3", "September 3"),
    ],
)
def test_dates_and_ordinals_match_in_any_common_form(response, expected):
    assert answer_matches(response, expected)
    assert answer_matches(expected, response)


@pytest.mark.parametrize(
    ("response", "expected"),
    [("Iraq", "Iran"), ("Iran", "Iraq"), ("Niger", "Nigeria"), ("March 23rd", "March 24")],
)
def test_a_typo_never_turns_one_real_name_or_date_into_another(response, expected):
    assert not answer_matches(response, expected)


def test_a_year_before_an_ordinal_word_is_no_twenty_first():
    assert not answer_matches("2011 round", "2010 first round")
