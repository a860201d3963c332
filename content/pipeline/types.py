"""The plain data that flows between pipeline stages.

The pipeline is pure Python (no Django): text goes in, these frozen
dataclasses come out, and ``content.services`` loads them into the database.
Offsets always index ``Document.cleaned_text`` exactly:
``doc.cleaned_text[s.start:s.end] == s.text`` for every sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MULTIPLE_CHOICE = "multiple_choice"
TRUE_FALSE = "true_false"
FILL_IN = "fill_in"
FLASHCARD = "flashcard"
QUESTION_TYPES = (MULTIPLE_CHOICE, TRUE_FALSE, FILL_IN, FLASHCARD)


class PipelineError(ValueError):
    """Input that cannot become a report (no prose, no title...).

    The message is one line, written for the person who ran the import.
    """


@dataclass(frozen=True)
class Section:
    order: int  # 0-based; the untitled opening (if any) is order 0
    heading: str  # "Overview" for the untitled opening
    start: int  # offset in cleaned_text of the section's first character
    end: int  # offset just past the section's last character
    level: int = 1  # 1 section, 2 sub-section, 3 a heading inside a sub-section


@dataclass(frozen=True)
class Intake:
    """What the import read and what it left out of the chapter's text.

    Word counts are words with a letter (``blocks.word_total``);
    ``words_dropped`` maps a ``blocks.DROP_REASONS`` key to the words dropped
    for it; ``prose_dropped`` counts the dropped words that read as prose
    (sentences) outside the title block, out of ``prose_total``; ``dropped``
    lists every dropped piece as (text, reason) in file order.
    """

    format: str = "text"  # "text", "markdown", "html" or "pdf"
    pages: int = 0  # PDF pages; 0 for other formats
    words_read: int = 0
    words_kept: int = 0
    words_dropped: dict[str, int] = field(default_factory=dict)
    prose_dropped: int = 0
    prose_total: int = 0
    dropped: tuple[tuple[str, str], ...] = ()
    source_url: str = ""

    @property
    def prose_dropped_share(self) -> float:
        """Dropped prose words as a share (0..1) of all prose words read."""
        return self.prose_dropped / self.prose_total if self.prose_total else 0.0


@dataclass(frozen=True)
class Sentence:
    index: int  # 0-based position in the whole report
    section_order: int
    paragraph: int  # 0-based paragraph number in the whole report
    text: str
    start: int
    end: int  # cleaned_text[start:end] == text


@dataclass(frozen=True)
class Document:
    """A cleaned chapter: what the structure stages produce."""

    title: str  # e.g. "North Korea"
    period: str  # e.g. "Events of 2018", or "" when unknown
    cleaned_text: str  # body only: paragraphs and headings separated by "\n\n"
    sections: tuple[Section, ...]
    sentences: tuple[Sentence, ...]
    intake: Intake = field(default_factory=Intake)


@dataclass(frozen=True)
class Candidate:
    """A span of a sentence that can be asked about."""

    kind: str  # number, year, date, person, country, organization, treaty, acronym, term
    text: str  # exactly as written in the sentence
    start: int  # offset inside the sentence text
    end: int
    meaning: str = ""  # for terms and acronyms: what the report says it means


@dataclass(frozen=True)
class Choice:
    text: str
    is_correct: bool
    # For a distractor the chapter itself gives: the index of the sentence it comes from,
    # so the feedback can say where "1,127" belongs ("the figure for 2017").
    source: int | None = None


@dataclass(frozen=True)
class Topic:
    slug: str
    name: str
    description: str


@dataclass(frozen=True)
class Question:
    type: str  # one of QUESTION_TYPES
    prompt: str
    answer: str  # true/false: "True" or "False"
    explanation: str
    sentence_index: int  # the Sentence it came from
    topics: tuple[str, ...]  # topic slugs, at least one
    answer_kind: str = ""  # the Candidate kind the question asks about
    choices: tuple[Choice, ...] = ()  # multiple choice and true/false
    review_reasons: tuple[str, ...] = ()  # empty == passed the quality gate
    fingerprint: str = ""  # stable across re-imports of the same sentence
    # The sentence(s) before the source that the stem leans on ("He was sentenced ..."
    # after "Police arrested the journalist Lee Min-ho."), shown above the stem; "" when
    # the stem stands alone.
    context: str = ""
    # The fact the question tests: (start, end) of its span inside the source sentence's
    # text (the answer as written, the swapped value of a false statement, the term a
    # flashcard defines); the whole sentence for a true statement that swaps nothing.
    answer_span: tuple[int, int] | None = None

    @property
    def publishable(self) -> bool:
        return not self.review_reasons


@dataclass(frozen=True)
class Bank:
    """Everything one import produces."""

    document: Document
    topics: tuple[Topic, ...]  # the whole taxonomy
    sentence_topics: dict[int, tuple[str, ...]] = field(default_factory=dict)
    questions: tuple[Question, ...] = ()
    # Questions that passed the gate but are not in the bank because another question
    # already asks their sentence (``balance``): other forms of the same fact, kept for
    # inspection and tests, never stored.
    alternates: tuple[Question, ...] = ()
