"""Which facts make fair questions and which distractors are fair (content.pipeline.choosing),
and how generation uses it. No database."""

from __future__ import annotations

import pytest

from content.pipeline.choosing import also_true, is_label, is_qualified_number
from content.pipeline.generate import generate_bank
from content.pipeline.structure import parse_document
from content.pipeline.types import Candidate, Sentence


def sentence(text: str) -> Sentence:
    return Sentence(index=0, section_order=0, paragraph=0, text=text, start=0, end=len(text))


def focus(text: str, value: str, kind: str) -> Candidate:
    start = text.index(value)
    return Candidate(kind=kind, text=value, start=start, end=start + len(value))


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("Courts applied the 1993 Constitution in most cases.", "1993", "year"),
        (
            "There were no developments in the March 2009 case of the police chief.",
            "March 2009",
            "date",
        ),
        ("Radio Echo 2003 was closed by the authorities.", "2003", "year"),
        ("The council adopted Resolution 1070 on the mission.", "1070", "number"),
    ],
)
def test_a_value_that_names_something_is_a_label(text, value, kind):
    assert is_label(sentence(text), focus(text, value, kind))


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("The constitution was adopted in 1993 after a referendum.", "1993", "year"),
        ("Police detained 12 journalists in March 2009.", "12", "number"),
        ("In 2003 the radio station was closed.", "2003", "year"),
    ],
)
def test_a_value_that_is_the_fact_is_no_label(text, value, kind):
    assert not is_label(sentence(text), focus(text, value, kind))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Detainees were held 48 hours or more without charge.", "48"),
        ("Workers aged 18 or older may join a union.", "18"),
        ("Several fifty million dollars were pledged.", "fifty million"),
        ("Police arrested more than 4,000 people.", "4,000"),
    ],
)
def test_a_bounded_or_vague_figure_is_qualified(text, value):
    assert is_qualified_number(sentence(text), focus(text, value, "number"))


def test_a_distractor_the_chapter_says_the_same_of_is_also_true():
    source = "Japan welcomed the release of the prisoners in May."
    sentences = {0: source, 5: "Two weeks later, South Korea applauded the prisoners' release."}
    assert also_true("South Korea", answer="Japan", source=source, sentences=sentences, where=[5])
    other = {0: source, 5: "South Korea held elections in June."}
    assert not also_true("South Korea", answer="Japan", source=source, sentences=other, where=[5])


CHAPTER = """\
Valdoria — Events of 2016

International Actors

Japan welcomed the release of the prisoners in May. Canada funded a new court building in \
the capital. Two weeks later, Norway applauded the prisoners' release. Germany opened a \
trade office in Port Ellis. France hosted the finance minister in April. Italy sent \
election observers in June.
"""


def test_no_multiple_choice_offers_a_distractor_the_chapter_says_is_also_true():
    bank = generate_bank(parse_document(CHAPTER))
    about_release = [
        q for q in bank.questions if q.type == "multiple_choice" and "release" in q.prompt
    ]
    assert about_release
    for question in about_release:
        assert "Norway" not in {c.text for c in question.choices if not c.is_correct}


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("Only 808 defectors arrived in South Korea in 2018.", "808", "number"),
        ("Between 2011 and 2018 arrivals fell.", "2011", "year"),
        ("At 17, she was sent to a labor camp.", "17", "number"),
    ],
)
def test_a_sentence_opening_word_before_a_figure_is_no_name(text, value, kind):
    assert not is_label(sentence(text), focus(text, value, kind))


def test_un_bodies_written_with_dots_are_un_bodies():
    from content.pipeline.distractors import org_class

    assert org_class("U.N. Human Rights Committee") == "un"
    assert org_class("U.N. Security Council") == "un"
    assert org_class("UN Panel of Experts") == "un"
