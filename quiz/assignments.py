"""Read-side queries about classes and assignments, for students and for their teachers.

The ``get_<thing>_for_<role>`` helpers are the one place that decides who may see a class or
an assignment (anything else is a 404) and what is loaded with it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Case, Count, F, FloatField, Max, Q, QuerySet, When
from django.db.models.functions import Cast
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from quiz.http import HtmxHttpRequest
from quiz.models import Assignment, Classroom, Membership, QuizSession

NOT_STARTED = "not started"
IN_PROGRESS = "in progress"
DONE = "done"
LATE = "late"
STATUSES = (NOT_STARTED, IN_PROGRESS, DONE, LATE)

# Finished assignments stay on a student's home this long after their due date.
DONE_VISIBLE_FOR = timedelta(days=7)


@dataclass(frozen=True)
class Attempt:
    """What the status and score of one attempt need, without loading the whole session."""

    pk: int
    assignment_id: int
    user_id: int
    created_at: datetime
    finished_at: datetime | None
    is_late: bool
    correct_count: int
    answered_count: int
    length: int

    @property
    def score(self) -> int | None:
        """Percent of the attempt's questions answered right, once it is finished."""
        if self.finished_at is None or not self.length:
            return None
        return round(100 * self.correct_count / self.length)


ATTEMPT_FIELDS = (
    "pk",
    "assignment_id",
    "user_id",
    "created_at",
    "finished_at",
    "is_late",
    "correct_count",
    "answered_count",
    "length",
)


def attempts_of(sessions: QuerySet[QuizSession]) -> list[Attempt]:
    return [Attempt(*row) for row in sessions.order_by("created_at").values_list(*ATTEMPT_FIELDS)]


def attempt_status(attempts: Iterable[Attempt]) -> str:
    """done: finished on time at least once; late: finished, but only after the due date."""
    attempts = list(attempts)
    finished = [a for a in attempts if a.finished_at is not None]
    if any(not a.is_late for a in finished):
        return DONE
    if finished:
        return LATE
    return IN_PROGRESS if attempts else NOT_STARTED


def best_attempt(attempts: Iterable[Attempt]) -> Attempt | None:
    finished = [a for a in attempts if a.score is not None]
    return max(finished, key=lambda a: (a.score, -a.created_at.timestamp()), default=None)


def due_phrase(due_at: datetime, now: datetime | None = None) -> str:
    """The due date in the learner's words: "due today", "due tomorrow", "due in 3 days"."""
    now = now or timezone.now()
    days = (timezone.localdate(due_at) - timezone.localdate(now)).days
    if due_at < now:
        if days == 0:
            return "was due today"
        return "was due yesterday" if days == -1 else f"was due {-days} days ago"
    if days == 0:
        return "due today"
    return "due tomorrow" if days == 1 else f"due in {days} days"


# --- students -----------------------------------------------------------------------------


@dataclass(frozen=True)
class StudentAssignment:
    """One assignment as a student sees it on their home page and their classes page."""

    assignment: Assignment
    title: str
    classroom_name: str
    due_at: datetime
    status: str
    url: str
    attempts_used: int
    attempts_allowed: int
    best_score: int | None
    due_label: str

    @property
    def is_overdue(self) -> bool:
        return self.status in (NOT_STARTED, IN_PROGRESS) and self.due_at < timezone.now()


def student_assignments(
    user: AbstractBaseUser, now: datetime | None = None
) -> list[StudentAssignment]:
    """Open assignments of the student's classes with their status, soonest due first.

    Open means: the class is not archived, the student is in it and the assignment has opened.
    Unfinished ones stay (a late attempt is still accepted); finished ones stay for a week
    after their due date. Two queries, whatever the number of classes and attempts.
    """
    if not getattr(user, "is_authenticated", False):
        return []
    now = now or timezone.now()
    assignments = list(
        Assignment.objects.filter(
            classroom__memberships__student=user,
            classroom__archived_at__isnull=True,
            opens_at__lte=now,
        )
        .select_related("classroom")
        .order_by("due_at", "title", "pk")
    )
    if not assignments:
        return []
    by_assignment: dict[int, list[Attempt]] = defaultdict(list)
    for attempt in attempts_of(
        QuizSession.objects.filter(user=user, assignment__in=[a.pk for a in assignments])
    ):
        by_assignment[attempt.assignment_id].append(attempt)
    rows = []
    for assignment in assignments:
        attempts = by_assignment[assignment.pk]
        status = attempt_status(attempts)
        if status in (DONE, LATE) and assignment.due_at < now - DONE_VISIBLE_FOR:
            continue
        best = best_attempt(attempts)
        rows.append(
            StudentAssignment(
                assignment=assignment,
                title=assignment.title,
                classroom_name=assignment.classroom.name,
                due_at=assignment.due_at,
                status=status,
                url=reverse("class_assignment", args=[assignment.pk]),
                attempts_used=len(attempts),
                attempts_allowed=assignment.attempts_allowed,
                best_score=best.score if best else None,
                due_label=due_phrase(assignment.due_at, now),
            )
        )
    return rows


def student_classrooms(user: AbstractBaseUser) -> list[Classroom]:
    """The classes a student is in and can still see (archived ones drop off)."""
    return list(
        Classroom.objects.filter(memberships__student=user, archived_at__isnull=True)
        .select_related("teacher")
        .order_by("name", "pk")
    )


def get_assignment_for_student(request: HtmxHttpRequest, pk: int) -> Assignment:
    """The assignment, if the student is in its class and the class is not archived; else 404."""
    return get_object_or_404(
        Assignment.objects.select_related("classroom", "classroom__teacher"),
        pk=pk,
        classroom__memberships__student=request.user,
        classroom__archived_at__isnull=True,
    )


def student_attempts(assignment: Assignment, user: AbstractBaseUser) -> list[Attempt]:
    return attempts_of(QuizSession.objects.filter(assignment=assignment, user=user))


# --- teachers -----------------------------------------------------------------------------


def get_classroom_for_teacher(request: HtmxHttpRequest, pk: int) -> Classroom:
    """The teacher's own class, archived or not; another teacher's class is a 404."""
    return get_object_or_404(Classroom, pk=pk, teacher=request.user)


def get_assignment_for_teacher(request: HtmxHttpRequest, pk: int) -> Assignment:
    return get_object_or_404(
        Assignment.objects.select_related("classroom"), pk=pk, classroom__teacher=request.user
    )


def get_member_for_teacher(classroom: Classroom, student_pk: int) -> Membership:
    """A student of this class (404 otherwise: a teacher never sees other students' work)."""
    membership = (
        Membership.objects.select_related("student")
        .filter(classroom=classroom, student_id=student_pk)
        .first()
    )
    if membership is None:
        raise Http404("No such student in this class.")
    return membership


def teacher_classrooms(user: AbstractBaseUser, now: datetime | None = None) -> list[Classroom]:
    """The teacher's classes with ``student_count`` and ``open_assignments``, in one query."""
    now = now or timezone.now()
    return list(
        Classroom.objects.filter(teacher=user)
        .annotate(
            student_count=Count("memberships", distinct=True),
            open_assignments=Count(
                "assignments",
                filter=Q(assignments__opens_at__lte=now, assignments__due_at__gte=now),
                distinct=True,
            ),
        )
        .order_by("archived_at", "name", "pk")
    )


@dataclass
class StudentResult:
    """One student's standing on one assignment."""

    student: AbstractBaseUser
    status: str
    attempts: list[Attempt] = field(default_factory=list)

    @property
    def best(self) -> Attempt | None:
        return best_attempt(self.attempts)

    @property
    def attempts_used(self) -> int:
        return len(self.attempts)

    @property
    def last_finished_at(self) -> datetime | None:
        return max((a.finished_at for a in self.attempts if a.finished_at), default=None)


def class_members(classroom: Classroom) -> list[Membership]:
    return list(
        Membership.objects.filter(classroom=classroom)
        .select_related("student")
        .order_by("student__username")
    )


def class_attempts(classroom: Classroom, student_ids: Iterable[int]) -> list[Attempt]:
    """Every attempt at this class's assignments by these students, in one query."""
    return attempts_of(
        QuizSession.objects.filter(assignment__classroom=classroom, user_id__in=list(student_ids))
    )


def assignment_results(
    assignment: Assignment, members: list[Membership] | None = None
) -> list[StudentResult]:
    """Each current student of the class with their status on this assignment (two queries)."""
    members = class_members(assignment.classroom) if members is None else members
    by_student: dict[int, list[Attempt]] = defaultdict(list)
    for attempt in attempts_of(
        QuizSession.objects.filter(
            assignment=assignment, user_id__in=[m.student_id for m in members]
        )
    ):
        by_student[attempt.user_id].append(attempt)
    return [
        StudentResult(
            student=m.student,
            status=attempt_status(by_student[m.student_id]),
            attempts=by_student[m.student_id],
        )
        for m in members
    ]


@dataclass(frozen=True)
class Tally:
    """One student's attempts at one assignment, counted: what status and best score need."""

    attempts: int = 0
    finished: int = 0
    on_time: int = 0
    best_score: int | None = None

    @property
    def status(self) -> str:
        # The same rule as attempt_status, on counts.
        if self.on_time:
            return DONE
        if self.finished:
            return LATE
        return IN_PROGRESS if self.attempts else NOT_STARTED


def tally(attempts: Iterable[Attempt]) -> Tally:
    attempts = list(attempts)
    finished = [a for a in attempts if a.finished_at is not None]
    best = best_attempt(attempts)
    return Tally(
        attempts=len(attempts),
        finished=len(finished),
        on_time=sum(not a.is_late for a in finished),
        best_score=best.score if best else None,
    )


def class_tallies(classroom: Classroom, student_ids: Iterable[int]) -> dict[tuple[int, int], Tally]:
    """{(assignment id, student id): Tally} for the class, counted by the database (one query).

    A class with many attempts returns one small row per student and assignment, not one per
    attempt.
    """
    finished = Q(finished_at__isnull=False)
    score = Cast("correct_count", FloatField()) * 100 / F("length")
    rows = (
        QuizSession.objects.filter(assignment__classroom=classroom, user_id__in=list(student_ids))
        .values_list("assignment_id", "user_id")
        .annotate(
            attempts=Count("id"),
            finished=Count("id", filter=finished),
            on_time=Count("id", filter=finished & Q(is_late=False)),
            best=Max(Case(When(finished & Q(length__gt=0), then=score))),
        )
        .order_by()
    )
    return {
        (assignment_id, user_id): Tally(
            attempts=attempts,
            finished=done,
            on_time=on_time,
            best_score=None if best is None else round(best),
        )
        for assignment_id, user_id, attempts, done, on_time, best in rows
    }


@dataclass(frozen=True)
class AssignmentSummary:
    """An assignment's completion over the class, for the class page."""

    assignment: Assignment
    students: int
    done: int
    late: int
    in_progress: int
    mean_score: int | None

    @property
    def not_started(self) -> int:
        return self.students - self.done - self.late - self.in_progress


def summarize_assignments(
    assignments: list[Assignment], student_ids: list[int], tallies: dict[tuple[int, int], Tally]
) -> list[AssignmentSummary]:
    """Per assignment: how many students are done, late, in progress, and their mean best score."""
    summaries = []
    for assignment in assignments:
        counts = dict.fromkeys(STATUSES, 0)
        scores = []
        for student_id in student_ids:
            mine = tallies.get((assignment.pk, student_id), Tally())
            counts[mine.status] += 1
            if mine.best_score is not None:
                scores.append(mine.best_score)
        summaries.append(
            AssignmentSummary(
                assignment=assignment,
                students=len(student_ids),
                done=counts[DONE],
                late=counts[LATE],
                in_progress=counts[IN_PROGRESS],
                mean_score=round(sum(scores) / len(scores)) if scores else None,
            )
        )
    return summaries
