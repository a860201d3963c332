"""Assignments: making them, starting attempts, statuses, and what a student's home lists."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from quiz.assignments import (
    DONE,
    IN_PROGRESS,
    LATE,
    NOT_STARTED,
    due_phrase,
    student_assignments,
)
from quiz.classrooms import (
    ClassArchived,
    ClassroomError,
    assignment_attempt_start,
    assignment_create,
    assignment_update,
    class_leave,
    classroom_archive,
)
from quiz.models import Assignment, QuizSession
from tests.factories import (
    AssignmentFactory,
    ClassroomFactory,
    MembershipFactory,
    QuestionFactory,
    StudentFactory,
    TopicFactory,
    finish_attempt,
    topic_bank,
)

pytestmark = pytest.mark.django_db


def make(classroom, **overrides):
    now = timezone.now()
    arguments = {
        "classroom": classroom,
        "title": "Week 1",
        "question_count": 3,
        "mode": "quiz",
        "opens_at": now - timedelta(hours=1),
        "due_at": now + timedelta(days=3),
        "attempts_allowed": 1,
    }
    arguments.update(overrides)
    return assignment_create(**arguments)


@pytest.fixture
def classroom(teacher, student):
    classroom = ClassroomFactory(teacher=teacher)
    MembershipFactory(classroom=classroom, student=student)
    return classroom


@pytest.fixture
def topics():
    return topic_bank(topics=3, per_topic=4)


# --- creating and changing ----------------------------------------------------------------


def test_an_assignment_on_a_topic_set(classroom, topics):
    assignment = make(classroom, topics=topics[:2], title="  Borders  ")

    assert assignment.title == "Borders"
    assert set(assignment.topics.all()) == set(topics[:2])
    assert not assignment.questions.exists()


def test_hand_picked_questions_replace_the_topics(classroom, topics):
    picked = list(topics[0].questions.all()[:3])

    assignment = make(classroom, topics=topics, questions=picked)

    assert set(assignment.questions.all()) == set(picked)
    assert not assignment.topics.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"topics": []}, "Pick at least one topic"),
        ({"title": "   "}, "title"),
        ({"question_count": 0}, "between 1 and"),
        ({"question_count": 51}, "between 1 and"),
        ({"attempts_allowed": 0}, "attempts"),
        ({"mode": "exam"}, "quiz or flashcards"),
        ({"question_count": 13}, "Only 12 questions"),
    ],
)
def test_an_assignment_that_breaks_a_rule_is_not_made(classroom, topics, overrides, message):
    overrides.setdefault("topics", topics)

    with pytest.raises(ClassroomError, match=message):
        make(classroom, **overrides)

    assert not Assignment.objects.exists()


def test_the_due_date_comes_after_the_opening(classroom, topics):
    now = timezone.now()

    with pytest.raises(ClassroomError, match="due date"):
        make(classroom, topics=topics, opens_at=now, due_at=now)


def test_true_false_questions_cannot_be_flashcards(classroom):
    statements = [QuestionFactory(type="true_false", answer="True") for _ in range(3)]

    with pytest.raises(ClassroomError, match="true/false"):
        make(classroom, questions=statements, mode="flashcards", question_count=1)


def test_only_published_questions_can_be_assigned(classroom):
    held = QuestionFactory(status="needs_review")

    with pytest.raises(ClassroomError, match="published"):
        make(classroom, questions=[held], question_count=1)


def test_an_archived_class_gets_no_new_assignments(classroom, topics):
    classroom_archive(classroom=classroom)

    with pytest.raises(ClassroomError, match="archived"):
        make(classroom, topics=topics)


def test_updating_an_assignment_changes_its_settings_and_topics(classroom, topics):
    assignment = make(classroom, topics=topics[:1])
    later = timezone.now() + timedelta(days=10)

    assignment_update(
        assignment=assignment,
        title="Week 2",
        topics=topics[1:],
        question_count=5,
        mode="quiz",
        opens_at=assignment.opens_at,
        due_at=later,
        attempts_allowed=3,
    )

    assignment.refresh_from_db()
    assert (assignment.title, assignment.question_count, assignment.attempts_allowed) == (
        "Week 2",
        5,
        3,
    )
    assert assignment.due_at == later
    assert set(assignment.topics.all()) == set(topics[1:])


# --- attempts ------------------------------------------------------------------------------


def test_an_attempt_draws_only_from_the_assignment_topics(classroom, student, topics):
    assignment = make(classroom, topics=[topics[0]], question_count=4)

    session, created = assignment_attempt_start(assignment=assignment, student=student)

    assert created
    assert session.assignment == assignment
    assert session.user == student
    assert session.mode == "quiz"
    drawn = {item.question for item in session.items.all()}
    assert drawn == set(topics[0].questions.all())


def test_an_attempt_at_hand_picked_questions_draws_only_those(classroom, student, topics):
    picked = [topics[1].questions.first(), topics[2].questions.first()]
    assignment = make(classroom, questions=picked, question_count=2)

    session, _ = assignment_attempt_start(assignment=assignment, student=student)

    assert {item.question for item in session.items.all()} == set(picked)


def test_a_flashcard_assignment_starts_a_flashcard_session(classroom, student, topics):
    assignment = make(classroom, topics=topics, mode="flashcards", question_count=2)

    session, _ = assignment_attempt_start(assignment=assignment, student=student)

    assert session.mode == "flashcards"
    assert session.length == 2


def test_a_second_start_continues_the_attempt_in_progress(classroom, student, topics):
    assignment = make(classroom, topics=topics, attempts_allowed=1)
    first, _ = assignment_attempt_start(assignment=assignment, student=student)

    again, created = assignment_attempt_start(assignment=assignment, student=student)

    assert again == first
    assert not created
    assert QuizSession.objects.filter(assignment=assignment).count() == 1


def test_attempts_allowed_is_enforced(classroom, student, topics):
    assignment = make(classroom, topics=topics, attempts_allowed=2)
    for _ in range(2):
        session, _ = assignment_attempt_start(assignment=assignment, student=student)
        finish_attempt(session)

    with pytest.raises(ClassroomError, match="all 2 attempts"):
        assignment_attempt_start(assignment=assignment, student=student)

    assert QuizSession.objects.filter(assignment=assignment).count() == 2


def test_one_attempt_means_one(classroom, student, topics):
    assignment = make(classroom, topics=topics)
    session, _ = assignment_attempt_start(assignment=assignment, student=student)
    finish_attempt(session)

    with pytest.raises(ClassroomError, match="the one attempt"):
        assignment_attempt_start(assignment=assignment, student=student)


def test_someone_outside_the_class_cannot_start_an_attempt(classroom, other_student, topics):
    assignment = make(classroom, topics=topics)

    with pytest.raises(ClassroomError, match="not in"):
        assignment_attempt_start(assignment=assignment, student=other_student)

    assert not QuizSession.objects.exists()


def test_a_student_who_left_cannot_start_an_attempt(classroom, student, topics):
    assignment = make(classroom, topics=topics)
    class_leave(student=student, classroom=classroom)

    with pytest.raises(ClassroomError):
        assignment_attempt_start(assignment=assignment, student=student)


def test_an_assignment_cannot_be_started_before_it_opens(classroom, student, topics):
    now = timezone.now()
    assignment = make(
        classroom, topics=topics, opens_at=now + timedelta(days=1), due_at=now + timedelta(days=2)
    )

    with pytest.raises(ClassroomError, match="opens on"):
        assignment_attempt_start(assignment=assignment, student=student)


def test_an_archived_class_assignment_cannot_be_started(classroom, student, topics):
    assignment = make(classroom, topics=topics)
    classroom_archive(classroom=classroom)

    with pytest.raises(ClassArchived):
        assignment_attempt_start(assignment=assignment, student=student)


def test_an_attempt_after_the_due_date_is_accepted_and_marked_late(classroom, student, topics):
    assignment = make(classroom, topics=topics)
    Assignment.objects.filter(pk=assignment.pk).update(
        opens_at=timezone.now() - timedelta(days=5), due_at=timezone.now() - timedelta(days=1)
    )
    assignment.refresh_from_db()

    session, created = assignment_attempt_start(assignment=assignment, student=student)
    finish_attempt(session)

    session.refresh_from_db()
    assert created
    assert session.is_finished
    assert session.is_late


def test_an_attempt_started_on_time_but_finished_late_is_late(classroom, student, topics):
    assignment = make(classroom, topics=topics)
    session, _ = assignment_attempt_start(assignment=assignment, student=student)

    finish_attempt(session, now=assignment.due_at + timedelta(minutes=1))

    session.refresh_from_db()
    assert session.is_late


# --- statuses on the student's home --------------------------------------------------------


def status_of(student, assignment):
    rows = {row.assignment.pk: row for row in student_assignments(student)}
    return rows[assignment.pk].status


def test_statuses_follow_the_attempts(classroom, student, topics):
    assignment = make(classroom, topics=topics, attempts_allowed=2)
    assert status_of(student, assignment) == NOT_STARTED

    session, _ = assignment_attempt_start(assignment=assignment, student=student)
    assert status_of(student, assignment) == IN_PROGRESS

    finish_attempt(session)
    assert status_of(student, assignment) == DONE


def test_a_late_finish_is_late_until_an_attempt_is_done_on_time(classroom, student, topics):
    assignment = make(classroom, topics=topics, attempts_allowed=2)
    session, _ = assignment_attempt_start(assignment=assignment, student=student)
    finish_attempt(session, now=assignment.due_at + timedelta(hours=1))

    assert status_of(student, assignment) == LATE


def test_the_home_list_is_soonest_due_first_with_title_url_and_score(classroom, student, topics):
    now = timezone.now()
    later = make(classroom, topics=topics, title="Later", due_at=now + timedelta(days=5))
    sooner = make(classroom, topics=topics, title="Sooner", due_at=now + timedelta(days=1))
    session, _ = assignment_attempt_start(assignment=sooner, student=student)
    finish_attempt(session, right=[True, True, False])

    rows = student_assignments(student)

    assert [row.title for row in rows] == ["Sooner", "Later"]
    assert rows[0].url == f"/classes/assignments/{sooner.pk}/"
    assert rows[0].due_at == sooner.due_at
    assert rows[0].best_score == 67
    assert rows[0].due_label == "due tomorrow"
    assert rows[1].assignment == later
    assert rows[1].best_score is None


def test_the_home_list_leaves_out_what_is_not_open_or_not_theirs(classroom, student, topics):
    now = timezone.now()
    make(classroom, topics=topics, title="Open")
    make(
        classroom,
        topics=topics,
        title="Next week",
        opens_at=now + timedelta(days=7),
        due_at=now + timedelta(days=9),
    )
    AssignmentFactory(topics=topics, title="Another class")
    archived = ClassroomFactory()
    MembershipFactory(classroom=archived, student=student)
    AssignmentFactory(classroom=archived, topics=topics, title="Archived class")
    classroom_archive(classroom=archived)

    assert [row.title for row in student_assignments(student)] == ["Open"]


def test_finished_work_leaves_the_home_a_week_after_it_was_due(classroom, student, topics):
    recent = make(classroom, topics=topics, title="Recent")
    old = make(classroom, topics=topics, title="Old")
    undone = make(classroom, topics=topics, title="Undone")
    for assignment in (recent, old):
        session, _ = assignment_attempt_start(assignment=assignment, student=student)
        finish_attempt(session)
    now = timezone.now()
    Assignment.objects.filter(pk__in=[old.pk, undone.pk]).update(
        opens_at=now - timedelta(days=30), due_at=now - timedelta(days=8)
    )

    titles = [row.title for row in student_assignments(student)]

    assert titles == ["Undone", "Recent"]


def test_visitors_and_classless_students_have_no_assignments(client, topics):
    from django.contrib.auth.models import AnonymousUser

    assert student_assignments(AnonymousUser()) == []
    assert student_assignments(StudentFactory()) == []


def test_the_home_list_takes_two_queries_however_many_assignments(
    classroom, student, topics, django_assert_num_queries
):
    """Guards against one query per assignment (its class, or its attempts)."""
    for n in range(6):
        assignment = make(classroom, topics=topics, title=f"A{n}")
        assignment_attempt_start(assignment=assignment, student=student)
    other = ClassroomFactory()
    MembershipFactory(classroom=other, student=student)
    AssignmentFactory(classroom=other, topics=[TopicFactory()])

    with django_assert_num_queries(2):
        rows = student_assignments(student)

    assert len(rows) == 7


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        (timedelta(hours=1), "due today"),
        (timedelta(days=1), "due tomorrow"),
        (timedelta(days=3), "due in 3 days"),
        (timedelta(days=-1), "was due yesterday"),
        (timedelta(days=-4), "was due 4 days ago"),
    ],
)
def test_due_dates_in_words(offset, expected):
    now = timezone.now().replace(hour=12, minute=0)

    assert due_phrase(now + offset, now) == expected


def run_together(calls):
    """Race the calls on PostgreSQL (a barrier releases the threads at once, each with its own
    connection); SQLite serializes writers anyway, so there they run one after another."""
    if connection.vendor != "postgresql":
        return [_outcome(call) for call in calls]
    barrier = threading.Barrier(len(calls))

    def in_thread(call):
        try:
            barrier.wait(timeout=10)
            return _outcome(call)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return [f.result(timeout=60) for f in [pool.submit(in_thread, c) for c in calls]]


def _outcome(call):
    try:
        return call()
    except ClassroomError as error:
        return error


@pytest.mark.django_db(transaction=True)
def test_simultaneous_starts_make_one_attempt():
    """Six Start clicks at once: one attempt is made, the others continue it."""
    student = StudentFactory()
    classroom = ClassroomFactory()
    MembershipFactory(classroom=classroom, student=student)
    assignment = make(classroom, topics=topic_bank(topics=1, per_topic=4), attempts_allowed=1)

    outcomes = run_together(
        [lambda: assignment_attempt_start(assignment=assignment, student=student)] * 6
    )

    sessions = QuizSession.objects.filter(assignment=assignment)
    assert sessions.count() == 1
    assert {session for session, _created in outcomes} == {sessions.get()}
    assert sorted(created for _session, created in outcomes) == [False] * 5 + [True]


@pytest.mark.django_db(transaction=True)
def test_simultaneous_starts_of_the_last_attempt_make_only_one():
    """One attempt left and six clicks at once: never a third attempt."""
    student = StudentFactory()
    classroom = ClassroomFactory()
    MembershipFactory(classroom=classroom, student=student)
    assignment = make(classroom, topics=topic_bank(topics=1, per_topic=4), attempts_allowed=2)
    session, _ = assignment_attempt_start(assignment=assignment, student=student)
    finish_attempt(session)

    outcomes = run_together(
        [lambda: assignment_attempt_start(assignment=assignment, student=student)] * 6
    )

    assert QuizSession.objects.filter(assignment=assignment).count() == 2
    # The first click made the last attempt; the others were handed the same one.
    assert len({session for session, _created in outcomes}) == 1
