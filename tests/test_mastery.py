"""Mastery right after studying, through the learner's real services: a wrong answer is not
knowledge, and a right one starts fading at once (quiz.progress, quiz.analysis)."""

from __future__ import annotations

import importlib
from datetime import UTC, datetime, timedelta

import pytest
from django.apps import apps

from quiz.analysis import class_dashboard
from quiz.models import CardState
from quiz.progress import topic_progress
from quiz.scheduling import card_columns, review
from quiz.sessions import card_grade, session_start
from tests.factories import (
    ClassroomFactory,
    MembershipFactory,
    QuestionFactory,
    StudentFactory,
    TopicFactory,
    finish_attempt,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2019, 3, 4, 15, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)


@pytest.fixture
def topic():
    return TopicFactory(slug="forced-labor", name="Forced labor", position=1)


@pytest.fixture
def questions(topic):
    return [QuestionFactory(topics=[topic]) for _ in range(5)]


def mastery(owner, topic, at: datetime) -> int:
    (row,) = [row for row in topic_progress(owner, at) if row.topic == topic]
    return row.mastery


def quiz(owner, questions, *, right: bool | list[bool], at: datetime) -> None:
    """A quiz on ``questions``, every one answered through answer_submit at ``at``; ``right``
    is one for all, or one per question in the order of ``questions``."""
    owner_fields = {"visitor_key": owner} if isinstance(owner, str) else {"user": owner}
    session = session_start(**owner_fields, length=len(questions), questions=questions)
    if isinstance(right, list):
        # The session asks them shuffled; finish_attempt takes the session's order.
        wanted = dict(zip((q.pk for q in questions), right, strict=True))
        asked = session.items.order_by("position").values_list("question_id", flat=True)
        right = [wanted[pk] for pk in asked]
    finish_attempt(session, right=right, now=at)


def test_answering_every_question_of_a_topic_wrong_leaves_no_mastery_right_after(
    student, topic, questions
):
    quiz(student, questions, right=False, at=NOW)

    assert mastery(student, topic, NOW) == 0
    assert mastery(student, topic, NOW + MINUTE) == 0
    assert mastery(student, topic, NOW + timedelta(days=3)) == 0


def test_a_visitor_who_answers_wrong_has_no_mastery_either(topic, questions):
    quiz("visitor-key-of-a-test", questions, right=False, at=NOW)

    assert mastery("visitor-key-of-a-test", topic, NOW + MINUTE) == 0


def test_answering_every_question_right_is_near_full_mastery_that_fades_from_the_start(
    student, topic, questions
):
    quiz(student, questions, right=True, at=NOW)

    right_after = mastery(student, topic, NOW + MINUTE)
    same_evening = mastery(student, topic, NOW + timedelta(hours=8))
    days_later = mastery(student, topic, NOW + timedelta(days=4))

    assert right_after >= 99
    # Still the same day, yet already fading: recall runs on continuous time.
    assert same_evening < right_after
    assert days_later < same_evening
    assert days_later > 0


def test_only_the_questions_answered_right_count(student, topic, questions):
    quiz(student, questions, right=[True, True, True, False, False], at=NOW)

    assert mastery(student, topic, NOW + MINUTE) == 60


def test_the_latest_answer_decides_whether_a_question_counts(student, topic, questions):
    first, second = questions[:2]
    quiz(student, [first, second], right=[True, False], at=NOW - timedelta(days=1))
    # A day later the learner gets the first wrong and the second right.
    quiz(student, [first, second], right=[False, True], at=NOW)

    assert mastery(student, topic, NOW + MINUTE) == 20  # the second only, of five


def test_a_flashcard_graded_hard_counts_and_one_graded_again_does_not(student, topic, questions):
    deck = session_start(user=student, mode="flashcards", length=2, questions=questions[:2])
    card_grade(session=deck, question=questions[0], rating=2, now=NOW)
    card_grade(session=deck, question=questions[1], rating=1, now=NOW)

    assert mastery(student, topic, NOW + MINUTE) == 20


def test_the_class_dashboard_shows_what_each_student_sees_after_real_quizzes(
    teacher, topic, questions
):
    other_topic = TopicFactory(slug="detention", name="Detention", position=2)
    more = [QuestionFactory(topics=[other_topic]) for _ in range(4)]
    classroom = ClassroomFactory(teacher=teacher)
    students = []
    patterns = [
        ([True] * 5, [False] * 4),
        ([False] * 5, [True, False, True, True]),
        ([True, False, True, False, True], [True] * 4),
    ]
    for n, (on_topic, on_other) in enumerate(patterns):
        student = StudentFactory(username=f"student{n}")
        MembershipFactory(classroom=classroom, student=student)
        quiz(student, questions, right=on_topic, at=NOW - timedelta(days=n, hours=3))
        quiz(student, more, right=on_other, at=NOW - timedelta(hours=5 * n))
        students.append(student)
    at = NOW + timedelta(hours=2)

    dashboard = class_dashboard(classroom, now=at)

    by_student = {
        row.student.pk: {cell.topic.pk: cell.mastery for cell in row.cells}
        for row in dashboard.rows
    }
    for student in students:
        own = {row.topic.pk: row.mastery for row in topic_progress(student, at)}
        assert by_student[student.pk] == own
    # Not all equal, nor all 0 or 100: the comparison would notice a difference.
    cells = [value for row in by_student.values() for value in row.values()]
    assert 0 in cells and len(set(cells)) >= 4
    assert all(value < 100 for value in cells)


def test_the_migration_gives_existing_cards_the_grade_of_their_latest_answer(
    student, topic, questions
):
    migration = importlib.import_module("quiz.migrations.0003_cardstate_last_rating")
    quiz(student, questions[:2], right=[True, False], at=NOW - timedelta(days=2))
    quiz(student, questions[:2], right=[False, True], at=NOW - timedelta(days=1))
    quiz("a-visitor", questions[2:4], right=[True, False], at=NOW)
    # A card with no answer (none is made so) keeps no grade.
    CardState.objects.create(user=student, question=questions[4], reviews=1,
                             **card_columns(review(None, 3, NOW)))  # fmt: skip
    CardState.objects.update(last_rating=None)  # as the column starts out

    migration.fill_last_rating(apps, None)

    grades = dict(CardState.objects.values_list("question_id", "last_rating"))
    assert grades == {
        questions[0].pk: 1,
        questions[1].pk: 3,
        questions[2].pk: 3,
        questions[3].pk: 1,
        questions[4].pk: None,
    }
