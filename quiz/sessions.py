"""Quiz and flashcard sessions: which questions a learner gets, and what an answer does.

Writes are services (keyword-only, one transaction each): ``session_start``,
``answer_submit`` and ``card_grade``. Reads that the learner's pages share live here
too, each a fixed number of queries whatever the size of the bank or the history.

An owner is a user or a visitor's key (see ``quiz.visitors``). Every answer also
reviews the owner's FSRS card for that question (``quiz.scheduling``): a right quiz
answer counts as Good, a wrong one as Again, a flashcard as the grade given.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery
from django.http import Http404, HttpRequest
from django.utils import timezone

from content.ids import parse_pk
from content.models import Choice, Question, QuestionType, Section, Topic
from content.pipeline.normalize import answer_matches, same_answer
from content.pipeline.sentences import split_sentences
from quiz import scheduling
from quiz.models import Answer, Assignment, CardState, QuizSession, SessionItem
from quiz.visitors import Owner, owner_for

__all__ = [
    "AnswerRejected",
    "NoQuestions",
    "SessionFinished",
    "answer_submit",
    "card_grade",
    "get_session_for_user",
    "session_start",
]

QUIZ_TYPES = (QuestionType.MULTIPLE_CHOICE, QuestionType.TRUE_FALSE, QuestionType.FILL_IN)
# Flashcard-type questions make the best cards; fill-in and multiple choice work as cards
# too (front: the prompt, back: the answer). A true/false statement has no answer to recall.
CARD_TYPES = (QuestionType.FLASHCARD, QuestionType.FILL_IN, QuestionType.MULTIPLE_CHOICE)
QUIZ_LENGTHS = (5, 10, 20)
MAX_LENGTH = 50
# A topic is offered on the quiz page once it can fill the shortest quiz.
MIN_TOPIC_QUESTIONS = 5
LETTERS = "ABCDEFGH"
MAX_RESPONSE = 300


class NoQuestions(ValueError):
    """Nothing matches what the learner asked for; the message is meant for them."""


class AnswerRejected(ValueError):
    """An answer that cannot be recorded (tampered, empty, not in the session)."""


class SessionFinished(AnswerRejected):
    def __init__(self, message: str = "This quiz is finished; its results are ready.") -> None:
        super().__init__(message)


def types_for(mode: str) -> tuple[str, ...]:
    return CARD_TYPES if mode == QuizSession.Mode.FLASHCARDS else QUIZ_TYPES


def _session_owner(session: QuizSession) -> Owner:
    if session.user_id is not None:
        return Owner(user=session.user)
    return Owner(visitor_key=session.visitor_key)


# --- starting a session ------------------------------------------------------------------


def session_start(
    *,
    user=None,
    visitor_key: str = "",
    mode: str = QuizSession.Mode.QUIZ,
    length: int = 10,
    topics: Iterable[Topic] = (),
    section: Section | None = None,
    questions: Iterable[Question | int] | None = None,
    assignment: Assignment | None = None,
    retry_of: QuizSession | None = None,
    due: bool = False,
    now: datetime | None = None,
) -> QuizSession:
    """Start a session of up to ``length`` published questions and return it.

    Where the questions come from, first match wins: ``questions`` (a retry keeps their
    order), ``section``'s sentences, ``topics`` (all topics when empty). An assignment
    without explicit questions or topics brings its own. ``mode="review"`` (and ``due``)
    take only the owner's cards that are due, soonest first. Otherwise the learner gets
    questions they have not seen first, then the ones most overdue, at random among
    equals. Raises ``NoQuestions`` when nothing matches.
    """
    owner = Owner(user=user, visitor_key=visitor_key)
    if mode not in QuizSession.Mode.values:
        raise ValueError(f"Unknown mode {mode!r}.")
    if not 1 <= length <= MAX_LENGTH:
        raise ValueError(f"A session has 1 to {MAX_LENGTH} questions, not {length}.")
    now = now or timezone.now()
    topics = list(topics)
    if assignment is not None and questions is None and not topics and section is None:
        assigned = list(assignment.questions.values_list("pk", flat=True))
        if assigned:
            questions = assigned
        else:
            topics = list(assignment.topics.all())
    due = due or mode == QuizSession.Mode.REVIEW
    seed = secrets.randbelow(2**31)
    picked = _pick(
        owner=owner,
        mode=mode,
        length=length,
        topics=topics,
        section=section,
        questions=questions,
        due=due,
        now=now,
        rng=random.Random(seed),
    )
    return _create_session(
        owner=owner,
        mode=mode,
        topics=topics,
        assignment=assignment,
        retry_of=retry_of,
        seed=seed,
        picked=picked,
    )


@transaction.atomic
def _create_session(*, owner, mode, topics, assignment, retry_of, seed, picked) -> QuizSession:
    session = QuizSession.objects.create(
        **owner.fields,
        mode=mode,
        assignment=assignment,
        retry_of=retry_of,
        shuffle_seed=seed,
        length=len(picked),
    )
    if topics:
        session.topics.set(topics)
    SessionItem.objects.bulk_create(
        SessionItem(session=session, question_id=pk, position=position)
        for position, pk in enumerate(picked, start=1)
    )
    return session


def _pick(*, owner, mode, length, topics, section, questions, due, now, rng) -> list[int]:
    candidates = Question.objects.published().filter(type__in=types_for(mode))
    if questions is not None:
        wanted = [q if isinstance(q, int) else q.pk for q in questions]
        candidates = candidates.filter(pk__in=wanted)
    elif section is not None:
        candidates = candidates.filter(sentence__section=section)
    elif topics:
        candidates = candidates.filter(
            Exists(
                Question.topics.through.objects.filter(question=OuterRef("pk"), topic__in=topics)
            )
        )
    # One query: each candidate with the owner's due date for it (None when never seen).
    owner_due = CardState.objects.filter(owner.filter, question=OuterRef("pk")).values("due")[:1]
    rows = list(
        candidates.annotate(owner_due=Subquery(owner_due))
        .order_by("pk")
        .values_list("pk", "type", "owner_due", "sentence__text", "answer", "context")
    )
    if due:
        rows = [row for row in rows if row[2] is not None and row[2] <= now]
    if not rows:
        raise NoQuestions(
            _nothing_message(mode=mode, due=due, section=section, questions=questions)
        )

    if mode == QuizSession.Mode.RETRY and questions is not None:
        order = {pk: i for i, pk in enumerate(wanted)}
        rows.sort(key=lambda row: order[row[0]])
        return [row[0] for row in rows[:length]]

    rng.shuffle(rows)  # ties below stay in random order: the sort is stable
    if due:
        rows.sort(key=lambda row: row[2])
    else:
        rows.sort(key=lambda row: (row[2] is not None, row[2] or now))
    if mode == QuizSession.Mode.FLASHCARDS:
        rank = {kind: i for i, kind in enumerate(CARD_TYPES)}
        rows.sort(key=lambda row: rank[row[1]])
    if questions is None:
        picked = one_fact_each(rows, length, cards=mode == QuizSession.Mode.FLASHCARDS)
    else:  # questions a teacher picked (or a retry) are all asked, as picked
        picked = [row[0] for row in rows[:length]]
    if mode != QuizSession.Mode.FLASHCARDS and not due:
        rng.shuffle(picked)  # mixes the question types and unseen with seen
    return picked


def one_fact_each(rows: Sequence[tuple], length: int, *, cards: bool = False) -> list[int]:
    """Up to ``length`` question ids from ``rows`` (pk, type, due, sentence text, answer,
    context), best first, with one fact asked once.

    Never two questions of one sentence (a fill-in's stem states the multiple choice's
    answer), nor a question whose context line is another's sentence; in a deck
    (``cards``) never two cards with the same answer ("kwanliso" three times). True/false
    statements stay within one of each other, True against False, so that a quiz never
    teaches "mostly True"; rows left out by that balance come back only to fill the quiz,
    rows of a fact already asked never do.
    """
    picked: list[int] = []
    spare: list[tuple] = []
    facts: set[tuple[str, object]] = set()
    verdicts = {"True": 0, "False": 0}

    def fact_keys(row: tuple) -> set[tuple[str, object]]:
        keys = {("text", " ".join(row[3].split()))}
        for sentence in split_sentences(row[5]) if row[5] else ():
            keys.add(("text", " ".join(sentence.split())))
        # A name or term twice in a deck is the same card; a figure ("12") may answer
        # two different facts.
        if cards and row[1] != QuestionType.TRUE_FALSE and any(c.isalpha() for c in row[4]):
            keys.add(("answer", " ".join(row[4].lower().split())))
        return keys

    for row in rows:
        if len(picked) == length:
            break
        keys = fact_keys(row)
        if keys & facts:
            continue
        if row[1] == QuestionType.TRUE_FALSE and row[4] in verdicts:
            other = "False" if row[4] == "True" else "True"
            if verdicts[row[4]] > verdicts[other]:
                spare.append(row)
                continue
            verdicts[row[4]] += 1
        picked.append(row[0])
        facts |= keys
    for row in spare:
        if len(picked) == length:
            break
        keys = fact_keys(row)
        if not keys & facts:
            picked.append(row[0])
            facts |= keys
    return picked


def _nothing_message(*, mode, due, section, questions) -> str:
    if due:
        return "Nothing is due for review right now. Take a quiz, or come back later."
    if mode == QuizSession.Mode.RETRY:
        return "None of the missed questions can be asked again: they are no longer in the bank."
    if section is not None:
        return "This section has no questions to ask yet."
    if questions is not None:
        return "None of these questions can be asked right now."
    if mode == QuizSession.Mode.FLASHCARDS:
        return "There are no cards on this topic yet."
    return "There are no questions on these topics yet. Try other topics."


# --- answering ---------------------------------------------------------------------------


def shuffled_choices(session: QuizSession, question: Question) -> list[Choice]:
    """The question's choices in this session's order: shuffled, and the same on every reload.

    The seed mixes the session's secret seed with the question, so the order never follows
    the bank's (where the correct choice may come first) and differs between sessions.
    """
    choices = sorted(question.choices.all(), key=lambda choice: choice.pk)
    random.Random(f"{session.shuffle_seed}:{question.pk}").shuffle(choices)
    return choices


def lettered_choices(session: QuizSession, question: Question) -> list[tuple[str, Choice]]:
    return list(zip(LETTERS, shuffled_choices(session, question), strict=False))


def _grade(
    session: QuizSession, question: Question, response: str
) -> tuple[Choice | None, str, bool]:
    response = (response or "").strip()
    if question.type == QuestionType.MULTIPLE_CHOICE:
        for letter, choice in lettered_choices(session, question):
            if response.upper() == letter:
                return choice, choice.text, choice.is_correct
        raise AnswerRejected("That choice isn't one of this question's. Pick A, B, C or D.")
    if question.type == QuestionType.TRUE_FALSE:
        if response.lower() not in ("true", "false"):
            raise AnswerRejected("Answer True or False.")
        said = response.capitalize()
        choice = next((c for c in question.choices.all() if same_answer(c.text, said)), None)
        return choice, said, same_answer(said, question.answer)
    if question.type == QuestionType.FILL_IN:
        if not response:
            raise AnswerRejected("Type an answer (a guess is fine) before checking.")
        if len(response) > MAX_RESPONSE:
            raise AnswerRejected(f"That answer is too long: {MAX_RESPONSE} characters at most.")
        if "\x00" in response:  # PostgreSQL cannot store it; no typed answer contains one
            raise AnswerRejected("That answer contains a character that can't be stored.")
        return None, response, answer_matches(response, question.answer)
    raise AnswerRejected("Flashcards are graded, not answered.")


def answer_submit(
    *, session: QuizSession, question: Question, response: str, now: datetime | None = None
) -> Answer:
    """Record the learner's answer to ``question`` in ``session`` and return it.

    Idempotent: a second submission (a double click, a replayed POST, the back button)
    returns the first answer unchanged. Raises ``AnswerRejected`` for a response that
    cannot be graded or a question outside the session, ``SessionFinished`` for a new
    answer in a finished session.
    """
    # Graded before the write transaction: the grader may load its word lists on first
    # use, and on SQLite the transaction holds the database's one write lock.
    try:
        graded = _grade(session, question, response)
    except AnswerRejected as rejected:
        graded = rejected
    return _answer_record(session=session, question=question, graded=graded, now=now)


@transaction.atomic
def _answer_record(
    *,
    session: QuizSession,
    question: Question,
    graded: tuple[Choice | None, str, bool] | AnswerRejected,
    now: datetime | None,
) -> Answer:
    locked, existing = _lock_and_find(session, question)
    if existing is not None:
        return existing
    if locked.mode == QuizSession.Mode.FLASHCARDS:
        raise AnswerRejected("Flashcards are graded, not answered.")
    if isinstance(graded, AnswerRejected):
        raise graded
    choice, said, correct = graded
    rating = Answer.Rating.GOOD if correct else Answer.Rating.AGAIN
    return _record(
        session=session,
        locked=locked,
        question=question,
        choice=choice,
        response=said,
        correct=correct,
        rating=rating,
        now=now or timezone.now(),
    )


@transaction.atomic
def card_grade(
    *, session: QuizSession, question: Question, rating: int, now: datetime | None = None
) -> Answer:
    """Record a flashcard grade (1 Again … 4 Easy); idempotent like ``answer_submit``."""
    if rating not in Answer.Rating.values:
        raise AnswerRejected("Grade the card Again, Hard, Good or Easy (1 to 4).")
    locked, existing = _lock_and_find(session, question)
    if existing is not None:
        return existing
    if locked.mode != QuizSession.Mode.FLASHCARDS:
        raise AnswerRejected("Only flashcards are graded; answer the question instead.")
    return _record(
        session=session,
        locked=locked,
        question=question,
        choice=None,
        response=Answer.Rating(rating).label,
        correct=rating != Answer.Rating.AGAIN,
        rating=rating,
        now=now or timezone.now(),
    )


def _lock_and_find(session: QuizSession, question: Question) -> tuple[QuizSession, Answer | None]:
    # The session row lock serializes answers within one session, so the counters and
    # the "last answer finishes it" check see every other answer.
    locked = (
        QuizSession.objects.select_for_update(of=("self",))
        .select_related("assignment", "user")
        .get(pk=session.pk)
    )
    existing = Answer.objects.filter(session=locked, question=question).first()
    if existing is not None:
        return locked, existing
    if locked.is_finished:
        raise SessionFinished()
    if not SessionItem.objects.filter(session=locked, question=question).exists():
        raise AnswerRejected("That question isn't part of this session.")
    return locked, None


def _record(*, session, locked, question, choice, response, correct, rating, now) -> Answer:
    try:
        with transaction.atomic():
            answer = Answer.objects.create(
                session=locked,
                question=question,
                user_id=locked.user_id,
                choice=choice,
                response=response[:MAX_RESPONSE],
                is_correct=correct,
                rating=rating,
                answered_at=now,
            )
    except IntegrityError:
        # Only where the row lock is a no-op (SQLite): another request answered first.
        return Answer.objects.get(session=locked, question=question)
    QuizSession.objects.filter(pk=locked.pk).update(
        answered_count=F("answered_count") + 1,
        correct_count=F("correct_count") + int(correct),
    )
    # Finishes the session only if this answer was its last; decided by the database.
    assignment = locked.assignment
    QuizSession.objects.filter(
        pk=locked.pk, finished_at__isnull=True, answered_count__gte=F("length")
    ).update(finished_at=now, is_late=bool(assignment and now > assignment.due_at))
    _review_card(_session_owner(locked), question, rating, now)
    session.refresh_from_db(fields=["answered_count", "correct_count", "finished_at", "is_late"])
    return answer


def _review_card(owner: Owner, question: Question, rating: int, now: datetime) -> CardState:
    """Review the owner's card for ``question``, creating it on first sight; row-locked."""
    mine = CardState.objects.select_for_update().filter(owner.filter, question=question)
    state = mine.first()
    if state is None:
        card = scheduling.review(None, rating, now)
        try:
            with transaction.atomic():
                return CardState.objects.create(
                    **owner.fields,
                    question=question,
                    **scheduling.card_columns(card, rating=rating),
                    reviews=1,
                    lapses=0,
                )
        except IntegrityError:
            state = mine.get()  # created meanwhile by a concurrent answer; now locked
    card = scheduling.review(state.card, rating, now)
    CardState.objects.filter(pk=state.pk).update(
        **scheduling.card_columns(card, rating=rating),
        reviews=F("reviews") + 1,
        lapses=F("lapses") + int(scheduling.is_lapse(state.card, rating)),
    )
    return state


# --- reads for the learner's pages -------------------------------------------------------


def get_session_for_user(request: HttpRequest, pk: int) -> QuizSession:
    """The session ``pk`` if the request's user (or visitor) owns it; 404 otherwise."""
    owner = owner_for(request)
    if owner is None or parse_pk(pk) is None:
        raise Http404("No such session.")
    session = (
        QuizSession.objects.filter(owner.filter).select_related("assignment").filter(pk=pk).first()
    )
    if session is None:
        raise Http404("No such session.")
    if owner.user is not None:
        session.user = owner.user  # the same row, already loaded by the auth middleware
    return session


def _items_with_questions(session: QuizSession):
    items = SessionItem.objects.filter(session=session).select_related(
        "question__sentence__section", "question__report"
    )
    if session.mode == QuizSession.Mode.FLASHCARDS:
        return items  # a card shows its answer, never choices
    return items.prefetch_related(
        Prefetch(
            "question__choices",
            # a picked distractor's source sentence shows in the feedback
            queryset=Choice.objects.select_related("sentence__section").order_by("pk"),
        )
    )


def current_item(session: QuizSession) -> SessionItem | None:
    """The first question of the session not yet answered (None when all are)."""
    answered = Answer.objects.filter(session=session, question=OuterRef("question"))
    return _items_with_questions(session).filter(~Exists(answered)).order_by("position").first()


@dataclass
class Answered:
    item: SessionItem
    answer: Answer


def answered_item(session: QuizSession, question_id: int) -> Answered | None:
    """A question of the session with the learner's answer to it, or None."""
    item = _items_with_questions(session).filter(question_id=question_id).first()
    if item is None:
        return None
    answer = Answer.objects.filter(session=session, question_id=question_id).first()
    return Answered(item, answer) if answer else None


def session_item(session: QuizSession, question_id: int) -> SessionItem | None:
    return _items_with_questions(session).filter(question_id=question_id).first()


@dataclass
class TopicScore:
    topic: Topic
    correct: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.correct / self.total) if self.total else 0


@dataclass
class Results:
    answers: list[Answer]
    missed: list[Answer]
    topics: list[TopicScore]

    @property
    def correct(self) -> int:
        return sum(1 for a in self.answers if a.is_correct)

    @property
    def total(self) -> int:
        return len(self.answers)

    @property
    def percent(self) -> int:
        return round(100 * self.correct / self.total) if self.total else 0


def session_results(session: QuizSession) -> Results:
    """Score, per-topic breakdown and the missed questions: three queries."""
    answers = list(
        Answer.objects.filter(session=session)
        .select_related("question__sentence__section", "question__report", "choice")
        .prefetch_related("question__topics")
        .order_by("answered_at", "pk")
    )
    scores: dict[int, TopicScore] = {}
    for answer in answers:
        for topic in answer.question.topics.all():
            score = scores.setdefault(topic.pk, TopicScore(topic, 0, 0))
            score.total += 1
            score.correct += int(answer.is_correct)
    topics = sorted(scores.values(), key=lambda s: (s.topic.position, s.topic.name))
    return Results(answers, [a for a in answers if not a.is_correct], topics)


def topics_with_counts(
    types: Sequence[str] = QUIZ_TYPES, minimum: int = MIN_TOPIC_QUESTIONS
) -> list[Topic]:
    """Topics with at least ``minimum`` published questions of ``types``, each with ``.count``."""
    return list(
        Topic.objects.annotate(
            count=Count(
                "questions",
                filter=Q(questions__status=Question.Status.PUBLISHED, questions__type__in=types),
                distinct=True,
            )
        )
        .filter(count__gte=minimum)
        .order_by("position", "name")
    )


def due_question_count(owner: Owner | None, now: datetime, types: Sequence[str]) -> int:
    """How many of the owner's cards of ``types`` are due now (published questions only)."""
    if owner is None:
        return 0
    return CardState.objects.filter(
        owner.filter,
        due__lte=now,
        question__status=Question.Status.PUBLISHED,
        question__type__in=types,
    ).count()


def card_for(owner: Owner, question: Question) -> dict | None:
    """The owner's FSRS card dict for ``question`` (None before the first review)."""
    return (
        CardState.objects.filter(owner.filter, question=question)
        .values_list("card", flat=True)
        .first()
    )


def card_state_for(owner: Owner, question: Question) -> CardState | None:
    return CardState.objects.filter(owner.filter, question=question).first()


def session_owner(session: QuizSession) -> Owner:
    return _session_owner(session)
