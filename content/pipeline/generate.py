"""The generation stages: a cleaned Document in, a question bank out.

Per sentence, in reading order: answer candidates -> flashcards for the terms
and acronyms it defines -> at most one multiple-choice (a wh-question, else a
sentence completion with four choices), one fill-in, a false and a true statement
-> a context line when the stem leans on the sentence
before (``context_lines``) -> the quality gate -> a fingerprint -> one question per
sentence (``balance``). Everything is deterministic (no randomness,
no set iteration), so the same text always gives the same bank in the same order.

Which facts are asked and which distractors are fair is ``choosing``'s; which one of a
sentence's questions is published (one per sentence: they would answer each other), and
the balance of true/false (at most half true, at most 40 % of the bank), is ``balance``'s.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from .balance import one_question_per_sentence
from .candidates import (
    ENTITY_KINDS,
    MONTHS,
    Glossary,
    SentenceReading,
    in_enumeration,
    number_value,
    read_sentences,
    same_country,
)
from .candidates import (
    normalized as normalize,
)
from .choosing import also_true, is_label, is_qualified_number
from .context_lines import context_line, earlier_in_paragraph, spell_out
from .distractors import (
    GENERIC_COUNTRIES,
    GENERIC_INTERNATIONAL_BODIES,
    GENERIC_MINISTRIES,
    GENERIC_TREATIES,
    Pool,
    PoolEntry,
    distractors_for,
    month_count,
    stable_order,
)
from .gate import GateContext, review_reasons
from .gate_reading import check_trivial_blank
from .normalize import NUMBER_WORDS
from .questions import (
    BLANK,
    Casing,
    attribute,
    core_statement,
    fill_in_stem,
    plain,
    replace_focus,
    wh_question,
)
from .topics import TAXONOMY, outline_topics, sentence_topics
from .types import (
    FILL_IN,
    FLASHCARD,
    MULTIPLE_CHOICE,
    TRUE_FALSE,
    Bank,
    Candidate,
    Choice,
    Document,
    Question,
    Sentence,
)

__all__ = ["gate_context", "generate_bank"]

# Which candidates make the best question of each type, best first.
_MC_ORDER = ("number", "term", "organization", "treaty", "country")
_FILL_ORDER = (
    "term",
    "number",
    "date",
    "year",
    "ordinal",
    "quote",
    "organization",
    "treaty",
    "person",
    "country",
)
# A false statement swaps a figure, a year or a term: a swapped country or organization
# too often makes a statement the chapter says elsewhere is true, and a swapped day or
# ordinal ("sixth year" for seventh) is a trick, not a fact a reader weighs: a date moves
# by three months or more.
_FALSE_ORDER = ("number", "year", "term", "date")


@dataclass
class _Chapter:
    document: Document
    glossary: Glossary
    casing: Casing
    pool: Pool
    context_kinds: dict[str, frozenset[str]]
    readings: tuple[SentenceReading, ...]  # per sentence, in document order
    topics: dict[int, tuple[str, ...]]
    carded: set[str] = field(default_factory=set)

    @cached_property
    def texts(self) -> dict[int, str]:
        """Sentence index -> text."""
        return {s.index: s.text for s in self.document.sentences}

    @cached_property
    def headings(self) -> tuple[str, ...]:
        """Every heading, normalized and padded with spaces for whole-word lookups."""
        return tuple(f" {normalize(s.heading)} " for s in self.document.sections)


def generate_bank(document: Document) -> Bank:
    """Every question the chapter supports, gated, fingerprinted, in reading order."""
    chapter = _read_chapter(document)
    drafts: dict[int, list[_Draft]] = {}
    for sentence in document.sentences:
        drafts[sentence.index] = _sentence_questions(chapter, sentence)
        for draft in _true_false_choices(chapter, sentence, _askable(chapter, sentence)):
            if draft is not None:
                drafts[sentence.index].append(draft)
    questions: list[Question] = []
    seen: set[str] = set()
    for sentence in document.sentences:
        context = _gate_context(chapter, sentence)
        gated = []
        for draft in drafts[sentence.index]:
            question = replace(draft.question, topics=chapter.topics[sentence.index])
            if question.type in (MULTIPLE_CHOICE, FILL_IN):
                # (a true/false statement keeps the source's words: the gate checks them)
                prompt = spell_out(
                    question.prompt,
                    question.answer,
                    chapter.glossary.acronyms,
                    chapter.glossary.people,
                )
                question = replace(question, prompt=prompt)
            question = replace(
                question, context=context_line(chapter.document.sentences, sentence, question)
            )
            question = replace(
                question,
                review_reasons=review_reasons(question, sentence.text, context),
                fingerprint=_fingerprint(question, draft.template, sentence, draft.focus),
            )
            if question.fingerprint in seen:
                continue
            seen.add(question.fingerprint)
            gated.append(question)
        questions.extend(gated)
    questions, alternates = one_question_per_sentence(questions, document.sentences)
    questions = [_with_sources(chapter, q) for q in questions]
    return Bank(
        document=document,
        topics=TAXONOMY,
        sentence_topics=dict(chapter.topics),
        questions=tuple(questions),
        alternates=tuple(alternates),
    )


def _with_sources(chapter: _Chapter, question: Question) -> Question:
    """A multiple choice whose distractors the chapter gives elsewhere, each with the
    sentence it comes from (the same sentence first: "1,127 in 2017" beside "808")."""
    if question.type != MULTIPLE_CHOICE:
        return question
    choices = []
    for choice in question.choices:
        source = (
            None
            if choice.is_correct
            else chapter.pool.first_sentence(choice.text, near=question.sentence_index)
        )
        choices.append(replace(choice, source=source))
    return replace(question, choices=tuple(choices))


def gate_context(document: Document, sentence_index: int) -> GateContext:
    """The context the gate used for questions of one sentence (to re-check a bank)."""
    chapter = _read_chapter(document)
    return _gate_context(chapter, document.sentences[sentence_index])


def _gate_context(chapter: _Chapter, sentence: Sentence) -> GateContext:
    sentences = chapter.document.sentences
    previous = sentences[sentence.index - 1].text if sentence.index else ""
    return GateContext(
        kinds=chapter.context_kinds,
        previous=previous,
        earlier=" ".join(
            s.text for s in earlier_in_paragraph(chapter.document.sentences, sentence)
        ),
        lowercase_words=chapter.casing.lowercase_words,
        proper_words=chapter.casing.proper_words,
        acronyms=chapter.glossary.acronyms,
        year=_period_year(chapter.document.period),
    )


def _period_year(period: str) -> str:
    """ "Events of 2018" -> "2018"; "" when the period names no single year."""
    years = re.findall(r"\b(?:1[5-9]|20)\d\d\b", period)
    return years[0] if len(years) == 1 else ""


def _read_chapter(document: Document) -> _Chapter:
    glossary, readings = read_sentences(document)
    casing = Casing.from_texts(s.text for s in document.sentences)
    entries = [
        PoolEntry(sentence.index, c)
        for sentence, reading in zip(document.sentences, readings, strict=True)
        for c in reading.candidates
        if c.kind != "quote"
    ]
    kinds: dict[str, set[str]] = {}
    for entry in entries:
        kinds.setdefault(normalize(entry.candidate.text), set()).add(entry.candidate.kind)
    for kind, names in (
        ("country", GENERIC_COUNTRIES),
        ("organization", GENERIC_INTERNATIONAL_BODIES + GENERIC_MINISTRIES),
        ("treaty", GENERIC_TREATIES),
    ):
        for name in names:
            kinds.setdefault(normalize(name), set()).add(kind)
    outline = outline_topics([(s.level, s.heading) for s in document.sections])
    primary = {s.order: topic for s, topic in zip(document.sections, outline, strict=True)}
    topics = {
        s.index: sentence_topics(s.text, primary.get(s.section_order, "overview"))
        for s in document.sentences
    }
    return _Chapter(
        document=document,
        glossary=glossary,
        casing=casing,
        pool=Pool(entries),
        context_kinds={k: frozenset(v) for k, v in kinds.items()},
        readings=readings,
        topics=topics,
    )


@dataclass(frozen=True)
class _Draft:
    question: Question
    template: str
    focus: str  # what the question asks about, for the fingerprint


def _askable(chapter: _Chapter, sentence: Sentence) -> list[Candidate]:
    found = chapter.readings[sentence.index].candidates
    subject = chapter.glossary.subject
    out = []
    for cand in found:
        if cand.kind in ENTITY_KINDS | {"quote"} and in_enumeration(cand, found, sentence.text):
            continue
        if cand.kind == "country" and subject and same_country(cand.text, subject):
            continue  # "North Korea" in the North Korea chapter asks nothing
        if cand.kind == "acronym" and sentence.text[cand.start - 1 : cand.start] == "(":
            continue  # the definition itself: the flashcard asks it
        if cand.kind in ("acronym", "organization") and re.fullmatch(r"[A-Z]{2,6}", cand.text):
            continue  # a bare acronym as an answer tests the letters, not the fact
        if cand.kind in _NAMED_KINDS and re.search(r"[’']s?$", cand.text):
            continue  # "Department of State’s": the name is asked without its possessive
        if cand.kind in _NAMED_KINDS and _MONTH_LED.match(cand.text):
            continue  # "June the National Security Agency": a date glued to a name
        if cand.kind in _NAMED_KINDS and " and " in cand.text and " of " not in cand.text:
            continue  # "World Bank and IMF": two names, typed in either order
        out.append(cand)
    return out


def _subject_names(chapter: _Chapter) -> tuple[str, ...]:
    """The chapter's own country under every name the chapter gives it."""
    subject = chapter.glossary.subject
    if not subject:
        return ()
    names = {
        e.candidate.text
        for e in chapter.pool.of_kind("country")
        if same_country(e.candidate.text, subject)
    }
    return (subject, *sorted(names))


def _ordered(
    cands: Sequence[Candidate], order: Sequence[str], *, last_number_first: bool = False
) -> list[Candidate]:
    rank = {kind: i for i, kind in enumerate(order)}

    def key(c: Candidate) -> tuple[int, int]:
        # In "2,706 in 2011, 1,127 in 2017, and only 808 in 2018" the last figure
        # is the newest, the one the chapter's year is about.
        backwards = last_number_first and c.kind == "number"
        return rank[c.kind], -c.start if backwards else c.start

    return sorted((c for c in cands if c.kind in rank), key=key)


def _sentence_questions(chapter: _Chapter, sentence: Sentence) -> list[_Draft]:
    drafts = _flashcards(chapter, sentence)
    askable = _askable(chapter, sentence)
    mc = _multiple_choice(chapter, sentence, askable)
    if mc:
        drafts.append(mc)
    used = {mc.focus} if mc else set()
    fill = _fill_in(chapter, sentence, askable, used)
    if fill:
        drafts.append(fill)
    return drafts


def _with_article(meaning: str) -> str:
    """ "political prison camp system" -> "the political prison camp system"; plurals
    and phrases that have their article already stay as they are."""
    if re.match(r"(?:a|an|the) ", meaning) or re.search(r"s\b$", meaning):
        return meaning
    return "the " + meaning


def _question(sentence: Sentence, span: Candidate | tuple[int, int] | None, **fields) -> Question:
    """A draft of ``sentence``; ``span`` is the fact it tests (a candidate, or offsets in
    the sentence's text), None for the whole sentence."""
    if isinstance(span, Candidate):
        span = (span.start, span.end)
    return Question(
        sentence_index=sentence.index,
        topics=(),
        answer_span=span or (0, len(sentence.text)),
        **fields,
    )


def _says(chapter: _Chapter, statement: str) -> str:
    return "The report says that " + chapter.casing.lower_first(plain(statement))


def _flashcards(chapter: _Chapter, sentence: Sentence) -> list[_Draft]:
    drafts = []
    reading = chapter.readings[sentence.index]
    for term, meaning, start in reading.terms:
        if f"term:{term}" in chapter.carded:
            continue
        chapter.carded.add(f"term:{term}")
        question = _question(
            sentence,
            (start, start + len(term)),
            type=FLASHCARD,
            prompt=f"What does the term “{term}” refer to in the report?",
            answer=meaning[0].upper() + meaning[1:],
            explanation=f"The report uses “{term}” for {meaning}.",
            answer_kind="term",
        )
        drafts.append(_Draft(question, "card-term", f"term:{normalize(term)}"))
    for acronym, meaning, start in reading.acronyms:
        if f"acronym:{acronym}" in chapter.carded:
            continue
        chapter.carded.add(f"acronym:{acronym}")
        question = _question(
            sentence,
            (start, start + len(acronym)),
            type=FLASHCARD,
            prompt=f"What does “{acronym}” stand for in the report?",
            answer=meaning,
            explanation=f"The report writes {acronym} for the {meaning}.",
            answer_kind="acronym",
        )
        drafts.append(_Draft(question, "card-acronym", f"acronym:{normalize(acronym)}"))
    return drafts


def _multiple_choice(
    chapter: _Chapter, sentence: Sentence, askable: list[Candidate]
) -> _Draft | None:
    found = chapter.readings[sentence.index].candidates
    defined_here = {term for term, _, _ in chapter.readings[sentence.index].terms}
    for focus in _ordered(askable, _MC_ORDER, last_number_first=True):
        if is_qualified_number(sentence, focus) or is_label(sentence, focus):
            continue
        if focus.kind == "term":
            # Asked once, where first defined, and only when the sentence does not
            # already make the better fill-in ("..., known as _____.").
            if focus.text not in defined_here or f"mc:{focus.text}" in chapter.carded:
                continue
            statement = core_statement(sentence.text, focus)
            if statement and fill_in_stem(statement, focus)[1] == "fill-known-as":
                continue
            chapter.carded.add(f"mc:{focus.text}")
            meaning = _with_article(focus.meaning)
            stem = f"Which term does the report use for {meaning}?"
            statement = f"The report uses “{focus.text}” for {meaning}."
            template = "mc-which-term"
            explanation = statement
        else:
            wh = wh_question(sentence.text, focus, found, chapter.casing)
            if wh is None:
                continue
            stem = attribute(wh.question, chapter.casing)
            template = wh.template
            explanation = _says(chapter, wh.statement)
        draft = _choice_draft(chapter, sentence, focus, stem, template, explanation)
        if draft is not None:
            return draft
    return _cloze_choice(chapter, sentence, askable)


def _choice_draft(
    chapter: _Chapter,
    sentence: Sentence,
    focus: Candidate,
    stem: str,
    template: str,
    explanation: str,
) -> _Draft | None:
    """A multiple choice on ``focus`` with three fair distractors, in a stable shuffled
    order; None when the chapter has fewer than three."""
    found = chapter.readings[sentence.index].candidates
    key = f"{sentence.index}|{template}|{focus.text}"
    wrong = _fair_distractors(chapter, sentence, focus, found, stem, key)
    if len(wrong) < 3:
        return None
    texts = stable_order([focus.text, *wrong], key)
    question = _question(
        sentence,
        focus,
        type=MULTIPLE_CHOICE,
        prompt=stem,
        answer=focus.text,
        explanation=explanation,
        answer_kind=focus.kind,
        choices=tuple(Choice(t, t == focus.text) for t in texts),
    )
    return _Draft(question, template, f"{focus.kind}:{normalize(focus.text)}")


# What a sentence-completion multiple choice may ask: kinds whose distractors the chapter
# gives in the same form (figures, dates, names of one class).
_CLOZE_ORDER = ("number", "date", "year", "organization", "treaty", "person", "country", "term")


def _cloze_choice(chapter: _Chapter, sentence: Sentence, askable: list[Candidate]) -> _Draft | None:
    """A multiple choice that completes the sentence ("... sentenced him to _____ years
    in prison." with four figures) when no wh-question can be formed."""
    for focus in _ordered(askable, _CLOZE_ORDER, last_number_first=True):
        if is_qualified_number(sentence, focus) or is_label(sentence, focus):
            continue
        statement = core_statement(sentence.text, focus)
        if statement is None:
            continue
        stem, template = fill_in_stem(statement, focus)
        if template == "fill-known-as":
            continue  # "..., known as _____." is the better fill-in
        prompt = attribute(stem, chapter.casing)
        if f" {normalize(focus.text)} " in f" {normalize(prompt.replace(BLANK, ' '))} ":
            continue
        if _trivial(chapter, prompt, focus):
            continue
        draft = _choice_draft(
            chapter, sentence, focus, prompt, "mc-cloze", _says(chapter, statement)
        )
        if draft is not None:
            return draft
    return None


_MONTH_LED = re.compile(rf"(?:{'|'.join(MONTHS)})\b")
# Kinds whose distractors could be as true as the answer ("Which country welcomed ...?").
_NAMED_KINDS = frozenset({"organization", "person", "country", "treaty"})


def _fair_distractors(
    chapter: _Chapter,
    sentence: Sentence,
    focus: Candidate,
    found: Sequence[Candidate],
    stem: str,
    key: str,
) -> tuple[str, ...]:
    """Three distractors for a multiple choice, none of which the chapter says the same
    thing about elsewhere (``choosing.also_true``); fewer when the chapter has no more."""
    options = distractors_for(
        focus,
        sentence_index=sentence.index,
        sentence_candidates=found,
        pool=chapter.pool,
        stem=stem,
        key=key,
        count=6 if focus.kind in _NAMED_KINDS else 3,
        avoid=_subject_names(chapter),
    )
    if focus.kind not in _NAMED_KINDS:
        return options
    # Words of a heading ("Freedom of Peaceful Assembly") are no body's name.
    options = tuple(o for o in options if not _in_a_heading(chapter, o))
    texts = chapter.texts
    fair = [
        option
        for option in options
        if not also_true(
            option,
            answer=focus.text,
            source=sentence.text,
            sentences=texts,
            where=chapter.pool.sentences_with(option),
        )
    ]
    return tuple(fair[:3])


def _in_a_heading(chapter: _Chapter, text: str) -> bool:
    wanted = f" {normalize(text)} "
    return any(wanted in heading for heading in chapter.headings)


def _trivial(chapter: _Chapter, prompt: str, focus: Candidate) -> bool:
    """Whether a blank for ``focus`` would be held as not worth filling (the chapter's own
    year, half of a range...): the sentence's next candidate is tried instead."""
    draft = Question(
        type=FILL_IN,
        prompt=prompt,
        answer=focus.text,
        explanation="",
        sentence_index=0,
        topics=(),
        answer_kind=focus.kind,
    )
    context = GateContext(year=_period_year(chapter.document.period))
    return check_trivial_blank(draft, "", context) is not None


def _fill_in(
    chapter: _Chapter, sentence: Sentence, askable: list[Candidate], used: set[str]
) -> _Draft | None:
    for focus in _ordered(askable, _FILL_ORDER):
        if f"{focus.kind}:{normalize(focus.text)}" in used or is_label(sentence, focus):
            continue
        statement = core_statement(sentence.text, focus)
        if statement is None:
            continue
        stem, template = fill_in_stem(statement, focus)
        prompt = attribute(stem, chapter.casing)
        rest = prompt.replace(BLANK, " ")
        if f" {normalize(focus.text)} " in f" {normalize(rest)} ":
            continue  # the answer stands elsewhere in the stem
        if _trivial(chapter, prompt, focus):
            continue
        question = _question(
            sentence,
            focus,
            type=FILL_IN,
            prompt=prompt,
            answer=focus.text,
            explanation=_says(chapter, statement),
            answer_kind=focus.kind,
        )
        return _Draft(question, template, f"{focus.kind}:{normalize(focus.text)}")
    return None


def _true_false_choices(
    chapter: _Chapter, sentence: Sentence, askable: list[Candidate]
) -> tuple[_Draft | None, _Draft | None]:
    """(false statement, true statement) this sentence can give, either may be None."""
    return _false_statement(chapter, sentence, askable), _true_statement(chapter, sentence, askable)


def _tf_choices(answer: str) -> tuple[Choice, ...]:
    return (Choice("True", answer == "True"), Choice("False", answer == "False"))


def _false_statement(
    chapter: _Chapter, sentence: Sentence, askable: list[Candidate]
) -> _Draft | None:
    found = chapter.readings[sentence.index].candidates
    for focus in _ordered(askable, _FALSE_ORDER):
        if is_qualified_number(sentence, focus) or is_label(sentence, focus):
            continue
        statement = core_statement(sentence.text, focus)
        if statement is None:
            continue
        if _in_brackets(sentence.text, focus):
            continue  # "$20 (21,000 Leones)": a conversion or gloss, not the fact
        options = distractors_for(
            focus,
            sentence_index=sentence.index,
            sentence_candidates=found,
            pool=chapter.pool,
            stem=plain(statement),
            key=f"{sentence.index}|tf|{focus.text}",
            count=6,
            avoid=_subject_names(chapter),
        )
        wrong = [o for o in options if _clearly_false(focus, o)][:1]
        if not wrong:
            continue
        false = replace_focus(statement, wrong[0])
        said, instead = _mid_sentence(focus.text), _mid_sentence(wrong[0])
        explanation = f"The report says {said}, not {instead}. " + _says(
            chapter, statement
        ).replace("The report says that", "It says that", 1)
        question = _question(
            sentence,
            focus,
            type=TRUE_FALSE,
            prompt=attribute(false, chapter.casing),
            answer="False",
            explanation=explanation,
            answer_kind=focus.kind,
            choices=_tf_choices("False"),
        )
        return _Draft(question, "tf-false", f"{focus.kind}:{normalize(focus.text)}")
    return None


_MEASURE = re.compile(
    r"\b(?:percent|per cent|years?|months?|weeks?|days?|hours?|minutes?|dollars?|euros?|"
    r"pounds?|cedis?|leones?|francs?|rupees?|shillings?|kilometers?|miles?|meters?|tons?)\b"
)


def _months_apart(a: str, b: str) -> int:
    """Months between two dates as written ("March 23" / "September 19"); 0 when either is
    no date or only one gives a year. A swapped day is never a fact a reader weighs."""
    first, second = month_count(a), month_count(b)
    if first is None or second is None or first[1] != second[1]:
        return 0
    return abs(first[0] - second[0])


def _in_brackets(text: str, focus: Candidate) -> bool:
    before = text[: focus.start]
    return before.count("(") > before.count(")")


def _clearly_false(focus: Candidate, option: str) -> bool:
    """Whether swapping ``option`` in for ``focus`` makes a statement no careful reader
    could call true: a count raised, not lowered ("ratified four treaties" is true of a
    state that ratified five), by a real margin; a year at least two years off."""
    if focus.kind == "number":
        value, other = number_value(focus.text), number_value(option)
        if value is None or other is None or other == value:
            return False
        # A share, a span of time or a sum is false either way; a count only upwards.
        measure = _MEASURE.search(focus.meaning) or re.search(r"[$€£%]", focus.text)
        if other < value and not measure:
            return False
        low, high = sorted((value, other))
        if low <= 12:
            return high > low if other > value else high - low >= 2
        return high >= low * 1.25
    if focus.kind == "date":
        return _months_apart(focus.text, option) >= 3
    if focus.kind == "year":
        return abs(int(option[:4]) - int(focus.text[:4])) >= 2 if option[:4].isdigit() else False
    return True


def _true_statement(
    chapter: _Chapter, sentence: Sentence, askable: list[Candidate]
) -> _Draft | None:
    focus = next(iter(_ordered(askable, _FALSE_ORDER)), None)
    statement = core_statement(sentence.text, focus)
    if statement is None and focus is not None:
        focus, statement = None, core_statement(sentence.text, None)
    if statement is None:
        return None
    text = plain(statement)
    question = _question(
        sentence,
        focus,
        type=TRUE_FALSE,
        prompt=attribute(text, chapter.casing),
        answer="True",
        explanation=_says(chapter, text),
        answer_kind=focus.kind if focus else "",
        choices=_tf_choices("True"),
    )
    asked = f"{focus.kind}:{normalize(focus.text)}" if focus else "statement"
    return _Draft(question, "tf-true", asked)


def _mid_sentence(value: str) -> str:
    """A number word as written inside a sentence: "Two" (a sentence's first word) is
    "two"; names keep their capitals."""
    return value.lower() if value.lower() in NUMBER_WORDS else value


def _fingerprint(question: Question, template: str, sentence: Sentence, focus: str) -> str:
    # Only what the question is *about*: never offsets, indices or other sentences,
    # so re-importing an edited chapter keeps every untouched question's identity.
    parts = (
        question.type,
        template,
        normalize(sentence.text),
        normalize(question.answer),
        focus,
    )
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
