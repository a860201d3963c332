from __future__ import annotations

import pytest

from content.pipeline.candidates import find_candidates
from content.pipeline.distractors import (
    Pool,
    PoolEntry,
    distractors_for,
    format_number_like,
    format_ordinal_like,
    stable_order,
)
from content.pipeline.normalize import normalize, same_answer
from content.pipeline.types import Candidate

ARRIVALS = (
    "In 2011, before the rise of Kim Jong-un, 2,706 North Koreans arrived in South Korea, "
    "compared to 1,127 in 2017, and only 808 between January and September 2018."
)


def pool_of(*sentences: str) -> tuple[Pool, list[tuple[Candidate, ...]]]:
    found = [find_candidates(s) for s in sentences]
    entries = [PoolEntry(i, c) for i, cands in enumerate(found) for c in cands]
    return Pool(entries), found


def pick(answer_text: str, sentence_index: int, sentences: list[str], stem: str = "", count=3):
    pool, found = pool_of(*sentences)
    answer = next(c for c in found[sentence_index] if c.text == answer_text)
    return distractors_for(
        answer,
        sentence_index=sentence_index,
        sentence_candidates=found[sentence_index],
        pool=pool,
        stem=stem,
        key="test",
        count=count,
    )


def test_a_figure_gets_the_other_figures_of_its_sentence_then_one_of_the_same_size():
    stem = "How many North Koreans arrived in South Korea between January and September 2018?"
    wrong = pick("808", 0, [ARRIVALS], stem)
    assert len(wrong) == 3
    assert {"1,127", "2,706"} <= set(wrong)
    third = next(w for w in wrong if w not in {"1,127", "2,706"})
    assert 808 / 4 <= int(third.replace(",", "")) <= 808 * 4


def test_a_figure_counting_something_else_is_not_a_distractor():
    sentences = [
        "In 2017, the DPRK fired 23 missiles during 16 tests.",
        "It recruited approximately 93,000 ethnic Koreans to go north.",
    ]
    wrong = pick("23", 0, sentences, "How many missiles did the DPRK fire during 16 tests?")
    assert "16" not in wrong
    assert "93,000" not in wrong
    assert len(wrong) == 3


def test_number_words_get_number_words_close_to_them():
    wrong = pick("five", 0, ["North Korea has ratified five human rights treaties."])
    assert len(wrong) == 3
    assert all(w.isalpha() for w in wrong)
    assert not any(same_answer(w, "five") for w in wrong)


def test_numbers_are_written_the_way_the_answer_is():
    assert format_number_like(1127, "808") == "1,127"
    assert format_number_like(1500, "2,706") == "1,500"
    assert format_number_like(4, "five") == "four"
    assert format_number_like(4, "Five") == "Four"
    assert format_number_like(90, "five") is None


def test_years_get_nearby_years_and_never_one_from_the_same_sentence():
    text = "It abducted people who went north between 1959 and 1984 to join families."
    wrong = pick("1959", 0, [text])
    assert len(wrong) == 3
    assert "1984" not in wrong
    assert all(abs(int(w) - 1959) <= 6 for w in wrong)


def test_dates_get_dates_of_the_same_form():
    sentences = [
        "On December 11, 2017, the UN Security Council met.",
        "On December 19, 2017, the UN General Assembly adopted a resolution.",
        "On March 23, the Human Rights Council adopted a resolution.",
    ]
    wrong = pick("December 11, 2017", 0, sentences)
    assert wrong[0] == "December 19, 2017"
    assert all(w.endswith(", 2017") for w in wrong)
    assert "March 23" not in wrong


def test_a_person_the_same_sentence_names_alongside_the_answer_is_never_a_distractor():
    sentences = [
        "Kim met three times each with South Korean President Moon Jae-in and Chinese "
        "President Xi Jinping.",
        "US President Donald Trump met Kim in June.",
        "Japanese Prime Minister Shinzo Abe asked for the abductees.",
        "French President Emmanuel Macron spoke on rights.",
    ]
    wrong = pick("Moon Jae-in", 0, sentences)
    assert "Xi Jinping" not in wrong
    assert set(wrong) == {"Donald Trump", "Shinzo Abe", "Emmanuel Macron"}


def test_an_official_does_not_stand_in_for_a_head_of_state():
    sentences = [
        "US President Donald Trump met Kim in June.",
        "Russian Foreign Minister Sergei Lavrov visited Pyongyang.",
    ]
    assert "Sergei Lavrov" not in pick("Donald Trump", 0, sentences)


def test_another_spelling_of_the_answer_is_never_a_distractor():
    sentences = [
        "US President Donald Trump met Kim Jong-un in June.",
        "President Kim Jong Un met President Moon Jae-in in April.",
        "President Xi Jinping met President Emmanuel Macron.",
    ]
    pool, found = pool_of(*sentences)
    answer = Candidate("person", "Kim Jong-un", 0, 11, meaning="president")
    wrong = distractors_for(
        answer,
        sentence_index=9,
        sentence_candidates=(),
        pool=pool,
        stem="Who met Trump?",
        key="k",
    )
    assert not any(normalize(w) == normalize("Kim Jong Un") for w in wrong)


def test_nothing_the_stem_already_shows_is_offered():
    sentences = ["China is the most influential actor in North Korea.", "Japan demands returns."]
    wrong = pick("China", 0, sentences, "Which country is the most influential actor in Japan?")
    assert "Japan" not in wrong
    assert "North Korea" not in wrong


def test_countries_fall_back_to_a_generic_pool_after_the_chapter():
    wrong = pick("China", 0, ["China is the most influential actor.", "Japan demands returns."])
    assert wrong[0] == "Japan"
    assert len(wrong) == 3


def test_when_three_good_distractors_do_not_exist_fewer_come_back():
    sentences = [
        "These brigades (dolgyeokdae) are controlled by the party.",
        "Prisoners in political prisons (kwanliso) work.",
    ]
    assert pick("dolgyeokdae", 0, sentences) == ("kwanliso",)


def test_a_term_spelled_almost_like_the_answer_is_a_trick_and_left_out():
    sentences = [
        "It is punishable by months in forced labor training camps (rodong dallyeondae).",
        "Others go to short-term detention facilities (rodong danryeonda).",
        "Prisoners in political prisons (kwanliso) work.",
    ]
    assert "rodong danryeonda" not in pick("rodong dallyeondae", 0, sentences)


def test_a_term_with_a_closer_meaning_comes_first():
    sentences = [
        "It applies songbun, a socio-political classification system that sorts people.",
        "Prisoners in political prisons (kwanliso) and ordinary prison camps (kyohwaso) work.",
    ]
    assert pick("kwanliso", 1, sentences)[0] == "kyohwaso"


def test_organizations_stand_in_only_for_their_own_class():
    sentences = [
        "The Ministry of People’s Security considers defection a crime.",
        "The UN Security Council put rights on its agenda.",
    ]
    wrong = pick("Ministry of People’s Security", 0, sentences)
    assert len(wrong) == 3
    assert all(w.startswith("Ministry") for w in wrong)


def test_ordinals_get_nearby_ordinals_in_the_same_form():
    assert format_ordinal_like(5, "fourth") == "fifth"
    assert format_ordinal_like(12, "14th") == "12th"
    assert format_ordinal_like(21, "14th") == "21st"
    wrong = pick("fourth", 0, ["For the fourth consecutive year, the council met."])
    assert len(wrong) == 3 and all(w.isalpha() and w != "fourth" for w in wrong)


def test_choices_are_shuffled_the_same_way_for_the_same_key_only():
    items = ["808", "1,127", "2,706", "1,500"]
    assert stable_order(items, "a") == stable_order(list(reversed(items)), "a")
    orders = {tuple(stable_order(items, key)) for key in "abcdefgh"}
    assert len(orders) > 1


def test_the_chapters_own_country_is_never_offered():
    pool, found = pool_of("China is the most influential actor in North Korea.", "Japan acts.")
    answer = next(c for c in found[0] if c.text == "China")
    wrong = distractors_for(
        answer,
        sentence_index=0,
        sentence_candidates=(),
        pool=pool,
        stem="Which country is the most influential actor?",
        key="k",
        avoid=("North Korea",),
    )
    assert "North Korea" not in wrong
    assert "Japan" in wrong


def test_the_pool_walks_outward_from_the_sentence():
    sentences = ["China acts.", "Japan acts.", "Russia acts.", "India acts.", "Brazil acts."]
    pool, _ = pool_of(*sentences)
    order = [e.candidate.text for e in pool.nearest("country", 2)]
    assert order == ["Russia", "Japan", "India", "China", "Brazil"]


@pytest.mark.parametrize(
    ("option", "answer", "fragment"),
    [
        ("Department of State’s", "Ministry of Justice", True),
        ("February the Ministry of Justice", "Ministry of Gender", True),
        ("Ghana Refugee Board and UNHCR", "National Labor Commission", True),
        (
            "Ministry of Gender, Children and Social Protection",
            "Ministry of Trade and Industry",
            False,
        ),
        ("the Ministry of Justice", "the Ministry of Health", False),
        ("Ministry of Justice", "the Ministry of Health", False),
    ],
)
def test_a_fragment_of_a_name_is_no_distractor(option, answer, fragment):
    from content.pipeline.distractors import _fragment

    assert _fragment(option, answer) is fragment
