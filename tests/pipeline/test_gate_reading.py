"""The gate's reading checks (content.pipeline.gate_reading), each passing and failing,
and the wording helpers they stand on (content.pipeline.wording). No database."""

from __future__ import annotations

from dataclasses import replace

import pytest

from content.pipeline.gate import CHECKS, GateContext, review_reasons
from content.pipeline.gate_reading import (
    check_answer_given_by_related_form,
    check_broken_trim,
    check_lost_attribution,
    check_needs_context,
    check_partial_gloss,
    check_style,
    check_trivial_blank,
)
from content.pipeline.types import Choice, Question
from content.pipeline.wording import (
    attribution_markers,
    fix_articles,
    leans_on,
    related_forms,
    strip_connectives,
)

NONE = GateContext()


def question(prompt: str, answer: str = "12", type: str = "fill_in", **changes) -> Question:
    base = Question(
        type=type,
        prompt=prompt,
        answer=answer,
        explanation="The report says so.",
        sentence_index=0,
        topics=("justice",),
        answer_kind="number",
    )
    return replace(base, **changes)


def test_every_reading_check_runs_in_the_gate():
    names = {check.__name__ for check in CHECKS}
    assert {
        "check_needs_context",
        "check_lost_attribution",
        "check_style",
        "check_broken_trim",
        "check_answer_given_by_related_form",
        "check_partial_gloss",
        "check_trivial_blank",
    } <= names


# --- needs_context -------------------------------------------------------------------


@pytest.mark.parametrize(
    "prompt",
    [
        "According to the report, on May 3, which court sentenced him to 12 years?",
        "According to the report, the defendants were sentenced to _____ years in prison.",
        "According to the report, these measures affected _____ people.",
        "According to the report, _____ others were detained in the raid on the office.",
        "According to the report, the talks resumed in _____.",
    ],
)
def test_a_stem_leaning_on_an_earlier_sentence_needs_context(prompt):
    q = question(prompt)
    assert check_needs_context(q, "", NONE) == "needs_context"
    assert check_needs_context(replace(q, context="Police arrested Lee Min-ho."), "", NONE) is None


@pytest.mark.parametrize(
    "prompt",
    [
        "According to the report, the Supreme Court sentenced Lee Min-ho to _____ years.",
        "According to the report, the government detained _____ journalists in 2018.",
        "According to the report, the head of the Electoral Commission resigned in _____.",
        "According to the report, Kim Jong-un met his counterpart _____ times in 2018.",
        "According to the report, the law prohibits torture, but police used it in _____ cases.",
    ],
)
def test_a_stem_that_stands_alone_needs_no_context(prompt):
    assert check_needs_context(question(prompt), "", NONE) is None


def test_a_definite_noun_named_just_before_leans_on_that_sentence():
    earlier = "Prosecutors charged Paul Kamara, editor of the newspaper For Di People."
    assert leans_on("According to the report, Kamara was jailed for _____ months.", earlier)
    assert not leans_on("According to the report, Kamara was jailed for _____ months.", "")
    assert not leans_on(
        "According to the report, Paul Kamara was jailed for _____ months.", earlier
    )


# --- lost_attribution ----------------------------------------------------------------

AMNESTY = "According to Amnesty International, 30 people were executed in 2018."


def test_a_claim_keeps_who_made_it():
    lost = question("According to the report, _____ people were executed in 2018.", "30")
    kept = question(
        "The report says that, according to Amnesty International, _____ people "
        "were executed in 2018.",
        "30",
    )
    assert check_lost_attribution(lost, AMNESTY, NONE) == "lost_attribution"
    assert check_lost_attribution(kept, AMNESTY, NONE) is None


def test_an_allegation_keeps_its_verb_of_saying():
    source = "Police reportedly beat 12 protesters in Accra."
    assert (
        check_lost_attribution(
            question("According to the report, police beat _____ protesters in Accra."),
            source,
            NONE,
        )
        == "lost_attribution"
    )
    assert (
        check_lost_attribution(
            question("According to the report, police reportedly beat _____ protesters in Accra."),
            source,
            NONE,
        )
        is None
    )


def test_a_reference_keeps_its_parts():
    source = "Detainees were held under Section 12(b) of the act for 12 days."
    cut = question("According to the report, detainees were held under Section 12 for _____ days.")
    whole = question(
        "According to the report, detainees were held under Section 12(b) for _____ days."
    )
    assert check_lost_attribution(cut, source, NONE) == "lost_attribution"
    assert check_lost_attribution(whole, source, NONE) is None


def test_the_reports_own_voice_is_no_attribution():
    assert attribution_markers("According to the report, police beat protesters.") == set()
    assert "according to amnesty" in attribution_markers(AMNESTY)


# --- style ---------------------------------------------------------------------------

CASING = GateContext(lowercase_words=frozenset({"ignoring", "unlike"}), proper_words=frozenset())


@pytest.mark.parametrize(
    "prompt",
    [
        "According to the report, Ignoring warnings, police fired on _____ protesters.",
        "According to the report, however, police fired on _____ protesters.",
        "According to the report, police fired on a 18 percent of the _____ protesters.",
        "According to the report, police (the riot unit fired on _____ protesters.",
        "According to the report, Child Abuse: The law prohibits abuse of _____ children.",
    ],
    ids=["capital", "connective", "article", "bracket", "run-in-label"],
)
def test_style_slips_are_held(prompt):
    assert check_style(question(prompt), "", CASING) == "style"


def test_a_proper_noun_after_the_lead_in_keeps_its_capital():
    prompt = "According to the report, Amnesty International counted _____ executions."
    assert check_style(question(prompt), "", CASING) is None


def test_style_checks_the_choices_too():
    q = question(
        "According to the report, how many protesters did police detain?",
        type="multiple_choice",
        choices=(
            Choice("an 12", True),
            Choice("8", False),
            Choice("16", False),
            Choice("20", False),
        ),
    )
    assert check_style(q, "", NONE) == "style"


def test_articles_agree_with_numbers_as_they_are_read():
    assert fix_articles("a 18 percent rise") == "an 18 percent rise"
    assert fix_articles("an 12-year sentence") == "a 12-year sentence"
    assert fix_articles("An 1,000-strong crowd and an European body") == (
        "A 1,000-strong crowd and a European body"
    )
    assert fix_articles("an MSF team") == "an MSF team"


def test_connectives_that_tie_a_sentence_to_another_are_cut():
    assert strip_connectives("However, the court ruled.") == "The court ruled."
    assert strip_connectives("The court, however, ruled.") == "The court ruled."
    assert strip_connectives("The court ruled; however, the case stayed.") == (
        "The court ruled; the case stayed."
    )


# --- broken_trim ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "prompt",
    [
        "According to the report, there were credible reports of.",
        "According to the report, CDF leader _____.",
    ],
)
def test_a_stem_cut_to_a_fragment_is_held(prompt):
    assert check_broken_trim(question(prompt, type="true_false", answer="True"), "", NONE) == (
        "broken_trim"
    )


def test_a_statement_that_lost_its_condition_is_held():
    source = "Detainees may see a lawyer within 48 hours if a judge approves."
    cut = question("According to the report, detainees may see a lawyer within _____ hours.", "48")
    kept = question(
        "According to the report, detainees may see a lawyer within _____ hours if a judge "
        "approves.",
        "48",
    )
    assert check_broken_trim(cut, source, NONE) == "broken_trim"
    assert check_broken_trim(kept, source, NONE) is None


# --- answer_given_by_related_form ----------------------------------------------------


def test_a_demonym_in_the_stem_gives_the_country_away():
    q = question(
        "According to the report, authorities returned several Syrian nationals to _____.",
        "Syria",
        answer_kind="country",
    )
    assert check_answer_given_by_related_form(q, "", NONE) == "answer_given_by_related_form"
    other = replace(q, prompt=q.prompt.replace("Syrian", "Iraqi"))
    assert check_answer_given_by_related_form(other, "", NONE) is None


def test_an_acronym_and_its_expansion_give_each_other_away():
    context = GateContext(acronyms={"FITU": "Federation of Independent Trade Unions"})
    by_expansion = question(
        "According to the report, the Federation of Independent Trade Unions, or _____, "
        "called a strike.",
        "FITU",
    )
    by_acronym = question(
        "According to the report, which body called a strike with FITU members?",
        "Federation of Independent Trade Unions",
        type="multiple_choice",
    )
    assert check_answer_given_by_related_form(by_expansion, "", context) == (
        "answer_given_by_related_form"
    )
    assert check_answer_given_by_related_form(by_acronym, "", context) == (
        "answer_given_by_related_form"
    )


def test_demonyms_come_from_the_country_data():
    assert {"Syrian", "Syrians"} <= related_forms("Syria")
    assert "Chinese" in related_forms("China")
    assert "American" in related_forms("the United States")
    assert related_forms("Amnesty International") == frozenset()


# --- partial_gloss -------------------------------------------------------------------


def card(acronym: str, back: str) -> Question:
    return question(
        f"What does “{acronym}” stand for in the report?",
        back,
        type="flashcard",
        answer_kind="acronym",
    )


def test_an_acronym_card_gives_the_whole_name():
    assert check_partial_gloss(card("FITU", "Unions"), "", NONE) == "partial_gloss"
    assert (
        check_partial_gloss(card("FITU", "Federation of Independent Trade Unions"), "", NONE)
        is None
    )
    assert (
        check_partial_gloss(
            card("UNHCR", "United Nations High Commissioner for Refugees"), "", NONE
        )
        is None
    )


# --- trivial_blank -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prompt", "answer"),
    [
        ("According to the report, press freedom remained uneven in _____.", "2002"),
        ("According to the report, parliament passed Law 20/_____ on associations.", "2002"),
        ("According to the report, the war of 1991-_____ displaced thousands.", "2002"),
        ("According to the report, Sierra Leone joined the _____ Hague Convention.", "1954"),
        ("According to the report, the fine was $10.50 (_____ Leones) a day.", "30,000"),
    ],
)
def test_a_blank_not_worth_filling_is_held(prompt, answer):
    context = GateContext(year="2002")
    q = question(prompt, answer, answer_kind="year" if len(answer) == 4 else "number")
    assert check_trivial_blank(q, "", context) == "trivial_blank"


def test_a_term_in_brackets_is_worth_asking():
    q = question(
        "According to the report, detainees in pretrial detention centers (known as _____) "
        "reported beatings.",
        "izolyator",
        answer_kind="term",
    )
    assert check_trivial_blank(q, "", GateContext(year="2002")) is None


def test_a_year_that_is_the_fact_is_worth_asking():
    context = GateContext(year="2002")
    q = question("According to the report, the law on associations was passed in _____.", "1998")
    assert check_trivial_blank(q, "", context) is None
    assert review_reasons(q, "The law on associations was passed in 1998.", context) == ()


@pytest.mark.parametrize(
    "prompt",
    [
        "According to the report, how many suspects did in March police arrest in the raid?",
        "According to the report, the family appealed the ruling to the Supreme Court, and on "
        "December 4.",
        "According to the report, how many seats does the country ha?",
    ],
)
def test_a_clause_cut_in_the_wrong_place_is_held(prompt):
    q = question(prompt, type="multiple_choice" if prompt.endswith("?") else "true_false")
    assert check_broken_trim(q, "", NONE) == "broken_trim"


def test_a_list_item_after_and_on_is_no_broken_trim():
    q = question(
        "According to the report, the government imposes sanctions on ministries, on _____, "
        "and on several other top officials."
    )
    assert check_broken_trim(q, "", NONE) is None


@pytest.mark.parametrize(
    ("prompt", "answer"),
    [
        ("According to the report, a few _____ members of the party were detained.", "hundred"),
        (
            "According to the report, detention lasted 390 days, or approximately _____ months.",
            "13",
        ),
        (
            "According to the report, detention lasted _____ days, or approximately 13 months.",
            "390",
        ),
    ],
)
def test_a_blank_its_own_stem_answers_is_trivial(prompt, answer):
    assert check_trivial_blank(question(prompt, answer), "", NONE) == "trivial_blank"


def test_a_possessive_card_back_is_a_partial_gloss():
    back = "Committee for the Prevention of Torture's"
    assert check_partial_gloss(card("CPT", back), "", NONE) == "partial_gloss"
    assert (
        check_partial_gloss(
            card(
                "CEDAW",
                "Convention on the Elimination of All Forms of Discrimination against Women",
            ),
            "",
            NONE,
        )
        is None
    )


@pytest.mark.parametrize(
    "prompt",
    [
        "According to the report, Civil Defense Force (CDF) leader _____.",
        "According to the report, the February 1998 to November 1997 killings, rapes, and "
        "_____ amputations.",
    ],
)
def test_a_list_item_without_a_verb_is_held(prompt):
    assert check_broken_trim(question(prompt), "", NONE) == "broken_trim"


@pytest.mark.parametrize(
    "prompt",
    [
        "According to the report, the government restricts freedom of _____ and assembly.",
        "According to the report, on _____, five victims sued the government for damages.",
        "According to the report, police beat _____ protesters in the capital.",
    ],
)
def test_a_statement_with_a_verb_is_whole(prompt):
    assert check_broken_trim(question(prompt), "", NONE) is None


def test_an_apostrophe_inside_a_name_is_no_article():
    assert fix_articles("closed Sana'a airport and a 18-day siege") == (
        "closed Sana'a airport and an 18-day siege"
    )


def test_a_negated_multiple_choice_is_trick_wording():
    from content.pipeline.gate import check_trick_wording

    q = question(
        "According to the report, the case had not been heard by which court?",
        "Supreme Court",
        type="multiple_choice",
    )
    assert check_trick_wording(q, "The case had not been heard by the Supreme Court.", NONE) == (
        "trick_wording"
    )


def test_a_cross_reference_to_another_report_is_web_chrome():
    from content.pipeline.gate import check_web_chrome

    q = question(
        "According to the report, for more information, please see the _____ at www.state.gov.",
        "International Religious Freedom Report",
    )
    assert check_web_chrome(q, "", NONE) == "web_chrome"


def test_a_label_letter_and_a_currency_figure_take_the_right_article():
    assert fix_articles("Plan A is the first") == "Plan A is the first"
    assert fix_articles("a $80 million grant") == "an $80 million grant"
    assert fix_articles("an $5 fine") == "a $5 fine"


def test_a_two_word_demonym_gives_the_country_away():
    q = question(
        "According to the report, China returned North Korean refugees to _____.",
        "North Korea",
        answer_kind="country",
    )
    assert check_answer_given_by_related_form(q, "", NONE) == "answer_given_by_related_form"


def test_an_event_named_only_by_its_noun_leans_on_an_earlier_sentence():
    assert leans_on("According to the report, Avril was indicted for the slaying in _____.")
    assert not leans_on("According to the report, the ruling party won _____ seats.")
    assert not leans_on(
        "According to the report, the killing of the journalist Brignol Lindor went unpunished."
    )
