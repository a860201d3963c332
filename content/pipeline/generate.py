"""The generation stages: a cleaned Document in, a question bank out.

Per sentence, in reading order: answer candidates -> flashcards for the terms
and acronyms it defines -> at most one multiple-choice, one fill-in and one
true/false question -> the quality gate -> a fingerprint. Everything is
deterministic (no randomness, no set iteration), so the same text always gives
the same bank in the same order.

True/false questions are chosen per sentence from the sentence's own text, then
balanced so that about half are false (see ``_pick_true_false``).
"""

from __future__ import annotations

import hashlib
import heapq
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from .candidates import (
    ENTITY_KINDS,
    Glossary,
    SentenceReading,
    in_enumeration,
    read_sentences,
    same_country,
)
from .candidates import (
    normalized as normalize,
)
from .distractors import (
    GENERIC_COUNTRIES,
    GENERIC_INTERNATIONAL_BODIES,
    GENERIC_MINISTRIES,
    GENERIC_TREATIES,
    Pool,
    PoolEntry,
    distractors_for,
    stable_order,
)
from .gate import GateContext, review_reasons
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
from .wording import leans_on

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
# A false statement swaps a figure, a year, a date or a term: a swapped country or
# organization too often makes a statement the chapter says elsewhere is true.
_FALSE_ORDER = ("number", "ordinal", "year", "date", "term")


# How many more true than false statements the bank may hold.
_TRUE_LEAD = 3


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


def generate_bank(document: Document) -> Bank:
    """Every question the chapter supports, gated, fingerprinted, in reading order."""
    chapter = _read_chapter(document)
    drafts: dict[int, list[_Draft]] = {}
    tf_options: dict[int, tuple[_Draft | None, _Draft | None]] = {}
    for sentence in document.sentences:
        drafts[sentence.index] = _sentence_questions(chapter, sentence)
        tf_options[sentence.index] = _true_false_choices(
            chapter, sentence, _askable(chapter, sentence)
        )
    counts = {index: len(found) for index, found in drafts.items()}
    for index, draft in _pick_true_false(tf_options, document.sentences, counts).items():
        drafts[index].append(draft)
    questions: list[Question] = []
    seen: set[str] = set()
    for sentence in document.sentences:
        context = _gate_context(chapter, sentence)
        gated = []
        for draft in drafts[sentence.index]:
            question = replace(draft.question, topics=chapter.topics[sentence.index])
            question = replace(question, context=_context_line(chapter, sentence, question))
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
    questions = _balance_true_false(questions, document.sentences)
    return Bank(
        document=document,
        topics=TAXONOMY,
        sentence_topics=dict(chapter.topics),
        questions=tuple(questions),
    )


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
        earlier=" ".join(s.text for s in _earlier(chapter, sentence)),
        lowercase_words=chapter.casing.lowercase_words,
        proper_words=chapter.casing.proper_words,
        acronyms=chapter.glossary.acronyms,
        year=_period_year(chapter.document.period),
    )


def _period_year(period: str) -> str:
    """ "Events of 2018" -> "2018"; "" when the period names no single year."""
    years = re.findall(r"\b(?:1[5-9]|20)\d\d\b", period)
    return years[0] if len(years) == 1 else ""


def _earlier(chapter: _Chapter, sentence: Sentence, limit: int = 2) -> list[Sentence]:
    """Up to ``limit`` sentences before ``sentence`` in its paragraph, in order."""
    sentences = chapter.document.sentences
    found = []
    for index in range(sentence.index - 1, max(-1, sentence.index - 1 - limit), -1):
        if sentences[index].paragraph != sentence.paragraph:
            break
        found.insert(0, sentences[index])
    return found


MAX_CONTEXT = 400  # characters of context shown above a stem


def _context_line(chapter: _Chapter, sentence: Sentence, question: Question) -> str:
    """The sentence(s) a stem that leans on earlier text needs, or "" (it stands alone,
    or no context can be given: the paragraph starts here, the context itself leans on
    something further back, or it would state the answer)."""
    earlier = _earlier(chapter, sentence)
    if question.type == FLASHCARD or not earlier:
        return ""
    if not leans_on(question.prompt, " ".join(s.text for s in earlier)):
        return ""
    lines = earlier[-1:]
    if leans_on(lines[0].text) and len(earlier) == 2:
        lines = earlier
    if leans_on(lines[0].text):
        return ""
    text = " ".join(s.text for s in lines)
    if len(text) > MAX_CONTEXT:
        return ""
    gives_answer = f" {normalize(question.answer)} " in f" {normalize(text)} "
    if question.type in (MULTIPLE_CHOICE, FILL_IN) and gives_answer:
        return ""
    return text


# The most a bank's published true/false statements may lean to "True".
MAX_TRUE_SHARE = 0.55


def _balance_true_false(questions: list[Question], sentences: Sequence[Sentence]) -> list[Question]:
    """Drop published true statements (in the order of a hash of their sentence, never by
    position) until at most ``MAX_TRUE_SHARE`` of the published true/false are "True":
    a bank that is mostly "True" teaches guessing. Held questions are left alone."""
    published = [q for q in questions if q.type == TRUE_FALSE and q.publishable]
    trues = [q for q in published if q.answer == "True"]
    falses = len(published) - len(trues)
    allowed = int(MAX_TRUE_SHARE * falses / (1 - MAX_TRUE_SHARE))
    if len(trues) <= allowed:
        return questions
    ranked = sorted(trues, key=lambda q: _sentence_rank(sentences[q.sentence_index]))
    dropped = {id(q) for q in ranked[allowed:]}
    return [q for q in questions if id(q) not in dropped]


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


def _question(sentence: Sentence, **fields) -> Question:
    return Question(sentence_index=sentence.index, topics=(), **fields)


def _says(chapter: _Chapter, statement: str) -> str:
    return "The report says that " + chapter.casing.lower_first(plain(statement))


def _flashcards(chapter: _Chapter, sentence: Sentence) -> list[_Draft]:
    drafts = []
    reading = chapter.readings[sentence.index]
    for term, meaning, _ in reading.terms:
        if f"term:{term}" in chapter.carded:
            continue
        chapter.carded.add(f"term:{term}")
        question = _question(
            sentence,
            type=FLASHCARD,
            prompt=f"What does the term “{term}” refer to in the report?",
            answer=meaning[0].upper() + meaning[1:],
            explanation=f"The report uses “{term}” for {meaning}.",
            answer_kind="term",
        )
        drafts.append(_Draft(question, "card-term", f"term:{normalize(term)}"))
    for acronym, meaning, _ in reading.acronyms:
        if f"acronym:{acronym}" in chapter.carded:
            continue
        chapter.carded.add(f"acronym:{acronym}")
        question = _question(
            sentence,
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
        if _is_qualified_number(sentence, focus):
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
        key = f"{sentence.index}|{template}|{focus.text}"
        wrong = distractors_for(
            focus,
            sentence_index=sentence.index,
            sentence_candidates=found,
            pool=chapter.pool,
            stem=stem,
            key=key,
            avoid=_subject_names(chapter),
        )
        if len(wrong) < 3:
            continue
        texts = stable_order([focus.text, *wrong], key)
        question = _question(
            sentence,
            type=MULTIPLE_CHOICE,
            prompt=stem,
            answer=focus.text,
            explanation=explanation,
            answer_kind=focus.kind,
            choices=tuple(Choice(t, t == focus.text) for t in texts),
        )
        return _Draft(question, template, f"{focus.kind}:{normalize(focus.text)}")
    return _cloze_choice(chapter, sentence, askable)


# What a sentence-completion multiple choice may ask: kinds whose distractors the chapter
# gives in the same form (figures, dates, names of one class).
_CLOZE_ORDER = ("number", "date", "year", "organization", "treaty", "person", "country")


def _cloze_choice(chapter: _Chapter, sentence: Sentence, askable: list[Candidate]) -> _Draft | None:
    """A multiple choice that completes the sentence ("... sentenced him to _____ years
    in prison." with four figures) when no wh-question can be formed."""
    found = chapter.readings[sentence.index].candidates
    for focus in _ordered(askable, _CLOZE_ORDER, last_number_first=True):
        if _is_qualified_number(sentence, focus):
            continue
        statement = core_statement(sentence.text, focus)
        if statement is None:
            continue
        stem, _ = fill_in_stem(statement, focus)
        prompt = attribute(stem, chapter.casing)
        if f" {normalize(focus.text)} " in f" {normalize(prompt.replace(BLANK, ' '))} ":
            continue
        key = f"{sentence.index}|mc-cloze|{focus.text}"
        wrong = distractors_for(
            focus,
            sentence_index=sentence.index,
            sentence_candidates=found,
            pool=chapter.pool,
            stem=prompt,
            key=key,
            avoid=_subject_names(chapter),
        )
        if len(wrong) < 3:
            continue
        texts = stable_order([focus.text, *wrong], key)
        question = _question(
            sentence,
            type=MULTIPLE_CHOICE,
            prompt=prompt,
            answer=focus.text,
            explanation=_says(chapter, statement),
            answer_kind=focus.kind,
            choices=tuple(Choice(t, t == focus.text) for t in texts),
        )
        return _Draft(question, "mc-cloze", f"{focus.kind}:{normalize(focus.text)}")
    return None


def _fill_in(
    chapter: _Chapter, sentence: Sentence, askable: list[Candidate], used: set[str]
) -> _Draft | None:
    for focus in _ordered(askable, _FILL_ORDER):
        if f"{focus.kind}:{normalize(focus.text)}" in used:
            continue
        statement = core_statement(sentence.text, focus)
        if statement is None:
            continue
        stem, template = fill_in_stem(statement, focus)
        prompt = attribute(stem, chapter.casing)
        rest = prompt.replace(BLANK, " ")
        if f" {normalize(focus.text)} " in f" {normalize(rest)} ":
            continue  # the answer stands elsewhere in the stem
        question = _question(
            sentence,
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


def _sentence_rank(sentence: Sentence) -> str:
    return hashlib.sha256(sentence.text.encode()).hexdigest()


def _pick_true_false(
    options: dict[int, tuple[_Draft | None, _Draft | None]],
    sentences: Sequence[Sentence],
    question_counts: dict[int, int],
) -> dict[int, _Draft]:
    """One true/false question per chosen sentence, about half of them false.

    Never decided from running counts in reading order, so that editing one
    sentence does not flip the questions of all those after it: every sentence
    whose fact can be swapped gives a false statement; true statements of the
    other sentences are then added (sections with the fewest questions first, then
    in the order of a hash of their text) until they about match the false ones.
    """
    chosen: dict[int, _Draft] = {}
    for sentence in sentences:
        false = options.get(sentence.index, (None, None))[0]
        if false is not None:
            chosen[sentence.index] = false
    trues, falses = 0, len(chosen)
    # Sections with the fewest questions get the true statements first, so that a
    # section of general prose still has enough to quiz on.
    per_section = dict.fromkeys((s.section_order for s in sentences), 0)
    for index, count in question_counts.items():
        per_section[sentences[index].section_order] += count
    spare: dict[int, list[Sentence]] = {}
    for sentence in sorted(sentences, key=_sentence_rank):
        if sentence.index not in chosen and options.get(sentence.index, (None, None))[1]:
            spare.setdefault(sentence.section_order, []).append(sentence)
    heap = [(per_section[order], order) for order in spare]
    heapq.heapify(heap)
    while heap and trues < falses + _TRUE_LEAD:
        count, order = heapq.heappop(heap)
        sentence = spare[order].pop(0)
        chosen[sentence.index] = options[sentence.index][1]
        trues += 1
        if spare[order]:
            heapq.heappush(heap, (count + 1, order))
    return chosen


# A figure given as a bound or an estimate ("more than 4,000", "at least 11", "about
# 93,000") makes other figures true too (4,500 is "more than 4,000") or not clearly
# false: such a figure is asked only as a fill-in, which keeps the qualifier.
_QUALIFIER = re.compile(
    r"\b(?:more than|over|at least|in excess of|upwards of|nearly|almost|approximately|about"
    r"|around|roughly|some|an estimated|estimated|up to|fewer than|less than|under|as many as"
    r"|as few as|no fewer than|no more than|at most|close to)\s+$",
    re.IGNORECASE,
)


def _is_qualified_number(sentence: Sentence, focus: Candidate) -> bool:
    if focus.kind != "number":
        return False
    return bool(_QUALIFIER.search(sentence.text[max(0, focus.start - 30) : focus.start]))


def _tf_choices(answer: str) -> tuple[Choice, ...]:
    return (Choice("True", answer == "True"), Choice("False", answer == "False"))


def _false_statement(
    chapter: _Chapter, sentence: Sentence, askable: list[Candidate]
) -> _Draft | None:
    found = chapter.readings[sentence.index].candidates
    for focus in _ordered(askable, _FALSE_ORDER):
        if _is_qualified_number(sentence, focus):
            continue
        statement = core_statement(sentence.text, focus)
        if statement is None:
            continue
        wrong = distractors_for(
            focus,
            sentence_index=sentence.index,
            sentence_candidates=found,
            pool=chapter.pool,
            stem=plain(statement),
            key=f"{sentence.index}|tf|{focus.text}",
            count=1,
            avoid=_subject_names(chapter),
        )
        if not wrong:
            continue
        false = replace_focus(statement, wrong[0])
        explanation = f"The report says {focus.text}, not {wrong[0]}. " + _says(
            chapter, statement
        ).replace("The report says that", "It says that", 1)
        question = _question(
            sentence,
            type=TRUE_FALSE,
            prompt=attribute(false, chapter.casing),
            answer="False",
            explanation=explanation,
            answer_kind=focus.kind,
            choices=_tf_choices("False"),
        )
        return _Draft(question, "tf-false", f"{focus.kind}:{normalize(focus.text)}")
    return None


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
        type=TRUE_FALSE,
        prompt=attribute(text, chapter.casing),
        answer="True",
        explanation=_says(chapter, text),
        answer_kind=focus.kind if focus else "",
        choices=_tf_choices("True"),
    )
    asked = f"{focus.kind}:{normalize(focus.text)}" if focus else "statement"
    return _Draft(question, "tf-true", asked)


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
