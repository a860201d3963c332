from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content.pipeline.candidates import find_candidates
from content.pipeline.gate import review_reasons
from content.pipeline.generate import gate_context, generate_bank
from content.pipeline.types import QUESTION_TYPES, Document, Section, Sentence

# Words that trip every rule: figures, dates, titles, names, acronyms, local terms,
# quotes, dashes, parentheses, colons and the words the templates cut at.
WORDS = [
    "North",
    "Korea",
    "China",
    "Japan",
    "Russia",
    "Ruritania",
    "the",
    "a",
    "of",
    "and",
    "in",
    "on",
    "to",
    "between",
    "compared",
    "President",
    "Moon",
    "Jae-in",
    "Minister",
    "Sergei",
    "Lavrov",
    "UN",
    "Security",
    "Council",
    "Ministry",
    "of",
    "Justice",
    "Convention",
    "on",
    "the",
    "Rights",
    "of",
    "the",
    "Child",
    "(CRC)",
    "(kwanliso)",
    "(rodong",
    "dallyeondae)",
    "songbun,",
    "a",
    "system",
    "that",
    "23",
    "missiles",
    "1,127",
    "808",
    "five",
    "treaties",
    "2017",
    "2018",
    "1951",
    "December",
    "11,",
    "2017",
    "March",
    "23",
    "September",
    "2016",
    "fourth",
    "sixth",
    "“loyal,”",
    "“treachery”",
    "—",
    "—",
    ":",
    ";",
    ",",
    ",",
    "which",
    "who",
    "including",
    "raising",
    "but",
    "not",
    "It",
    "These",
    "Human",
    "Rights",
    "Watch",
    "©",
    "illustration",
    "known",
    "as",
    "camps",
    "prisons",
    "arrived",
    "fired",
    "has",
    "ratified",
    "is",
    "the",
    "most",
    "adopted",
    "a",
    "resolution",
]

sentence_text = st.lists(st.sampled_from(WORDS), min_size=1, max_size=40).map(
    lambda words: " ".join(words)[:1].upper() + " ".join(words)[1:] + "."
)
any_text = st.one_of(sentence_text, st.text(min_size=1, max_size=200))


def document_of(texts: list[str]) -> Document:
    sentences = []
    parts = []
    offset = 0
    for i, text in enumerate(texts):
        text = " ".join(text.split()) or "Empty."
        sentences.append(Sentence(i, i % 2, i, text, offset, offset + len(text)))
        parts.append(text)
        offset += len(text) + 2
    cleaned = "\n\n".join(parts)
    sections = (
        Section(0, "Overview", 0, len(cleaned)),
        Section(1, "Forced Labor", 0, len(cleaned)),
    )
    return Document("Ruritania", "Events of 2017", cleaned, sections, tuple(sentences))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(any_text, min_size=1, max_size=6))
def test_generation_never_crashes_and_never_publishes_what_the_gate_refuses(texts):
    document = document_of(texts)
    for sentence in document.sentences:
        assert document.cleaned_text[sentence.start : sentence.end] == sentence.text
    bank = generate_bank(document)
    assert set(bank.sentence_topics) == {s.index for s in document.sentences}
    for question in bank.questions:
        assert question.type in QUESTION_TYPES
        assert question.topics
        if question.publishable:
            sentence = document.sentences[question.sentence_index].text
            context = gate_context(document, question.sentence_index)
            assert review_reasons(question, sentence, context) == (), question


@settings(max_examples=60, deadline=None)
@given(st.lists(sentence_text, min_size=1, max_size=8))
def test_fingerprints_are_unique_and_the_same_on_every_run(texts):
    document = document_of(texts)
    first = generate_bank(document)
    fingerprints = [q.fingerprint for q in first.questions]
    assert len(set(fingerprints)) == len(fingerprints)
    assert [q.fingerprint for q in generate_bank(document).questions] == fingerprints


@settings(max_examples=100, deadline=None)
@given(any_text)
def test_candidates_are_always_exact_non_overlapping_spans(text):
    found = find_candidates(text)
    for candidate in found:
        assert text[candidate.start : candidate.end] == candidate.text
    for left, right in zip(found, found[1:], strict=False):
        assert left.end <= right.start


@settings(max_examples=60, deadline=None)
@given(st.lists(sentence_text, min_size=2, max_size=6))
def test_published_true_false_answers_are_true_or_false_and_choices_match(texts):
    bank = generate_bank(document_of(texts))
    for question in bank.questions:
        if question.type == "true_false" and question.publishable:
            assert question.answer in {"True", "False"}
            assert {c.text for c in question.choices} == {"True", "False"}
        if question.type == "multiple_choice" and question.publishable:
            assert len(question.choices) == 4
            assert sum(c.is_correct for c in question.choices) == 1


@settings(max_examples=60, deadline=None)
@given(st.lists(sentence_text, min_size=1, max_size=6))
def test_every_question_records_the_fact_it_tests_as_a_span_of_its_sentence(texts):
    document = document_of(texts)
    for question in generate_bank(document).questions:
        text = document.sentences[question.sentence_index].text
        start, end = question.answer_span
        assert 0 <= start < end <= len(text)
        if question.type in ("multiple_choice", "fill_in"):
            assert text[start:end] == question.answer
