from __future__ import annotations

from dataclasses import replace

import pytest

from content.pipeline.gate import (
    CHECKS,
    GateContext,
    check_answer_in_source,
    check_choices_distinct,
    check_distractor_kind,
    check_exactly_one_correct,
    check_explanation,
    check_has_topic,
    check_malformed_stem,
    check_prompt_gives_answer_away,
    check_time_frame,
    check_trick_wording,
    check_web_chrome,
    review_reasons,
)
from content.pipeline.types import Choice, Question

ARRIVALS = (
    "In 2011, before the rise of Kim Jong-un, 2,706 North Koreans arrived in South Korea, "
    "compared to 1,127 in 2017, and only 808 between January and September 2018."
)
TREATIES = "North Korea has ratified five human rights treaties: the CRC and the CRPD."
CONTEXT = GateContext(
    kinds={
        "china": frozenset({"country"}),
        "japan": frozenset({"country"}),
        "russia": frozenset({"country"}),
        "un security council": frozenset({"organization"}),
    }
)


def mc(**changes) -> Question:
    question = Question(
        type="multiple_choice",
        prompt="According to the report, how many North Koreans arrived in South Korea "
        "between January and September 2018?",
        answer="808",
        explanation="The report says that 808 North Koreans arrived in South Korea.",
        sentence_index=0,
        topics=("border-refugees",),
        answer_kind="number",
        choices=(
            Choice("1,127", False),
            Choice("808", True),
            Choice("2,706", False),
            Choice("1,050", False),
        ),
    )
    return replace(question, **changes)


def tf(prompt: str, answer: str) -> Question:
    return Question(
        type="true_false",
        prompt=prompt,
        answer=answer,
        explanation="The report says five.",
        sentence_index=0,
        topics=("un-accountability",),
        choices=(Choice("True", answer == "True"), Choice("False", answer == "False")),
    )


def fill(prompt: str, answer: str) -> Question:
    return Question(
        type="fill_in",
        prompt=prompt,
        answer=answer,
        explanation="The report says so.",
        sentence_index=0,
        topics=("forced-labor",),
        answer_kind="term",
    )


def card(prompt: str, answer: str) -> Question:
    return Question(
        type="flashcard",
        prompt=prompt,
        answer=answer,
        explanation="The report uses it.",
        sentence_index=0,
        topics=("detention-punishment",),
        answer_kind="term",
    )


def test_a_good_multiple_choice_question_passes_every_check():
    assert review_reasons(mc(), ARRIVALS, CONTEXT) == ()


def test_every_check_is_a_named_function_with_a_docstring():
    assert all(check.__name__.startswith("check_") and check.__doc__ for check in CHECKS)


def test_answer_in_source_passes_when_the_sentence_states_it():
    assert check_answer_in_source(mc(), ARRIVALS, CONTEXT) is None


def test_answer_in_source_fails_when_the_sentence_does_not_state_it():
    assert check_answer_in_source(mc(answer="809"), ARRIVALS, CONTEXT) == "answer_not_in_source"


def test_a_true_statement_must_be_the_source_with_parts_left_out():
    good = tf(
        "According to the report, North Korea has ratified five human rights treaties.", "True"
    )
    assert check_answer_in_source(good, TREATIES, CONTEXT) is None
    bad = tf(
        "According to the report, North Korea has ratified four human rights treaties.", "True"
    )
    assert check_answer_in_source(bad, TREATIES, CONTEXT) == "answer_not_in_source"


def test_a_true_statement_may_not_drop_a_negation():
    sentence = "Moon met with Kim in April, but did not address the human rights situation."
    bad = tf(
        "According to the report, Moon met with Kim in April, but did address the situation.",
        "True",
    )
    assert check_answer_in_source(bad, sentence, CONTEXT) == "answer_not_in_source"


def test_a_false_statement_changes_exactly_one_fact():
    good = tf(
        "According to the report, North Korea has ratified four human rights treaties.", "False"
    )
    assert check_answer_in_source(good, TREATIES, CONTEXT) is None
    same = tf(
        "According to the report, North Korea has ratified five human rights treaties.", "False"
    )
    assert check_answer_in_source(same, TREATIES, CONTEXT) == "false_statement_not_one_change"
    two = tf(
        "According to the report, South Korea has ratified four human rights treaties.", "False"
    )
    assert check_answer_in_source(two, TREATIES, CONTEXT) == "false_statement_not_one_change"


def test_a_false_statement_may_swap_in_a_figure_from_elsewhere_in_the_sentence():
    swapped = tf(
        "According to the report, in 2011, before the rise of Kim Jong-un, 1,127 North Koreans "
        "arrived in South Korea.",
        "False",
    )
    assert check_answer_in_source(swapped, ARRIVALS, CONTEXT) is None


def test_a_flashcard_back_may_come_from_the_sentence_before():
    question = card(
        "What does the term “dolgyeokdae” refer to in the report?",
        "Paramilitary forced labor brigades",
    )
    sentence = "These brigades (dolgyeokdae) are controlled by the party."
    previous = GateContext(previous="Many must join paramilitary forced labor brigades.")
    assert check_answer_in_source(question, sentence, previous) is None
    assert check_answer_in_source(question, sentence, CONTEXT) == "answer_not_in_source"


def test_a_prompt_without_the_answer_passes():
    assert check_prompt_gives_answer_away(mc(), ARRIVALS, CONTEXT) is None


@pytest.mark.parametrize(
    ("prompt", "answer", "kind"),
    [
        ("According to the report, how many of the 808 arrivals came in 2018?", "808", "number"),
        (
            "According to the report, which body (UNSC) put rights on its agenda?",
            "UN Security Council",
            "organization",
        ),
        ("Which country demands the return of 12 Japanese citizens?", "Japan", "country"),
        (
            "According to the report, which treaty did the Convention on the Rights of the "
            "Child replace?",
            "CRC",
            "acronym",
        ),
    ],
)
def test_a_prompt_with_the_answer_its_acronym_or_a_variant_fails(prompt, answer, kind):
    question = mc(prompt=prompt, answer=answer, answer_kind=kind)
    assert check_prompt_gives_answer_away(question, ARRIVALS, CONTEXT) == "prompt_gives_answer_away"


def test_a_flashcard_may_name_the_acronym_it_expands():
    question = card(
        "What does “CRC” stand for in the report?", "Convention on the Rights of the Child"
    )
    assert check_prompt_gives_answer_away(question, TREATIES, CONTEXT) is None


def test_distinct_choices_pass_and_two_spellings_of_one_answer_fail():
    assert check_choices_distinct(mc(), ARRIVALS, CONTEXT) is None
    doubled = mc(
        choices=(
            Choice("Kim Jong-un", True),
            Choice("Kim Jong Un", False),
            Choice("Xi Jinping", False),
            Choice("Moon Jae-in", False),
        )
    )
    assert check_choices_distinct(doubled, ARRIVALS, CONTEXT) == "choices_not_distinct"


def test_one_correct_choice_passes_and_two_or_a_missing_one_fail():
    assert check_exactly_one_correct(mc(), ARRIVALS, CONTEXT) is None
    two = mc(
        choices=(
            Choice("1,127", True),
            Choice("808", True),
            Choice("2,706", False),
            Choice("9", False),
        )
    )
    assert check_exactly_one_correct(two, ARRIVALS, CONTEXT) == "not_exactly_one_correct"
    three = mc(choices=(Choice("808", True), Choice("2,706", False), Choice("1,127", False)))
    assert check_exactly_one_correct(three, ARRIVALS, CONTEXT) == "not_exactly_one_correct"


def test_true_false_needs_true_and_false_as_its_choices():
    good = tf(
        "According to the report, North Korea has ratified five human rights treaties.", "True"
    )
    assert check_exactly_one_correct(good, TREATIES, CONTEXT) is None
    bad = replace(good, choices=(Choice("Yes", True), Choice("No", False)))
    assert check_exactly_one_correct(bad, TREATIES, CONTEXT) == "not_exactly_one_correct"


def test_distractors_of_the_answers_kind_and_size_pass():
    assert check_distractor_kind(mc(), ARRIVALS, CONTEXT) is None
    country = mc(
        answer="China",
        answer_kind="country",
        choices=(
            Choice("China", True),
            Choice("Japan", False),
            Choice("Russia", False),
            Choice("UN Security Council", False),
        ),
    )
    assert check_distractor_kind(country, ARRIVALS, CONTEXT) == "distractor_kind_mismatch"


def test_a_number_far_off_in_size_is_the_wrong_kind_of_distractor():
    far = mc(
        choices=(
            Choice("808", True),
            Choice("93,000", False),
            Choice("1,127", False),
            Choice("2,706", False),
        )
    )
    assert check_distractor_kind(far, ARRIVALS, CONTEXT) == "distractor_kind_mismatch"


def test_a_clean_question_has_no_web_chrome():
    assert check_web_chrome(mc(), ARRIVALS, CONTEXT) is None


@pytest.mark.parametrize(
    "chrome",
    [
        "© 2018 AP Photo/Evan Vucci",
        "Skip to main content",
        "illustration",
        "https://hrw.org",
        "Share this",
    ],
)
def test_web_chrome_anywhere_fails(chrome):
    question = mc(explanation=f"The report says that 808 arrived. {chrome}")
    assert check_web_chrome(question, ARRIVALS, CONTEXT) == "web_chrome"


def test_a_well_formed_stem_passes():
    assert check_malformed_stem(mc(), ARRIVALS, CONTEXT) is None
    quote = fill("According to the report, defection is a crime of “_____.”", "treachery")
    assert check_malformed_stem(quote, ARRIVALS, CONTEXT) is None


@pytest.mark.parametrize(
    "prompt",
    [
        "according to the report, how many North Koreans arrived in South Korea?",
        "According to the report, how many North Koreans arrived in South Korea",
        "According to the report (how many North Koreans arrived in South Korea?",
        "According to the report, how many “North Koreans arrived in South Korea?",
        "How many?",
        "According to the report, _____ North Koreans arrived in South Korea?",
    ],
)
def test_a_malformed_stem_fails(prompt):
    assert check_malformed_stem(mc(prompt=prompt), ARRIVALS, CONTEXT) == "malformed_stem"


def test_a_fill_in_needs_exactly_one_blank():
    assert (
        check_malformed_stem(
            fill("In 2011, _____ North Koreans arrived.", "2,706"), ARRIVALS, CONTEXT
        )
        is None
    )
    two = fill("In _____, _____ North Koreans arrived.", "2,706")
    assert check_malformed_stem(two, ARRIVALS, CONTEXT) == "malformed_stem"


def test_plain_wording_passes_and_not_or_all_of_the_above_fails():
    assert check_trick_wording(mc(), ARRIVALS, CONTEXT) is None
    assert (
        check_trick_wording(mc(prompt="Which is NOT a figure in the report?"), ARRIVALS, CONTEXT)
        == "trick_wording"
    )
    above = mc(
        choices=(
            Choice("808", True),
            Choice("All of the above", False),
            Choice("1,127", False),
            Choice("9", False),
        )
    )
    assert check_trick_wording(above, ARRIVALS, CONTEXT) == "trick_wording"


def test_a_false_statement_made_with_not_fails():
    negated = tf(
        "According to the report, North Korea has not ratified five human rights treaties.", "False"
    )
    assert check_trick_wording(negated, TREATIES, CONTEXT) == "trick_wording"


def test_a_question_needs_a_topic():
    assert check_has_topic(mc(), ARRIVALS, CONTEXT) is None
    assert check_has_topic(mc(topics=()), ARRIVALS, CONTEXT) == "no_topic"


def test_a_question_needs_a_short_explanation():
    assert check_explanation(mc(), ARRIVALS, CONTEXT) is None
    assert check_explanation(mc(explanation=" "), ARRIVALS, CONTEXT) == "bad_explanation"
    assert check_explanation(mc(explanation="x" * 500), ARRIVALS, CONTEXT) == "bad_explanation"


def test_review_reasons_lists_every_failure_once_in_check_order():
    broken = mc(answer="809", topics=(), explanation="")
    assert review_reasons(broken, ARRIVALS, CONTEXT) == (
        "answer_not_in_source",
        "not_exactly_one_correct",
        "no_topic",
        "bad_explanation",
    )


def test_a_stem_with_its_own_time_frame_passes():
    sentence = "In December, the National Assembly closed 12 newspapers."
    question = fill(
        "According to the report, in December, the National Assembly closed _____ newspapers.", "12"
    )
    assert check_time_frame(question, sentence, CONTEXT) is None


@pytest.mark.parametrize(
    "prompt",
    [
        "According to the report, the same month, the assembly closed _____ newspapers.",
        "According to the report, the government withdrew the reform _____ days later.",
        "According to the report, the following year, _____ journalists were arrested.",
    ],
)
def test_a_stem_whose_time_points_at_another_sentence_fails(prompt):
    assert check_time_frame(fill(prompt, "12"), prompt, CONTEXT) == "lost_time_frame"


def test_a_decimal_among_whole_numbers_is_the_wrong_kind():
    question = mc(
        answer="3.8",
        choices=(Choice("3.8", True), Choice("2", False), Choice("4", False), Choice("14", False)),
    )
    assert check_distractor_kind(question, "", CONTEXT) == "distractor_kind_mismatch"


@pytest.mark.parametrize(
    ("answer", "wrong"),
    [
        ("Supreme Court", "Ministry of Justice"),
        ("Revolutionary United Front", "Sierra Leone Police"),
        ("UN Security Council", "European Union"),
        ("Kenya Human Rights Commission", "Amnesty International"),
    ],
)
def test_an_organization_is_offered_only_among_its_own_kind(answer, wrong):
    kinds = {n.lower(): frozenset({"organization"}) for n in (answer, wrong, "X Court")}
    question = mc(
        answer=answer,
        answer_kind="organization",
        choices=(
            Choice(answer, True),
            Choice(wrong, False),
            Choice(wrong + " Office", False),
            Choice(wrong + " Board", False),
        ),
    )
    assert check_distractor_kind(question, "", GateContext(kinds=kinds)) == (
        "distractor_kind_mismatch"
    )


def test_courts_stand_in_for_courts():
    names = ("Supreme Court", "High Court", "Court of Appeal", "Special Court")
    from content.pipeline.candidates import normalized

    kinds = {normalized(n): frozenset({"organization"}) for n in names}
    question = mc(
        answer="Supreme Court",
        answer_kind="organization",
        choices=tuple(Choice(n, n == "Supreme Court") for n in names),
    )
    assert check_distractor_kind(question, "", GateContext(kinds=kinds)) is None
