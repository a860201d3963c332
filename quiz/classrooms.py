"""Writes for classes and assignments: every change a teacher or a student makes to them.

Each service takes keyword-only arguments, runs in one transaction and raises
``ClassroomError`` (a ``ValueError`` whose message can be shown as it is) when the
request breaks a rule, so views, commands and the admin all enforce the same rules.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from content.models import Question, Topic
from quiz.models import Assignment, Classroom, Membership, QuizSession
from quiz.sessions import CARD_TYPES, MAX_LENGTH, QUIZ_TYPES, session_start

# No 0/O, 1/I/L: a code read aloud or copied from a board should not be mistyped.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
NAME_MAX = 100

# Which question types each assignment mode draws: exactly what session_start picks.
MODE_TYPES = {Assignment.Mode.QUIZ: QUIZ_TYPES, Assignment.Mode.FLASHCARDS: CARD_TYPES}
MAX_QUESTIONS = MAX_LENGTH
MAX_ATTEMPTS = 10


class ClassroomError(ValueError):
    """A class or assignment rule was broken; the message is meant for the person."""


class UnknownCode(ClassroomError):
    """No class has this join code (mistyped, or replaced by the teacher)."""


class ClassArchived(ClassroomError):
    """The class exists but is archived: it can't be joined and its assignments are closed."""


def normalize_code(raw: str) -> str:
    """What people type or paste: any case, with spaces or the hyphen we print in the middle."""
    return re.sub(r"[^0-9A-Za-z]", "", raw or "").upper()[:20]


def format_code(code: str) -> str:
    """ABCD-EFGH: two groups of four are easier to read out and copy from a board."""
    return f"{code[:4]}-{code[4:]}" if len(code) == CODE_LENGTH else code


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _unused_code() -> str:
    # 31^8 codes: a clash is rare, but the unique index is the real guard; try again on one.
    for _ in range(10):
        code = _new_code()
        if not Classroom.objects.filter(join_code=code).exists():
            return code
    raise ClassroomError("Could not make a new join code; please try again.")


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ClassroomError("Give the class a name.")
    if len(name) > NAME_MAX:
        raise ClassroomError(f"A class name has at most {NAME_MAX} characters.")
    return name


# --- classes (the teacher) ----------------------------------------------------------------


@transaction.atomic
def classroom_create(*, teacher: AbstractBaseUser, name: str) -> Classroom:
    name = _clean_name(name)
    for _ in range(3):
        try:
            with transaction.atomic():
                return Classroom.objects.create(
                    teacher=teacher, name=name, join_code=_unused_code()
                )
        except IntegrityError:
            # Another class took the same code between the check and the insert.
            continue
    raise ClassroomError("Could not make a join code for the class; please try again.")


@transaction.atomic
def classroom_rename(*, classroom: Classroom, name: str) -> Classroom:
    classroom.name = _clean_name(name)
    classroom.save(update_fields=["name"])
    return classroom


@transaction.atomic
def classroom_archive(*, classroom: Classroom, now: datetime | None = None) -> Classroom:
    """Archived: nobody can join, and its assignments leave the students' home pages.

    The students, their attempts and the dashboard stay, so a teacher can still read them.
    """
    if classroom.archived_at is None:
        classroom.archived_at = now or timezone.now()
        classroom.save(update_fields=["archived_at"])
    return classroom


@transaction.atomic
def classroom_restore(*, classroom: Classroom) -> Classroom:
    if classroom.archived_at is not None:
        classroom.archived_at = None
        classroom.save(update_fields=["archived_at"])
    return classroom


@transaction.atomic
def classroom_regenerate_code(*, classroom: Classroom) -> str:
    """A new code and link; the old ones stop working at once (students already in stay)."""
    for _ in range(3):
        classroom.join_code = _unused_code()
        try:
            with transaction.atomic():
                classroom.save(update_fields=["join_code"])
            return classroom.join_code
        except IntegrityError:
            continue
    raise ClassroomError("Could not make a new join code; please try again.")


@transaction.atomic
def student_remove(*, classroom: Classroom, student: AbstractBaseUser) -> None:
    """Out of the class: their attempts stay theirs, and the teacher no longer sees them."""
    deleted, _ = Membership.objects.filter(classroom=classroom, student=student).delete()
    if not deleted:
        raise ClassroomError("That student is not in this class.")


# --- classes (the student) ----------------------------------------------------------------


def classroom_for_code(code: str) -> Classroom:
    """The class a join code or link names, or ClassroomError saying why it can't be joined."""
    code = normalize_code(code)
    if not code:
        raise UnknownCode("Type the join code your teacher gave you.")
    classroom = Classroom.objects.select_related("teacher").filter(join_code=code).first()
    if classroom is None:
        raise UnknownCode(
            "No class has that join code. Check it with your teacher: codes are 8 letters "
            "and digits, and a teacher can replace an old one."
        )
    if classroom.is_archived:
        raise ClassArchived(f"“{classroom.name}” is archived and can't be joined any more.")
    return classroom


@transaction.atomic
def class_join(*, student: AbstractBaseUser, code: str) -> tuple[Membership, bool]:
    """Join the class with this code; joining twice is harmless. Returns (membership, created)."""
    classroom = classroom_for_code(code)
    if classroom.teacher_id == student.pk:
        raise ClassroomError("This is your own class: you teach it, so you can't join it.")
    # get_or_create inside its own savepoint copes with a double submit racing itself.
    membership, created = Membership.objects.get_or_create(classroom=classroom, student=student)
    return membership, created


@transaction.atomic
def class_leave(*, student: AbstractBaseUser, classroom: Classroom) -> None:
    deleted, _ = Membership.objects.filter(classroom=classroom, student=student).delete()
    if not deleted:
        raise ClassroomError("You are not in this class.")


# --- assignments --------------------------------------------------------------------------


def eligible_questions(*, mode: str, topics: Iterable[Topic] = (), questions=None):
    """Published questions an assignment of this mode can draw: what session_start will pick."""
    queryset = Question.objects.published().filter(type__in=MODE_TYPES[mode])
    if questions is not None:
        return queryset.filter(pk__in=[q.pk for q in questions])
    return queryset.for_topics(list(topics))


def _check_assignment(
    *,
    classroom: Classroom,
    title: str,
    topics: list[Topic],
    questions: list[Question],
    question_count: int,
    mode: str,
    opens_at: datetime,
    due_at: datetime,
    attempts_allowed: int,
) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ClassroomError("Give the assignment a title.")
    if len(title) > 200:
        raise ClassroomError("A title has at most 200 characters.")
    if classroom.is_archived:
        raise ClassroomError("This class is archived: restore it before changing assignments.")
    if mode not in MODE_TYPES:
        raise ClassroomError("Choose quiz or flashcards.")
    if not topics and not questions:
        raise ClassroomError("Pick at least one topic, or pick the questions by hand.")
    if not 1 <= question_count <= MAX_QUESTIONS:
        raise ClassroomError(f"Ask for between 1 and {MAX_QUESTIONS} questions.")
    if not 1 <= attempts_allowed <= MAX_ATTEMPTS:
        raise ClassroomError(f"Allow between 1 and {MAX_ATTEMPTS} attempts.")
    if due_at <= opens_at:
        raise ClassroomError("The due date must come after the opening date.")
    unpublished = [q for q in questions if q.status != Question.Status.PUBLISHED]
    if unpublished:
        raise ClassroomError("Only published questions can be assigned.")
    available = eligible_questions(mode=mode, topics=topics, questions=questions or None).count()
    if questions and available < len(questions):
        kind = "quiz" if mode == Assignment.Mode.QUIZ else "flashcard deck"
        raise ClassroomError(
            f"{len(questions) - available} of the picked questions can't be used in a {kind}"
            " (true/false questions are never flashcards)."
        )
    if available < question_count:
        raise ClassroomError(
            f"Only {available} question{'s' if available != 1 else ''} can be drawn from this "
            f"choice; ask for {available} or fewer, or add topics."
            if available
            else "No published question matches this choice; add topics or questions."
        )
    return title


@transaction.atomic
def assignment_create(
    *,
    classroom: Classroom,
    title: str,
    topics: Iterable[Topic] = (),
    questions: Iterable[Question] = (),
    question_count: int,
    mode: str = Assignment.Mode.QUIZ,
    opens_at: datetime,
    due_at: datetime,
    attempts_allowed: int = 1,
) -> Assignment:
    """A topic set or a hand-picked list (then the topics are ignored and left empty)."""
    topics, questions = list(topics), list(questions)
    if questions:
        topics = []
    title = _check_assignment(
        classroom=classroom,
        title=title,
        topics=topics,
        questions=questions,
        question_count=question_count,
        mode=mode,
        opens_at=opens_at,
        due_at=due_at,
        attempts_allowed=attempts_allowed,
    )
    assignment = Assignment.objects.create(
        classroom=classroom,
        title=title,
        question_count=question_count,
        mode=mode,
        opens_at=opens_at,
        due_at=due_at,
        attempts_allowed=attempts_allowed,
    )
    assignment.topics.set(topics)
    assignment.questions.set(questions)
    return assignment


@transaction.atomic
def assignment_update(
    *,
    assignment: Assignment,
    title: str,
    topics: Iterable[Topic] = (),
    questions: Iterable[Question] = (),
    question_count: int,
    mode: str,
    opens_at: datetime,
    due_at: datetime,
    attempts_allowed: int,
) -> Assignment:
    """Change an assignment; attempts already started keep the questions they drew."""
    topics, questions = list(topics), list(questions)
    if questions:
        topics = []
    assignment.title = _check_assignment(
        classroom=assignment.classroom,
        title=title,
        topics=topics,
        questions=questions,
        question_count=question_count,
        mode=mode,
        opens_at=opens_at,
        due_at=due_at,
        attempts_allowed=attempts_allowed,
    )
    assignment.question_count = question_count
    assignment.mode = mode
    assignment.opens_at = opens_at
    assignment.due_at = due_at
    assignment.attempts_allowed = attempts_allowed
    assignment.save(
        update_fields=[
            "title",
            "question_count",
            "mode",
            "opens_at",
            "due_at",
            "attempts_allowed",
        ]
    )
    assignment.topics.set(topics)
    assignment.questions.set(questions)
    return assignment


@transaction.atomic
def assignment_attempt_start(
    *, assignment: Assignment, student: AbstractBaseUser, now: datetime | None = None
) -> tuple[QuizSession, bool]:
    """Start an attempt, or hand back the one in progress. Returns (session, created).

    Checks that the student is in the (unarchived) class, that the assignment is open and that
    attempts remain. After the due date an attempt is still allowed: the learner's
    ``answer_submit`` marks it late when it finishes.
    """
    now = now or timezone.now()
    # Locking the membership row serialises two Start clicks of the same student, so
    # "attempts allowed" holds even when both arrive at once (PostgreSQL; SQLite has one writer).
    membership = (
        Membership.objects.select_for_update()
        .filter(classroom_id=assignment.classroom_id, student=student)
        .first()
    )
    if membership is None:
        raise ClassroomError("You are not in this assignment's class.")
    classroom = Classroom.objects.get(pk=assignment.classroom_id)
    if classroom.is_archived:
        raise ClassArchived("This class is archived; its assignments are closed.")
    if assignment.opens_at > now:
        opens = date_format(timezone.localtime(assignment.opens_at), "j F Y, H:i")
        raise ClassroomError(f"This assignment opens on {opens}.")
    attempts = list(
        QuizSession.objects.filter(assignment=assignment, user=student).order_by("-created_at")
    )
    in_progress = next((a for a in attempts if a.finished_at is None), None)
    if in_progress is not None:
        return in_progress, False
    if len(attempts) >= assignment.attempts_allowed:
        allowed = assignment.attempts_allowed
        raise ClassroomError(
            f"You have used {'the one attempt' if allowed == 1 else f'all {allowed} attempts'}"
            " this assignment allows."
        )
    questions = list(assignment.questions.all())
    topics = list(assignment.topics.all())
    if not questions and not topics:
        # session_start reads "no topics" as "every topic": never let an empty set mean that.
        raise ClassroomError("This assignment has no topics or questions yet; tell your teacher.")
    session = session_start(
        user=student,
        mode=assignment.mode,
        length=assignment.question_count,
        topics=() if questions else topics,
        questions=questions or None,
        assignment=assignment,
    )
    return session, True
