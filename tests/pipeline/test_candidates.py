from __future__ import annotations

import pytest

from content.pipeline.candidates import (
    Glossary,
    acronyms_defined,
    find_candidates,
    in_enumeration,
    number_value,
    ordinal_value,
    same_country,
    terms_defined,
)


def kinds(text: str, glossary: Glossary | None = None, previous: str = "") -> set[tuple[str, str]]:
    return {(c.kind, c.text) for c in find_candidates(text, glossary, previous)}


def meaning_of(text: str, wanted: str, previous: str = "") -> str:
    return next(c.meaning for c in find_candidates(text, None, previous) if c.text == wanted)


def test_every_candidate_is_the_exact_span_of_its_sentence():
    text = (
        "In 2017, the Democratic People’s Republic of Korea (DPRK) fired 23 missiles during "
        "16 tests and conducted a sixth nuclear test."
    )
    found = find_candidates(text)
    assert found
    assert all(text[c.start : c.end] == c.text for c in found)
    assert [c.start for c in found] == sorted(c.start for c in found)


def test_numbers_carry_the_unit_they_count():
    text = "In 2017, the DPRK fired 23 missiles during 16 tests."
    assert meaning_of(text, "23") == "missiles"
    assert meaning_of(text, "16") == "tests"


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [
        (
            "Japan demands the return of 12 Japanese citizens whom it lost.",
            "12",
            "Japanese citizens",
        ),
        (
            "It recruited approximately 93,000 ethnic Koreans (Zainichi).",
            "93,000",
            "ethnic Koreans",
        ),
        (
            "North Korea has ratified five human rights treaties: the CRC.",
            "five",
            "human rights treaties",
        ),
        ("In 2011, 2,706 North Koreans arrived in South Korea.", "2,706", "North Koreans"),
    ],
)
def test_a_unit_may_be_several_words_ending_in_its_noun(text, number, unit):
    assert meaning_of(text, number) == unit


def test_a_bare_figure_counts_what_the_figure_before_it_counted():
    text = (
        "In 2011, 2,706 North Koreans arrived in South Korea, compared to 1,127 in 2017, "
        "and only 808 between January and September 2018."
    )
    assert meaning_of(text, "1,127") == "North Koreans"
    assert meaning_of(text, "808") == "North Koreans"


def test_a_range_is_not_two_numbers_and_a_bare_number_is_not_asked():
    text = "It is punishable by three to six months in camps for students aged between 10 and 16."
    assert not [c for c in find_candidates(text) if c.kind == "number"]


def test_years_are_found_but_not_decades_or_parts_of_dates():
    text = "It abducted them in the 1970s, and on December 11, 2017, the council met; in 2011 less."
    found = kinds(text)
    assert ("year", "2011") in found
    assert ("date", "December 11, 2017") in found
    assert ("year", "2017") not in found
    assert not [c for c in find_candidates(text) if c.text.startswith("1970")]


@pytest.mark.parametrize("date", ["December 11, 2017", "March 23", "September 2016"])
def test_dates_are_found_in_their_three_forms(date):
    assert ("date", date) in kinds(f"The act came into effect on {date} after a vote.")


def test_the_end_of_a_period_is_not_a_date():
    text = "Only 808 arrived between January and September 2018."
    assert not [c for c in find_candidates(text) if c.kind == "date"]


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("He met once with US President Donald Trump in June.", "Donald Trump", "president"),
        ("He met Russian Foreign Minister Sergei Lavrov.", "Sergei Lavrov", "foreign minister"),
        (
            "It refuses to work with Tomas Ojea Quintana, the UN special rapporteur on rights.",
            "Tomas Ojea Quintana",
            "special rapporteur",
        ),
        (
            "Kim Jong-un—who serves as chairman of the party—rules alone.",
            "Kim Jong-un",
            "chairman",
        ),
        ("Prime Minister Anna Lindqvist resigned in May.", "Anna Lindqvist", "prime minister"),
    ],
)
def test_people_are_found_by_a_title_or_an_apposition_not_by_a_list(text, name, role):
    people = [c for c in find_candidates(text) if c.kind == "person"]
    assert [(p.text, p.meaning) for p in people] == [(name, role)]


def test_a_person_defined_once_is_found_again_without_the_title():
    glossary = Glossary(people={"Moon Jae-in": "president"})
    assert ("person", "Moon Jae-in") in kinds("Moon Jae-in met Kim three times.", glossary)


def test_a_demonym_and_a_title_are_not_part_of_the_name():
    text = (
        "He met three times each with South Korean President Moon Jae-in and Chinese "
        "President Xi Jinping."
    )
    people = {c.text for c in find_candidates(text) if c.kind == "person"}
    assert people == {"Moon Jae-in", "Xi Jinping"}


def test_countries_come_from_a_gazetteer_with_common_aliases():
    text = "North Korea engaged with South Korea, the United States, China, Russia, and Myanmar."
    countries = {c.text for c in find_candidates(text) if c.kind == "country"}
    assert countries == {
        "North Korea",
        "South Korea",
        "United States",
        "China",
        "Russia",
        "Myanmar",
    }


def test_an_adjective_is_not_a_country():
    assert not [
        c for c in find_candidates("Korean workers met Chinese officials.") if c.kind == "country"
    ]


def test_country_aliases_name_the_same_country():
    assert same_country("North Korea", "Democratic People’s Republic of Korea")
    assert same_country("Russia", "Russian Federation")
    assert not same_country("North Korea", "South Korea")


@pytest.mark.parametrize(
    "name",
    [
        "UN Security Council",
        "Human Rights Council",
        "UN Refugee Agency",
        "Ministry of People’s Security",
        "Workers’ Party of Korea",
        "Office of the High Commissioner for Human Rights",
    ],
)
def test_organizations_are_capitalized_phrases_with_a_head_word(name):
    assert ("organization", name) in kinds(f"The report says the {name} acted in March.")


def test_the_reports_author_is_not_an_answer():
    text = "Former students told Human Rights Watch their schools forced them to work."
    assert not [c for c in find_candidates(text) if c.kind == "organization"]


@pytest.mark.parametrize(
    "name",
    [
        "Convention Relating to the Status of Refugees",
        "Convention Related to the Status of Refugees",
        "Protocol Relating to the Status of Stateless Persons",
    ],
)
def test_a_title_word_that_takes_to_keeps_the_rest_of_the_name(name):
    # Not "Convention Related": a fragment that fits no blank.
    assert ("treaty", name) in kinds(f"It signed the 1951 {name} or its 1967 Protocol.")


def test_treaties_keep_their_full_name_across_commas_when_an_acronym_defines_it():
    text = (
        "It ratified the International Covenant on Economic, Social and Cultural Rights (ICESCR)."
    )
    assert ("treaty", "International Covenant on Economic, Social and Cultural Rights") in kinds(
        text
    )


@pytest.mark.parametrize(
    ("text", "acronym", "meaning"),
    [
        (
            "the Convention on the Rights of the Child (CRC)",
            "CRC",
            "Convention on the Rights of the Child",
        ),
        (
            "the Convention on the Elimination of All Forms of Discrimination "
            "against Women (CEDAW)",
            "CEDAW",
            "Convention on the Elimination of All Forms of Discrimination against Women",
        ),
        (
            "the 2014 United Nations Commission of Inquiry (COI) report",
            "COI",
            "Commission of Inquiry",
        ),
        (
            "the Democratic People’s Republic of Korea (DPRK, North Korea)",
            "DPRK",
            "Democratic People’s Republic of Korea",
        ),
        (
            # Each capitalized part of a hyphenated word gives a letter, so the
            # sentence's opening words are not taken into the name.
            "Authorities used the Anti-Terrorism Proclamation (ATP)",
            "ATP",
            "Anti-Terrorism Proclamation",
        ),
    ],
)
def test_an_acronym_means_the_phrase_whose_initials_spell_it(text, acronym, meaning):
    assert [(a, m) for a, m, _ in acronyms_defined(f"It cited {text} again.")] == [
        (acronym, meaning)
    ]


def test_parentheses_that_do_not_spell_the_acronym_define_nothing():
    assert list(acronyms_defined("The police (CCTV) watched.")) == []


def test_a_local_term_in_parentheses_means_the_noun_phrase_before_it():
    text = "It is punishable by months in forced labor training camps (rodong dallyeondae)."
    assert [(t, m) for t, m, _ in terms_defined(text)] == [
        ("rodong dallyeondae", "forced labor training camps")
    ]


def test_an_acronyms_plural_in_parentheses_is_not_a_term():
    text = "A new law regulating nongovernmental organizations (NGOs) took effect."
    assert terms_defined(text) == ()


def test_an_english_word_in_parentheses_is_not_a_term():
    assert list(terms_defined("The group (formerly) met in prisons (such as Evin).")) == []


def test_a_term_can_be_explained_by_an_apposition():
    text = "It applies songbun, a socio-political classification system that grouped people."
    assert [(t, m) for t, m, _ in terms_defined(text)] == [
        ("songbun", "a socio-political classification system")
    ]


def test_a_term_introduced_by_these_takes_its_fuller_meaning_from_the_sentence_before():
    previous = "The government compels many people to join paramilitary forced labor brigades."
    text = "These brigades (dolgyeokdae) are controlled by the ruling party."
    assert [(t, m) for t, m, _ in terms_defined(text, previous)] == [
        ("dolgyeokdae", "paramilitary forced labor brigades")
    ]


def test_the_sources_own_spellings_stay_different_terms():
    text = (
        "They are sent to long term ordinary prisons (kyohwaso) or short-term detention "
        "facilities (rodong danryeonda), not forced labor training camps (rodong dallyeondae)."
    )
    terms = {t: m for t, m, _ in terms_defined(text)}
    assert terms["rodong danryeonda"] == "short-term detention facilities"
    assert terms["rodong dallyeondae"] == "forced labor training camps"


def test_quoted_phrases_are_candidates_without_their_punctuation():
    text = "It considers defection a crime of “treachery against the nation.”"
    assert ("quote", "treachery against the nation") in kinds(text)


def test_ordinals_are_found_after_a_determiner():
    text = "For the fourth consecutive year, it held its 14th session after a sixth nuclear test."
    found = {c.text for c in find_candidates(text) if c.kind == "ordinal"}
    assert found == {"fourth", "14th", "sixth"}
    assert ordinal_value("fourth") == 4
    assert ordinal_value("14th") == 14


def test_number_values_read_digits_and_words():
    assert number_value("1,127") == 1127
    assert number_value("five") == 5
    assert number_value("1.5 million") == 1_500_000


def test_names_in_a_list_are_an_enumeration_and_a_lone_name_is_not():
    text = "It engaged with South Korea, the United States, China, Russia, and others."
    found = find_candidates(text)
    china = next(c for c in found if c.text == "China")
    assert in_enumeration(china, found, text)
    lone = "China is the most influential actor, and Japan demands returns."
    found = find_candidates(lone)
    assert not in_enumeration(found[0], found, lone)


def test_a_common_word_opening_the_sentence_is_not_part_of_an_organization():
    text = "Inspectors of the Organisation for the Prohibition of Chemical Weapons found chlorine."
    organizations = [c.text for c in find_candidates(text) if c.kind == "organization"]
    assert organizations == ["Organisation for the Prohibition of Chemical Weapons"]
