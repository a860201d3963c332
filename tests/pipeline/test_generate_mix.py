"""What a bank holds as a whole: its mix of question kinds, true/false balance and context
lines, on the seed and on every real chapter of tests/pipeline/corpus. No database."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from content.pipeline import build_bank
from content.pipeline.generate import generate_bank
from content.pipeline.questions import Casing, core_statement
from content.pipeline.structure import parse_document
from content.pipeline.types import FILL_IN, MULTIPLE_CHOICE, TRUE_FALSE
from content.pipeline.wording import leans_on

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "content" / "reports" / "north-korea-2018.txt"
CORPUS = ROOT / "tests" / "pipeline" / "corpus"
CHAPTERS = [SEED] + sorted(
    p for p in CORPUS.iterdir() if p.suffix in (".html", ".md", ".txt") and p.stem != "README"
)


@cache
def bank(path: Path):
    return build_bank(path.read_bytes(), filename=path.name)


def published(path: Path):
    return [q for q in bank(path).questions if q.publishable]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_multiple_choice_is_at_least_a_quarter_of_the_published_bank(path):
    questions = published(path)
    share = sum(q.type == MULTIPLE_CHOICE for q in questions) / len(questions)
    assert share >= 0.25


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_true_false_statements_are_between_40_and_60_percent_true(path):
    statements = [q for q in published(path) if q.type == TRUE_FALSE]
    if not statements:
        return  # a chapter with nothing to swap gets no true/false at all, never all True
    share = sum(q.answer == "True" for q in statements) / len(statements)
    assert 0.4 <= share <= 0.6


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_a_published_stem_that_leans_on_earlier_text_carries_it(path):
    document = bank(path).document
    for question in published(path):
        if question.type == "flashcard":
            continue
        sentence = document.sentences[question.sentence_index]
        earlier = " ".join(
            s.text
            for s in document.sentences[max(0, sentence.index - 2) : sentence.index]
            if s.paragraph == sentence.paragraph
        )
        if leans_on(question.prompt, earlier):
            assert question.context, question.prompt
            assert question.context in document.cleaned_text


PARAGRAPH = """\
Valdoria — Events of 2016

Justice

Police arrested the journalist Lee Min-ho in Port Ellis on March 2. On May 3, a district \
court sentenced him to 12 years in prison for insulting officials.
"""


def test_the_sentence_a_stem_leans_on_becomes_its_context():
    generated = generate_bank(parse_document(PARAGRAPH))
    about_him = [q for q in generated.questions if "him" in q.prompt and q.type != TRUE_FALSE]
    assert about_him
    for question in about_him:
        assert question.context == (
            "Police arrested the journalist Lee Min-ho in Port Ellis on March 2."
        )
        assert "needs_context" not in question.review_reasons


def test_a_stem_that_leans_on_a_paragraph_start_is_held():
    text = PARAGRAPH.replace(
        "Police arrested the journalist Lee Min-ho in Port Ellis on March 2. ", ""
    )
    generated = generate_bank(parse_document(text))
    about_him = [q for q in generated.questions if "him" in q.prompt]
    assert about_him
    assert all("needs_context" in q.review_reasons and not q.context for q in about_him)


def test_the_seed_mixes_every_kind():
    kinds = {q.type for q in published(SEED)}
    assert {MULTIPLE_CHOICE, TRUE_FALSE, FILL_IN, "flashcard"} <= kinds


def test_a_sentence_completion_choice_has_one_blank_and_four_choices():
    cloze = [q for q in published(SEED) if q.type == MULTIPLE_CHOICE and "_____" in q.prompt]
    assert cloze
    for question in cloze:
        assert question.prompt.count("_____") == 1 and question.prompt.endswith(".")
        assert len(question.choices) == 4
        assert [c.text for c in question.choices if c.is_correct] == [question.answer]


def test_trimming_keeps_references_whole_and_drops_run_in_labels():
    statement = core_statement(
        "Detention: However, police also held detainees under Section 12(b) of the act "
        "(the emergency act) for weeks."
    )
    assert statement == "Police held detainees under Section 12(b) of the act for weeks."


def test_abbreviations_keep_their_capitals_after_the_lead_in():
    casing = Casing.from_texts(["The u.s. never appears in lowercase here."])
    assert casing.lower_first("U.S. policy changed in 2018.") == "U.S. policy changed in 2018."
    assert casing.lower_first("Under the law, X.") == "under the law, X."


def test_what_only_the_chapter_explains_is_spelled_out_in_a_stem():
    from content.pipeline.context_lines import spell_out

    acronyms = {"PSO": "Political Security Organization", "UN": "United Nations"}
    people = {"Prosper Avril": "former military ruler"}
    prompt = "According to the report, the PSO held Avril and a UN official for _____ days."
    assert spell_out(prompt, "12", acronyms, people) == (
        "According to the report, the Political Security Organization (PSO) held Prosper "
        "Avril and a UN official for _____ days."
    )
    # never the answer itself
    asked = "According to the report, which body held Avril for 12 days?"
    assert "Political" not in spell_out(asked, "Political Security Organization", acronyms, {})
