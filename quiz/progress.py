"""What a learner knows, topic by topic, and the report as the reader shows it (reads only).

Mastery of a topic is the mean, over the topic's published questions, of how well each one is
known *now*: a question whose latest review was graded Hard, Good or Easy counts its predicted
recall at this moment (FSRS's forgetting curve, from the card's stability and the time since
that review, in continuous time: ``quiz.scheduling.recall``); a question last answered wrong
(graded Again) counts 0, as does one never studied. So a learner who has just got a topic's
questions wrong sees 0, not the 100 a fresh review predicts; mastery rises only by answering
more of the topic right, and falls by itself as memories fade until the cards are reviewed.
The class dashboard (quiz.analysis) uses the same ``card_mastery``.

Every function here runs a fixed number of queries whatever the size of the bank and of the
learner's history: counts are aggregated in SQL and only the learner's own cards (one small row
each) come back to Python, where the forgetting curve is evaluated.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Exists, F, Max, OuterRef, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from content.models import Question, QuestionStatus, QuestionType, Report, Section, Sentence, Topic
from quiz.models import Answer, CardState, QuizSession
from quiz.scheduling import recall
from quiz.visitors import Owner

PUBLISHED = QuestionStatus.PUBLISHED
# The types a quiz asks (flashcard-type questions only appear in card decks).
QUIZ_TYPES = (QuestionType.MULTIPLE_CHOICE, QuestionType.TRUE_FALSE, QuestionType.FILL_IN)

OwnerLike = Owner | AbstractBaseUser | str | None


def as_owner(owner: OwnerLike) -> Owner | None:
    """Accept a user, a visitor key or an ``Owner``; None (or "") means nobody yet."""
    if owner is None or owner == "" or isinstance(owner, Owner):
        return owner or None
    if isinstance(owner, str):
        return Owner(visitor_key=owner)
    return Owner(user=owner)


def _answers_of(owner: Owner) -> Q:
    # Answer.user is copied from the session, so a user's answers need no join; a visitor's
    # answers are known only through their sessions.
    if owner.user is not None:
        return Q(user=owner.user)
    return Q(user__isnull=True, session__user__isnull=True, session__visitor_key=owner.visitor_key)


def card_mastery(
    stability: float | None, last_review: datetime | None, last_rating: int | None, now: datetime
) -> float:
    """How well one question counts as known now, 0 to 1 (see the module docstring).

    Its predicted recall if the latest review was a pass (Hard, Good or Easy), else 0: a
    wrong answer is evidence the learner does not know it, whatever FSRS predicts for a
    review a moment ago. A card without a rating counts as not known (every review writes
    one, and the migration that added the column filled it in from the answers).
    """
    if last_rating is None or last_rating == Answer.Rating.AGAIN:
        return 0.0
    return recall(stability, last_review, now)


@dataclass(frozen=True)
class TopicProgress:
    topic: Topic
    total: int  # published questions in the topic
    mastery: int = 0  # 0-100, see the module docstring
    seen: int = 0  # of those questions, how many the learner has answered
    due: int = 0  # of those questions, how many cards are due now
    answers: int = 0
    correct: int = 0
    last_studied: datetime | None = None

    @property
    def accuracy(self) -> int | None:
        """Percent of the learner's answers in this topic that were right (None: no answers)."""
        return round(100 * self.correct / self.answers) if self.answers else None


def topic_progress(
    owner: OwnerLike, now: datetime, *, min_questions: int = 1
) -> list[TopicProgress]:
    """Every topic with at least ``min_questions`` published questions, in display order.

    Three queries: the topics with their question counts, the learner's answers aggregated
    per topic, and the learner's cards (with their topics) for published questions.
    """
    topics = list(
        Topic.objects.annotate(total=Count("questions", filter=Q(questions__status=PUBLISHED)))
        .filter(total__gte=max(1, min_questions))
        .order_by("position", "name")
    )
    owner = as_owner(owner)
    if owner is None or not topics:
        return [TopicProgress(topic=topic, total=topic.total) for topic in topics]

    answered = {
        row["question__topics"]: row
        for row in Answer.objects.filter(_answers_of(owner), question__status=PUBLISHED)
        .values("question__topics")
        .annotate(
            answers=Count("id"),
            correct=Count("id", filter=Q(is_correct=True)),
            seen=Count("question", distinct=True),
            last=Max("answered_at"),
        )
        .order_by()
    }

    known: dict[int, float] = defaultdict(float)
    due: dict[int, int] = defaultdict(int)
    known_of_question: dict[int, float] = {}
    # The mirrored columns, not the card JSON: decoding every card was the bulk of the page's
    # time at 600 cards.
    cards = (
        CardState.objects.filter(owner.filter, question__status=PUBLISHED)
        .values_list(
            "question_id", "question__topics", "stability", "last_review", "last_rating", "due"
        )
        .order_by()
    )
    for question_id, topic_id, stability, last_review, last_rating, due_at in cards:
        # A card filed under two topics comes back once per topic; the curve runs once per card.
        if question_id not in known_of_question:
            known_of_question[question_id] = card_mastery(stability, last_review, last_rating, now)
        known[topic_id] += known_of_question[question_id]
        if due_at <= now:
            due[topic_id] += 1

    result = []
    for topic in topics:
        row = answered.get(topic.pk, {})
        result.append(
            TopicProgress(
                topic=topic,
                total=topic.total,
                mastery=max(0, min(100, round(100 * known[topic.pk] / topic.total))),
                seen=row.get("seen", 0),
                due=due[topic.pk],
                answers=row.get("answers", 0),
                correct=row.get("correct", 0),
                last_studied=row.get("last"),
            )
        )
    return result


@dataclass(frozen=True)
class DueCards:
    """Cards due now: all of them, those a flashcard deck shows, and those a quiz can ask."""

    total: int = 0
    as_cards: int = 0  # true/false statements make no flashcard
    as_quiz: int = 0  # flashcard-type questions are not asked in quizzes


def due_cards(owner: OwnerLike, now: datetime) -> DueCards:
    """The learner's due cards for published questions, counted per deck (one query)."""
    owner = as_owner(owner)
    if owner is None:
        return DueCards()
    counts = CardState.objects.filter(
        owner.filter, question__status=PUBLISHED, due__lte=now
    ).aggregate(
        total=Count("id"),
        as_cards=Count("id", filter=~Q(question__type=QuestionType.TRUE_FALSE)),
        as_quiz=Count("id", filter=Q(question__type__in=QUIZ_TYPES)),
    )
    return DueCards(**counts)


def due_count(owner: OwnerLike, now: datetime) -> int:
    """How many of the learner's cards for published questions are due now (one query)."""
    return due_cards(owner, now).total


@dataclass(frozen=True)
class DayActivity:
    day: date
    answers: int = 0
    correct: int = 0


def activity(owner: OwnerLike, days: int = 30, *, now: datetime | None = None) -> list[DayActivity]:
    """Answers per day for the last ``days`` days including today, oldest first, zero days too.

    Days are calendar days in the site's time zone. One query, grouped by day.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    first = today - timedelta(days=days - 1)
    counts: dict[date, DayActivity] = {}
    owner = as_owner(owner)
    if owner is not None:
        start = timezone.make_aware(datetime.combine(first, time.min))
        end = timezone.make_aware(datetime.combine(today + timedelta(days=1), time.min))
        rows = (
            Answer.objects.filter(_answers_of(owner), answered_at__gte=start, answered_at__lt=end)
            .annotate(day=TruncDate("answered_at"))
            .values("day")
            .annotate(answers=Count("id"), correct=Count("id", filter=Q(is_correct=True)))
            .order_by()
        )
        counts = {
            row["day"]: DayActivity(row["day"], row["answers"], row["correct"]) for row in rows
        }
    return [
        counts.get(day, DayActivity(day)) for day in (first + timedelta(n) for n in range(days))
    ]


def unfinished_session(owner: OwnerLike) -> QuizSession | None:
    """The learner's latest session with questions still to answer (one query)."""
    owner = as_owner(owner)
    if owner is None:
        return None
    return (
        QuizSession.objects.filter(
            owner.filter, finished_at__isnull=True, answered_count__lt=F("length")
        )
        .order_by("-created_at", "-pk")
        .first()
    )


def weakest(progress: Iterable[TopicProgress]) -> TopicProgress | None:
    """The topic to study next: lowest mastery, then the least seen, then display order."""
    # min() keeps the first of equals, and the rows come in display order.
    rows = list(progress)
    if not rows:
        return None
    return min(rows, key=lambda row: (row.mastery, row.seen / row.total))


# --- the report reader ---------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """A run of a paragraph: a located sentence, or the text between sentences."""

    text: str
    sentence_id: int | None = None
    has_questions: bool = False
    highlighted: bool = False

    @property
    def anchored(self) -> bool:
        return self.sentence_id is not None and (self.has_questions or self.highlighted)


@dataclass
class ReaderSection:
    pk: int | None
    heading: str
    quiz_questions: int = 0
    level: int = 1  # 1 section, 2 sub-section, 3 a heading inside a sub-section
    paragraphs: list[list[Segment]] = field(default_factory=list)


def report_reading(report: Report, *, highlight: int | None = None) -> list[ReaderSection]:
    """The report's cleaned text, section by section, paragraph by paragraph.

    Paragraphs are the cleaned text split on blank lines, and sentences are found in them by
    their offsets, so the reader shows the report's exact words. Two queries: the sections
    (with how many published quiz questions each has) and the present sentences (with whether
    any published question comes from them).
    """
    text = report.cleaned_text
    sections = list(
        Section.objects.filter(report=report)
        .annotate(
            quiz_questions=Count(
                "sentences__questions",
                filter=Q(
                    sentences__present=True,
                    sentences__questions__status=PUBLISHED,
                    sentences__questions__type__in=QUIZ_TYPES,
                ),
            )
        )
        .order_by("start", "order")
    )
    sentences = list(
        Sentence.objects.present()
        .filter(report=report)
        .annotate(
            has_questions=Exists(Question.objects.filter(sentence=OuterRef("pk"), status=PUBLISHED))
        )
        .values_list("pk", "start", "end", "text", "has_questions")
        .order_by("start")
    )
    # Offsets that no longer match the text (a sentence kept from an older import) are skipped
    # rather than trusted: the reader never shows words the report does not contain.
    located = [row for row in sentences if text[row[1] : row[2]] == row[3]]

    result: list[ReaderSection] = []
    by_section = iter(sections)
    upcoming = next(by_section, None)
    current: ReaderSection | None = None
    sentence_index = 0
    offset = 0
    for raw in text.split("\n\n"):
        start, end = offset, offset + len(raw)
        offset = end + 2
        if not raw.strip():
            continue
        while upcoming is not None and upcoming.start <= start:
            current = ReaderSection(
                upcoming.pk, upcoming.heading, upcoming.quiz_questions, upcoming.level
            )
            result.append(current)
            upcoming = next(by_section, None)
            if raw.strip() == current.heading.strip():
                raw = ""  # the heading line itself becomes the section's h2
        if not raw:
            continue
        if current is None:
            current = ReaderSection(None, "")
            result.append(current)
        segments, sentence_index = _segments(text, start, end, located, sentence_index, highlight)
        current.paragraphs.append(segments)
    return result


def _segments(
    text: str,
    start: int,
    end: int,
    located: list[tuple[int, int, int, str, bool]],
    index: int,
    highlight: int | None,
) -> tuple[list[Segment], int]:
    segments = []
    cursor = start
    while index < len(located) and located[index][1] < end:
        pk, s_start, s_end, _, has_questions = located[index]
        index += 1
        if s_start < cursor:
            continue  # overlaps what is already shown: leave it as plain text
        s_end = min(s_end, end)
        if s_start > cursor:
            segments.append(Segment(text[cursor:s_start]))
        segments.append(Segment(text[s_start:s_end], pk, has_questions, pk == highlight))
        cursor = s_end
    if cursor < end:
        segments.append(Segment(text[cursor:end]))
    return segments, index


# --- words for dates ------------------------------------------------------------------------


def days_phrase(moment: datetime, now: datetime, *, past: bool) -> str:
    """A date in a learner's words: "today", "yesterday", "3 days ago", "tomorrow", "in 5 days"."""
    days = (timezone.localdate(moment) - timezone.localdate(now)).days
    if days == 0:
        return "today"
    if past or days < 0:
        if days == -1:
            return "yesterday"
        return f"{-days} days ago" if days < 0 else "today"
    return "tomorrow" if days == 1 else f"in {days} days"
