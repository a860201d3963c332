"""One question per sentence and the true/false balance (content.pipeline.balance), and the
rules a false statement follows (generate._clearly_false), on small hand-made banks."""

from __future__ import annotations

import pytest

from content.pipeline.balance import MAX_TRUE_SHARE, one_question_per_sentence
from content.pipeline.generate import _clearly_false, _in_brackets
from content.pipeline.types import Candidate, Question, Sentence


def sentence(i: int) -> Sentence:
    text = f"Sentence number {i} says something about the country."
    return Sentence(index=i, section_order=0, paragraph=i, text=text, start=0, end=len(text))


def question(i: int, type_: str, answer: str = "x", *, held: bool = False) -> Question:
    return Question(
        type=type_,
        prompt=f"{type_} {i} {answer}",
        answer=answer,
        explanation="",
        sentence_index=i,
        topics=("overview",),
        review_reasons=("needs_context",) if held else (),
    )


def test_a_sentence_is_asked_once_multiple_choice_first_and_its_cards_stay():
    sentences = [sentence(0)]
    options = [
        question(0, "flashcard"),
        question(0, "fill_in"),
        question(0, "multiple_choice"),
        question(0, "true_false", "True"),
    ]

    bank, alternates = one_question_per_sentence(options, sentences)

    assert [q.type for q in bank] == ["flashcard", "multiple_choice"]
    assert {q.type for q in alternates} == {"fill_in", "true_false"}


def test_a_sentence_with_nothing_publishable_keeps_its_held_questions_for_review():
    sentences = [sentence(0)]
    options = [question(0, "fill_in", held=True), question(0, "true_false", "True", held=True)]

    bank, alternates = one_question_per_sentence(options, sentences)

    # The true statement only when nothing else is held: it restates the whole sentence.
    assert [q.type for q in bank] == ["fill_in"]
    assert not alternates


def test_true_statements_never_outnumber_false_ones_beyond_the_house_share():
    sentences = [sentence(i) for i in range(60)]
    options = [question(i, "true_false", "True") for i in range(16)]
    options += [question(i, "true_false", "False") for i in range(16, 20)]
    options += [question(i, "multiple_choice") for i in range(20, 60)]

    bank, _ = one_question_per_sentence(options, sentences)

    trues = sum(q.answer == "True" for q in bank)
    falses = sum(q.answer == "False" for q in bank)
    assert falses == 4
    assert trues / (trues + falses) <= MAX_TRUE_SHARE
    assert trues >= 5  # trimmed to the share, not to nothing


def test_sentences_switch_to_their_false_statement_to_match_the_true_ones():
    sentences = [sentence(i) for i in range(40)]
    options = [question(i, "true_false", "True") for i in range(10)]
    for i in range(10, 40):
        options += [question(i, "fill_in"), question(i, "true_false", "False")]

    bank, _ = one_question_per_sentence(options, sentences)

    falses = sum(q.type == "true_false" and q.answer == "False" for q in bank)
    trues = sum(q.type == "true_false" and q.answer == "True" for q in bank)
    assert falses >= 5
    assert trues / (trues + falses) <= MAX_TRUE_SHARE
    assert len({q.sentence_index for q in bank}) == len(bank)


def number(text: str, meaning: str) -> Candidate:
    return Candidate("number", text, 0, len(text), meaning)


@pytest.mark.parametrize(
    ("focus", "option", "false"),
    [
        (number("five", "human rights treaties"), "four", False),  # still literally true
        (number("five", "human rights treaties"), "six", True),
        (number("2,706", "North Koreans"), "1,353", False),
        (number("2,706", "North Koreans"), "3,518", True),
        (number("2,706", "North Koreans"), "2,800", False),  # too close to weigh
        (number("12", "percent"), "6", True),  # a share is false either way
        (number("10", "years"), "9", False),  # a year off a sentence is a nitpick
        (number("10", "years"), "5", True),
        (Candidate("year", "1960", 0, 4), "1959", False),
        (Candidate("year", "1960", 0, 4), "1957", True),
        (Candidate("date", "November 1", 0, 10), "December 8", False),  # a day's trick
        (Candidate("date", "March 23", 0, 8), "September 19", True),
        (Candidate("date", "March 2018", 0, 10), "February 2018", False),
        (Candidate("date", "March 2018", 0, 10), "March 2016", True),
    ],
)
def test_a_false_statement_is_one_no_careful_reader_could_call_true(focus, option, false):
    assert _clearly_false(focus, option) is false


def test_a_figure_in_brackets_is_a_gloss_never_swapped():
    text = "Victims paid $20 (50,000 leones) for a form."
    inside = Candidate("number", "50,000", text.index("50,000"), text.index("50,000") + 6)
    outside = Candidate("number", "20", text.index("20"), text.index("20") + 2)
    assert _in_brackets(text, inside)
    assert not _in_brackets(text, outside)


def test_true_false_is_at_most_its_share_of_the_bank():
    sentences = [sentence(i) for i in range(20)]
    options = [question(i, "true_false", "True") for i in range(10)]
    options += [question(i, "true_false", "False") for i in range(10, 16)]
    options += [question(i, "multiple_choice") for i in range(16, 20)]

    bank, _ = one_question_per_sentence(options, sentences)

    statements = sum(q.type == "true_false" for q in bank)
    assert 0 < statements <= 0.4 * len(bank)
