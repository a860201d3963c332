from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from content.pipeline.gate import review_reasons
from content.pipeline.generate import gate_context, generate_bank
from content.pipeline.normalize import same_answer
from content.pipeline.structure import parse_document
from content.pipeline.types import FILL_IN, FLASHCARD, MULTIPLE_CHOICE, QUESTION_TYPES, TRUE_FALSE

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "content" / "reports" / "north-korea-2018.txt"

# Chapters the generator has never seen, in the other layouts a chapter comes in.
RURITANIA = "\n\n".join(
    [
        "World Report 2018 - Ruritania: Events of 2017",
        "Share this",
        (
            "Ruritania’s government, led by President Anton Velaska since 2009, intensified its "
            "crackdown on critics in 2017. Security forces arrested at least 312 protesters "
            "during demonstrations in the capital in March, and courts sentenced 47 of them to "
            "prison terms of up to five years."
        ),
        "Freedom of Expression",
        (
            "Authorities blocked 14 independent news websites and jailed 9 journalists in 2017, "
            "compared to 4 in 2016. The Ministry of Information revoked the licenses of two "
            "television stations in June. Journalists describe a system of informal censorship "
            "known as “quiet lists,” under which editors remove stories that criticize officials."
        ),
        "Detention and Torture",
        (
            "Detainees in pretrial detention centers (izolyator) reported beatings and denial of "
            "medical care. On October 3, 2017, the Supreme Court upheld the conviction of "
            "opposition leader Marta Kovic, who was sentenced to 11 years in prison. Ruritania "
            "has not ratified the Convention against Torture (CAT) or its Optional Protocol."
        ),
        "Key International Actors",
        (
            "The European Union suspended budget support to Ruritania in May 2017, citing the "
            "crackdown. In September, the UN Human Rights Committee reviewed Ruritania’s "
            "compliance with the International Covenant on Civil and Political Rights (ICCPR) and"
            " urged the government to release political prisoners. Russia remains Ruritania’s "
            "largest trading partner and its main source of loans."
        ),
    ]
)

FREEDONIA = "\n\n".join(
    [
        "Skip to main content",
        "Freedonia",
        "Events of 2016",
        "Riot police disperse a rally in Port Ellis, Freedonia, on April 2, 2016.",
        "© 2016 Reuters",
        (
            "Freedonia’s parliament extended the state of emergency for a third time in 2016, "
            "giving security forces broad powers to detain suspects without charge. Human rights "
            "groups documented at least 640 arrests under emergency rules between January and "
            "August 2016. Most detainees were held in military barracks rather than in regular "
            "prisons, where lawyers could not reach them."
        ),
        (
            "Police killed 38 people during protests over fuel prices in April, according to a "
            "local monitoring group. The Interior Ministry said officers had acted in "
            "self-defense, but no officer was charged. On June 14, the High Court ordered the "
            "release of 22 students detained during the protests."
        ),
        (
            "The government continued to restrict the work of nongovernmental organizations. A "
            "law adopted in March requires groups that receive foreign funding to register as "
            "“foreign agents,” a label that carries heavy reporting duties. By December, 17 "
            "organizations had closed rather than register."
        ),
        (
            "Women and girls in rural areas face forced marriage, and the legal age of marriage "
            "for girls remains 15. The Ministry of Social Affairs opened four shelters for "
            "survivors of domestic violence in 2016, up from one in 2015."
        ),
        (
            "Freedonia has ratified the Convention on the Rights of the Child (CRC) but not the "
            "Convention against Torture (CAT). In November, the UN Committee on the Rights of the"
            " Child urged the government to raise the minimum age of marriage to 18. The European"
            " Union and the United Kingdom, Freedonia’s main donors, raised concerns about the "
            "emergency laws in public statements."
        ),
    ]
)


@pytest.fixture(scope="module")
def seed_text():
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed(seed_text):
    document = parse_document(seed_text)
    return document, generate_bank(document)


def published(bank):
    return [q for q in bank.questions if q.publishable]


def find(bank, type_, prompt_part):
    return [q for q in published(bank) if q.type == type_ and prompt_part in q.prompt]


def find_generated(bank, type_, prompt_part):
    """Like ``find``, among the published questions and the other forms of their facts
    that passed the gate (``Bank.alternates``): the guide's examples of each form."""
    return [
        q
        for q in (*published(bank), *bank.alternates)
        if q.type == type_ and prompt_part in q.prompt
    ]


def test_the_seed_asks_most_sentences_once(seed):
    document, bank = seed
    quiz = [q for q in published(bank) if q.type != FLASHCARD]
    # 60 on the seed: 45 of its 60 sentences asked once, 15 flashcards.
    assert len(published(bank)) >= 60
    # One question per sentence: two would answer each other.
    assert len({q.sentence_index for q in quiz}) == len(quiz)
    # Most sentences are asked.
    assert len(quiz) >= 0.7 * len(document.sentences)


def test_every_section_of_the_seed_has_at_least_five_published_questions(seed):
    document, bank = seed
    per_section = Counter(
        document.sentences[q.sentence_index].section_order for q in published(bank)
    )
    assert {s.order: per_section[s.order] >= 5 for s in document.sections} == {
        s.order: True for s in document.sections
    }


def test_all_four_types_are_published_and_true_false_is_about_half_true(seed):
    _, bank = seed
    types = Counter(q.type for q in published(bank))
    assert set(types) == set(QUESTION_TYPES)
    assert types[MULTIPLE_CHOICE] >= 10 and types[FLASHCARD] >= 10
    answers = Counter(q.answer for q in published(bank) if q.type == TRUE_FALSE)
    assert set(answers) == {"True", "False"}
    assert 0.35 <= answers["False"] / (answers["True"] + answers["False"]) <= 0.65


def test_no_published_question_fails_the_gate_when_checked_again(seed):
    document, bank = seed
    for question in published(bank):
        sentence = document.sentences[question.sentence_index].text
        context = gate_context(document, question.sentence_index)
        assert review_reasons(question, sentence, context) == (), question.prompt


def test_every_topic_a_learner_can_pick_has_at_least_five_published_questions(seed):
    _, bank = seed
    counts = Counter(t for q in published(bank) for t in q.topics)
    core = {
        "political-control",
        "detention-punishment",
        "forced-labor",
        "border-refugees",
        "women-at-risk",
        "un-accountability",
        "international-actors",
    }
    assert {slug: counts[slug] >= 5 for slug in core} == dict.fromkeys(core, True)
    # The seed has one sentence about armed conflict (missile and nuclear tests); "joining
    # the military" in a sentence about women's access is not one, so that topic stays
    # below the quiz setup's five-question floor.
    military = [q for q in published(bank) if "joining the military" in q.explanation]
    assert military and all("conflict-security" not in q.topics for q in military)


def test_every_sentence_and_question_has_a_topic_from_the_taxonomy(seed):
    document, bank = seed
    slugs = {t.slug for t in bank.topics}
    assert set(bank.sentence_topics) == {s.index for s in document.sentences}
    assert all(topics and set(topics) <= slugs for topics in bank.sentence_topics.values())
    assert all(q.topics and set(q.topics) <= slugs for q in bank.questions)


def test_fingerprints_are_unique_within_the_bank(seed):
    _, bank = seed
    fingerprints = [q.fingerprint for q in bank.questions]
    assert len(set(fingerprints)) == len(fingerprints)
    assert all(len(f) == 64 for f in fingerprints)


def test_the_guides_arrivals_question_comes_out_right(seed):
    _, bank = seed
    [question] = find_generated(
        bank,
        MULTIPLE_CHOICE,
        "how many North Koreans arrived in South Korea between January and September 2018?",
    )
    assert question.prompt.startswith("According to the report, ")
    assert question.answer == "808"
    assert {c.text for c in question.choices} >= {"808", "1,127", "2,706"}
    assert [c.text for c in question.choices if c.is_correct] == ["808"]


def test_the_guides_rodong_dallyeondae_fill_in_comes_out_right(seed):
    _, bank = seed
    [question] = find_generated(bank, FILL_IN, "forced labor training camps, known as _____.")
    assert question.answer == "rodong dallyeondae"
    assert "Failing to show up for work without permission" in question.prompt.replace(
        "failing", "Failing"
    )


def test_the_guides_false_treaty_statement_comes_out_right(seed):
    _, bank = seed
    statements = find_generated(bank, TRUE_FALSE, "North Korea has ratified")
    [statement] = [s for s in statements if s.answer == "False"]
    assert "five" not in statement.prompt
    # Raised, not lowered: "ratified four treaties" is true of a state that ratified five.
    assert any(f" {n} human rights" in statement.prompt for n in ("six", "seven", "eight", "nine"))
    assert "human rights treaties." in statement.prompt
    assert " not " not in statement.prompt


def test_the_guides_kwanliso_flashcard_comes_out_right(seed):
    _, bank = seed
    [card] = find(bank, FLASHCARD, "“kwanliso”")
    assert card.answer.lower().startswith("political prison")
    assert card.choices == ()


def test_the_two_spellings_of_the_seed_keep_their_own_meanings(seed):
    _, bank = seed
    cards = {q.prompt: q.answer for q in published(bank) if q.type == FLASHCARD}
    assert cards["What does the term “rodong dallyeondae” refer to in the report?"] == (
        "Forced labor training camps"
    )
    assert cards["What does the term “rodong danryeonda” refer to in the report?"] == (
        "Short-term detention facilities"
    )


def test_no_distractor_is_the_answer_or_another_answer_of_the_same_sentence(seed):
    document, bank = seed
    for question in published(bank):
        if question.type != MULTIPLE_CHOICE:
            continue
        wrong = [c.text for c in question.choices if not c.is_correct]
        assert len(wrong) == 3
        assert not any(same_answer(w, question.answer) for w in wrong)
        if question.answer_kind == "person":
            sentence = document.sentences[question.sentence_index].text
            assert not any(w in sentence for w in wrong)


def test_the_teaser_and_web_chrome_of_the_seed_never_reach_a_question(seed):
    _, bank = seed
    texts = [q.prompt + q.answer + q.explanation for q in bank.questions]
    texts += [c.text for q in bank.questions for c in q.choices]
    for chrome in ("Equatorial Guinea", "©", "illustration", "Skip to main content", "AP Photo"):
        assert not any(chrome in text for text in texts)


def test_every_prompt_is_attributed_and_every_explanation_says_what_the_report_says(seed):
    _, bank = seed
    for question in published(bank):
        if question.type in (TRUE_FALSE, FILL_IN) or question.prompt.startswith("According"):
            assert question.prompt.startswith(
                ("According to the report, ", "The report says that ")
            ), question.prompt
        else:
            assert "the report" in question.prompt
        assert question.explanation.startswith("The report")


def test_generation_is_deterministic_in_one_process(seed_text, seed):
    _, bank = seed
    again = generate_bank(parse_document(seed_text))
    assert again.questions == bank.questions
    assert again.sentence_topics == bank.sentence_topics


def test_generation_is_the_same_whatever_the_hash_seed():
    script = (
        "import hashlib, sys; from pathlib import Path\n"
        "from content.pipeline.structure import parse_document\n"
        "from content.pipeline.generate import generate_bank\n"
        f"bank = generate_bank(parse_document(Path({str(SEED)!r}).read_text(encoding='utf-8')))\n"
        "text = repr([(q.fingerprint, q.prompt, q.choices) for q in bank.questions])\n"
        "print(hashlib.sha256(text.encode()).hexdigest())\n"
    )
    digests = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        result = subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        digests.add(result.stdout.strip())
    assert len(digests) == 1


def test_a_changed_sentence_changes_its_own_questions_and_at_most_one_other(seed_text, seed):
    document, bank = seed
    edited = seed_text.replace("return of 12 Japanese citizens", "return of 13 Japanese citizens")
    assert edited != seed_text
    new_document = parse_document(edited)
    new_bank = generate_bank(new_document)
    changed = next(s.index for s in document.sentences if "12 Japanese citizens" in s.text)

    def fingerprints(b, skip):
        return {q.fingerprint for q in b.questions if q.sentence_index != skip}

    # The bank's true/false balance may move one other sentence's question (its count
    # of false statements changed), never more.
    before, after = fingerprints(bank, changed), fingerprints(new_bank, changed)
    assert len(before - after) <= 1 and len(after - before) <= 1
    old_own = {q.fingerprint for q in bank.questions if q.sentence_index == changed}
    new_own = {q.fingerprint for q in new_bank.questions if q.sentence_index == changed}
    assert old_own and not (old_own & new_own)


def test_fingerprints_ignore_offsets_so_a_moved_sentence_keeps_them(seed_text, seed):
    _, bank = seed
    moved = seed_text.replace(
        "North Korea remains one of the world’s most repressive states.",
        "North Korea remains one of the world’s most repressive states. It held no free elections.",
    )
    new_bank = generate_bank(parse_document(moved))
    old = {q.fingerprint for q in bank.questions}
    new = {q.fingerprint for q in new_bank.questions}
    assert len(old & new) >= len(old) - 2


@pytest.mark.parametrize("text", [RURITANIA, FREEDONIA])
def test_an_unseen_chapter_gives_a_proportionate_number_of_clean_questions(text):
    document = parse_document(text)
    bank = generate_bank(document)
    good = published(bank)
    # Most sentences asked, each once (two questions on one sentence answer each other).
    assert len({q.sentence_index for q in good}) >= 0.7 * len(document.sentences)
    assert {q.type for q in good} == set(QUESTION_TYPES)
    for question in good:
        sentence = document.sentences[question.sentence_index].text
        assert (
            review_reasons(question, sentence, gate_context(document, question.sentence_index))
            == ()
        )
        blob = question.prompt + question.explanation + " ".join(c.text for c in question.choices)
        for chrome in ("Share this", "Skip to", "©", "Reuters", "Riot police"):
            assert chrome not in blob


def test_an_unseen_chapter_asks_about_its_own_facts():
    bank = generate_bank(parse_document(RURITANIA))
    answers = {q.answer for q in published(bank)}
    assert {"izolyator", "14", "Convention against Torture"} <= answers | {
        q.answer for q in bank.questions
    }
    [card] = [q for q in published(bank) if "izolyator" in q.prompt and q.type == FLASHCARD]
    assert card.answer == "Pretrial detention centers"


def test_the_seed_is_generated_well_under_a_second(seed_text):
    document = parse_document(seed_text)
    generate_bank(document)  # warm the word lists
    start = time.perf_counter()
    generate_bank(document)
    assert time.perf_counter() - start < 1.0


def test_generation_time_grows_linearly_with_the_text(seed_text):
    body = seed_text[seed_text.index("North Korea remains") :]
    small = parse_document(seed_text)
    copies = [body.replace("2018", str(2000 + i)).replace("808", str(800 + i)) for i in range(10)]
    large = parse_document(seed_text + "\n\n" + "\n\n".join(copies))
    generate_bank(small)
    start = time.perf_counter()
    generate_bank(small)
    one = time.perf_counter() - start
    start = time.perf_counter()
    bank = generate_bank(large)
    eleven = time.perf_counter() - start
    assert len(large.sentences) >= 10 * len(small.sentences)
    assert eleven < 11 * one * 2.0
    assert len({q.fingerprint for q in bank.questions}) == len(bank.questions)


BOUNDED = """Testland

Events of 2019

Testland’s government remained repressive in 2019. Following small protests on September 20, \
security forces arrested more than 4,000 people. In December, the National Assembly closed 12 \
newspapers. Authorities released at least 16 people imprisoned on politically motivated charges. \
Officials said 90 percent of voters approved the amendments in April.
"""


def test_a_bound_is_asked_as_a_fill_in_never_as_a_false_statement_or_multiple_choice():
    bank = generate_bank(parse_document(BOUNDED))
    about_bounds = [
        q
        for q in bank.questions
        if "4,000" in q.explanation
        or "16 people" in q.explanation
        or "arrested more than" in q.prompt
        or "at least" in q.prompt
    ]

    assert {q.type for q in about_bounds} >= {FILL_IN}
    for question in about_bounds:
        # "more than 2,800" would be true as well; so would a distractor of 20 for "at least 16".
        # (a multiple choice may complete the sentence with its date, never with the bound)
        assert question.type != MULTIPLE_CHOICE or question.answer not in ("4,000", "16")
        if question.type == TRUE_FALSE and question.answer == "False":
            assert "4,000" in question.prompt and "16" not in question.prompt
    exact = [q for q in bank.questions if q.type == MULTIPLE_CHOICE and "newspapers" in q.prompt]
    assert exact, "an exact figure still makes a multiple-choice question"


def test_a_share_is_never_offered_as_more_than_100_percent():
    bank = generate_bank(parse_document(BOUNDED))
    shares = [q for q in bank.questions if "percent" in q.prompt]
    assert shares
    for question in shares:
        for figure in re.findall(r"(\d+) percent", question.prompt):
            assert int(figure) <= 100
        for choice in question.choices:
            if choice.text.isdigit():
                assert int(choice.text) <= 100
