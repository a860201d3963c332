from __future__ import annotations

import pytest

from content.pipeline.candidates import find_candidates
from content.pipeline.questions import (
    BLANK,
    Casing,
    attribute,
    core_statement,
    fill_in_stem,
    plain,
    replace_focus,
    wh_question,
)

CASING = Casing.from_texts(
    [
        "North Korea remains repressive.",
        "The report writes women, harsh punishments and the government in lowercase.",
        "Officials in China and Beijing officials met.",
    ]
)


def focus_of(text: str, wanted: str):
    return next(c for c in find_candidates(text) if c.text == wanted)


def statement(text: str, wanted: str | None) -> str | None:
    focus = focus_of(text, wanted) if wanted else None
    result = core_statement(text, focus)
    return plain(result) if result is not None else None


def test_a_list_after_a_colon_is_cut_when_the_fact_comes_before_it():
    text = "North Korea has ratified five human rights treaties: the CRC, the CRPD, and others."
    assert statement(text, "five") == "North Korea has ratified five human rights treaties."


def test_the_clause_with_the_fact_is_kept_and_the_clause_after_it_cut():
    text = (
        "In 2011, before the rise of Kim Jong-un, 2,706 North Koreans arrived in South Korea, "
        "compared to 1,127 in 2017, and only 808 between January and September 2018."
    )
    assert (
        statement(text, "2,706")
        == "In 2011, before the rise of Kim Jong-un, 2,706 North Koreans arrived in South Korea."
    )


def test_a_trailing_participle_is_cut_but_a_subject_alone_is_never_left():
    text = "In 2017, the DPRK fired 23 missiles, raising tensions on the peninsula to a high."
    assert statement(text, "23") == "In 2017, the DPRK fired 23 missiles."
    text = "US President Donald Trump, despite raising abuses in a speech, did not raise them."
    assert statement(text, "Donald Trump") != "US President Donald Trump."


def test_discourse_openers_and_parentheses_without_the_fact_are_dropped():
    text = "But in 2017, the Democratic People’s Republic of Korea (DPRK) fired 23 missiles."
    assert (
        statement(text, "23")
        == "In 2017, the Democratic People’s Republic of Korea fired 23 missiles."
    )


def test_the_time_frame_stays_when_the_clause_before_the_fact_is_cut():
    text = "In 2016, the army shelled towns, but 14 villages were rebuilt by the end of the year."
    assert statement(text, "14") == "In 2016, 14 villages were rebuilt by the end of the year."


def test_a_statement_whose_subject_points_back_cannot_stand_alone():
    assert statement("It also prohibits 12 independent newspapers in the capital.", "12") is None
    assert statement("These include 14 camps run by the ministry in the north.", "14") is None


def test_a_fact_inside_dashes_becomes_a_statement_about_their_owner():
    text = (
        "In his seventh year in power, Kim Jong-un—who serves as chairman of the States "
        "Affairs Commission—continues to exercise almost total control."
    )
    assert (
        statement(text, "States Affairs Commission")
        == "Kim Jong-un serves as chairman of the States Affairs Commission."
    )


def test_a_fact_in_a_relative_clause_about_the_subject_becomes_its_own_statement():
    text = (
        "The North Korean Human Rights Act, which came into effect in September 2016, "
        "requires Seoul to act on the findings."
    )
    assert (
        statement(text, "September 2016")
        == "The North Korean Human Rights Act came into effect in September 2016."
    )


def test_a_possessive_cannot_be_blanked():
    text = "China’s government bolstered efforts along the border with Russia."
    assert core_statement(text, focus_of(text, "China")) is None
    assert core_statement(text, focus_of(text, "Russia")) is not None


def test_a_statement_that_is_too_long_is_refused():
    text = "In 2017, the army fired 23 missiles " + "and more " * 40 + "at sea."
    assert statement(text, "23") is None


def test_attribution_puts_common_words_in_lowercase_and_keeps_names():
    assert attribute("The government restricts travel.", CASING) == (
        "According to the report, the government restricts travel."
    )
    assert attribute("Harsh punishments apply.", CASING).startswith(
        "According to the report, harsh"
    )
    assert attribute("Beijing denies permission.", CASING).endswith("Beijing denies permission.")
    assert attribute("Russia remains a partner.", CASING).endswith("Russia remains a partner.")


def test_a_statement_with_its_own_source_is_attributed_without_a_second_according_to():
    text = "Torture remains widespread in custody, according to lawyers."
    assert attribute(text, CASING) == (
        "The report says that torture remains widespread in custody, according to lawyers."
    )


def test_a_name_that_opens_the_statement_keeps_its_capitals():
    assert attribute("Human Rights Watch documented 26 cases.", CASING).endswith(
        "report, Human Rights Watch documented 26 cases."
    )
    assert attribute("Starting March 2018, talks began.", CASING).endswith(
        "starting March 2018, talks began."
    )


def test_a_term_in_final_parentheses_becomes_known_as_blank():
    text = (
        "Failing to show up for work without permission is a crime punishable by three to six "
        "months in forced labor training camps (rodong dallyeondae)."
    )
    focus = focus_of(text, "rodong dallyeondae")
    stem, template = fill_in_stem(core_statement(text, focus), focus)
    assert stem == (
        "Failing to show up for work without permission is a crime punishable by three to six "
        f"months in forced labor training camps, known as {BLANK}."
    )
    assert template == "fill-known-as"


def test_a_term_in_parentheses_mid_sentence_is_blanked_inside_them():
    text = "Prisoners in political prisons (kwanliso) face forced labor in dangerous conditions."
    focus = focus_of(text, "kwanliso")
    stem, _ = fill_in_stem(core_statement(text, focus), focus)
    assert f"political prisons (known as {BLANK}) face" in stem


def test_a_blank_sits_exactly_where_the_answer_was():
    text = "Japan continues to demand the return of 12 Japanese citizens from the north."
    focus = focus_of(text, "12")
    stem, template = fill_in_stem(core_statement(text, focus), focus)
    assert (
        stem == f"Japan continues to demand the return of {BLANK} Japanese citizens from the north."
    )
    assert template == "fill-blank"
    assert replace_focus(core_statement(text, focus), "13").startswith("Japan continues")


def ask(text: str, wanted: str):
    return wh_question(text, focus_of(text, wanted), find_candidates(text), CASING)


def test_a_figure_as_subject_is_asked_with_how_many():
    wh = ask("On August 19, five victims of the campaign sued the government for damages.", "five")
    assert (
        wh.question
        == "On August 19, how many victims of the campaign sued the government for damages?"
    )
    assert wh.template == "mc-how-many-subject"


def test_a_figure_sharing_its_subject_is_asked_with_its_own_time_frame():
    text = (
        "In 2011, 2,706 North Koreans arrived in South Korea, compared to 1,127 in 2017, "
        "and only 808 between January and September 2018."
    )
    wh = ask(text, "808")
    assert wh.question == (
        "How many North Koreans arrived in South Korea between January and September 2018?"
    )
    assert wh.statement == (
        "808 North Koreans arrived in South Korea between January and September 2018."
    )


@pytest.mark.parametrize(
    ("text", "wanted", "question"),
    [
        (
            "North Korea has ratified five human rights treaties: the CRC and others.",
            "five",
            "How many human rights treaties has North Korea ratified?",
        ),
        (
            "In 2017, the DPRK fired 23 missiles during 16 tests and conducted a nuclear test.",
            "23",
            "In 2017, how many missiles did the DPRK fire during 16 tests?",
        ),
        (
            "Authorities blocked 14 news websites and jailed 9 journalists in 2017.",
            "14",
            "How many news websites did authorities block in 2017?",
        ),
        (
            "Monitors documented 26 cases of enforced disappearance between March and October.",
            "26",
            "How many cases of enforced disappearance did monitors document between March and "
            "October?",
        ),
    ],
)
def test_a_figure_as_object_is_asked_with_the_right_auxiliary(text, wanted, question):
    assert ask(text, wanted).question == question


def test_a_name_as_subject_is_asked_with_which():
    wh = ask("China is the most influential international actor in North Korea.", "China")
    assert (
        wh.question == "Which country is the most influential international actor in North Korea?"
    )
    wh = ask(
        "The Ministry of People’s Security considers defection a crime.",
        "Ministry of People’s Security",
    )
    assert wh.question == "Which ministry considers defection a crime?"


def test_no_question_is_asked_where_it_would_be_negative_or_the_name_is_not_the_subject():
    assert ask("China did not raise rights during the summit in June.", "China") is None
    assert (
        ask("The United States government imposes sanctions on officials.", "United States") is None
    )
    assert ask("Only 808 North Koreans did not arrive in the south.", "808") is None


def test_a_title_before_a_blanked_name_keeps_its_capital_and_a_common_word_does_not():
    assert attribute("President _____ agreed in March.", CASING).endswith(
        "report, President _____ agreed in March."
    )
    assert attribute("Starting _____, talks began.", CASING).endswith(
        "report, starting _____, talks began."
    )
