"""The class dashboard: students × topics mastery, assignments, last activity, sorting."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from fsrs import Card, State

from quiz.analysis import (
    BadSort,
    band,
    bank_topics,
    class_dashboard,
    mastery_table,
)
from quiz.assignments import class_attempts, class_tallies, tally
from quiz.classrooms import assignment_attempt_start
from quiz.models import CardState
from quiz.progress import topic_progress
from tests.factories import (
    AnswerFactory,
    AssignmentFactory,
    ClassroomFactory,
    MembershipFactory,
    QuestionFactory,
    StudentFactory,
    TopicFactory,
    finish_attempt,
)

pytestmark = pytest.mark.django_db


def card(user, question, *, stability, days_ago, now, rating=3):
    """A card last reviewed ``days_ago`` days before ``now`` with the given stability and
    graded ``rating`` (1 Again … 4 Easy) then."""
    reviewed = (now - timedelta(days=days_ago)).astimezone(UTC)
    due = reviewed + timedelta(days=stability)
    fsrs_card = Card(
        card_id=0, state=State.Review, stability=stability, difficulty=5.0, due=due,
        last_review=reviewed,
    )  # fmt: skip
    return CardState.objects.create(
        user=user,
        question=question,
        card=fsrs_card.to_dict(),
        due=due,
        stability=stability,
        difficulty=5.0,
        last_review=reviewed,
        last_rating=rating,
        reviews=1,
    )


@pytest.fixture
def bank():
    """Two topics: "alpha" with two published questions, "beta" with four (and a retired one)."""
    alpha = TopicFactory(slug="alpha", name="Alpha", position=1)
    beta = TopicFactory(slug="beta", name="Beta", position=2)
    questions = {
        "alpha": [QuestionFactory(topics=[alpha]) for _ in range(2)],
        "beta": [QuestionFactory(topics=[beta]) for _ in range(4)],
    }
    QuestionFactory(topics=[beta], status="retired")
    return alpha, beta, questions


@pytest.fixture
def classroom(teacher):
    return ClassroomFactory(teacher=teacher)


def join(classroom, username):
    student = StudentFactory(username=username)
    MembershipFactory(classroom=classroom, student=student)
    return student


def test_a_card_reviewed_one_stability_ago_counts_ninety_percent(classroom, bank):
    """FSRS's stability is the interval at which predicted recall falls to 90 %."""
    alpha, beta, questions = bank
    now = timezone.now()
    ana = join(classroom, "ana")
    card(ana, questions["alpha"][0], stability=10, days_ago=10, now=now)
    card(ana, questions["beta"][0], stability=4, days_ago=4, now=now)
    card(ana, questions["beta"][1], stability=4, days_ago=4, now=now)

    dashboard = class_dashboard(classroom, now=now)

    (row,) = dashboard.rows
    assert [t.slug for t in dashboard.topics] == ["alpha", "beta"]
    assert [cell.mastery for cell in row.cells] == [45, 45]  # 0.9 of 2, 1.8 of 4
    assert [cell.total for cell in row.cells] == [2, 4]


def test_a_question_last_answered_wrong_counts_nothing_however_recent(classroom, bank):
    alpha, beta, questions = bank
    now = timezone.now()
    ana = join(classroom, "ana")
    card(ana, questions["alpha"][0], stability=0.5, days_ago=0, now=now, rating=1)
    card(ana, questions["alpha"][1], stability=2.0, days_ago=0, now=now, rating=2)

    (row,) = class_dashboard(classroom, now=now).rows

    # Hard is a pass: full recall of one of alpha's two questions; the Again one counts 0.
    assert [(cell.mastery, cell.seen) for cell in row.cells] == [(50, 2), (0, 0)]


def test_a_student_who_studied_nothing_has_zero_everywhere(classroom, bank):
    join(classroom, "ana")

    (row,) = class_dashboard(classroom).rows

    assert [cell.mastery for cell in row.cells] == [0, 0]
    assert row.last_activity is None
    assert row.mean_score is None


def test_mastery_is_the_same_as_on_the_students_own_progress_page(classroom, bank):
    """The dashboard's bulk computation agrees with quiz.progress for each student."""
    alpha, beta, questions = bank
    now = timezone.now()
    students = [join(classroom, name) for name in ("ana", "ben", "cleo")]
    for offset, student in enumerate(students):
        for index, question in enumerate(questions["alpha"] + questions["beta"][offset:]):
            card(
                student,
                question,
                stability=1.5 + index,
                days_ago=offset * 3 + index + 0.4,  # fractional days count too
                now=now,
                rating=(1, 3, 2, 4)[(index + offset) % 4],  # a wrong answer counts 0
            )

    dashboard = class_dashboard(classroom, now=now)

    for row in dashboard.rows:
        own = {p.topic.pk: p.mastery for p in topic_progress(row.student, now)}
        assert {cell.topic.pk: cell.mastery for cell in row.cells} == own
    assert len({tuple(c.mastery for c in row.cells) for row in dashboard.rows}) > 1


def test_cards_of_retired_questions_and_other_students_do_not_count(classroom, bank):
    alpha, beta, questions = bank
    now = timezone.now()
    ana = join(classroom, "ana")
    outsider = StudentFactory()
    retired = beta.questions.get(status="retired")
    card(ana, retired, stability=5, days_ago=0, now=now)
    card(outsider, questions["beta"][0], stability=5, days_ago=0, now=now)

    table = mastery_table([ana.pk], bank_topics([ana.pk]), now)

    assert table[ana.pk][beta.pk].mastery == 0
    assert set(table) == {ana.pk}


def test_assignment_completion_scores_and_last_activity(classroom, bank):
    alpha, beta, questions = bank
    ana = join(classroom, "ana")
    join(classroom, "ben")
    first = AssignmentFactory(classroom=classroom, topics=[beta], question_count=4)
    second = AssignmentFactory(classroom=classroom, topics=[alpha], question_count=2)
    late = timezone.now() + timedelta(days=30)
    session, _ = assignment_attempt_start(assignment=first, student=ana)
    finish_attempt(session, right=[True, True, True, False])
    session, _ = assignment_attempt_start(assignment=second, student=ana)
    finish_attempt(session, right=[True, False], now=late)

    dashboard = class_dashboard(classroom)

    rows = {row.student.username: row for row in dashboard.rows}
    assert (rows["ana"].assignments_done, rows["ana"].assignments_late) == (1, 1)
    assert rows["ana"].mean_score == round((75 + 50) / 2)
    assert rows["ana"].last_activity == late
    assert (rows["ben"].assignments_done, rows["ben"].mean_score) == (0, None)
    summaries = {s.assignment: s for s in dashboard.assignments}
    assert (summaries[first].done, summaries[first].not_started) == (1, 1)
    assert (summaries[second].late, summaries[second].mean_score) == (1, 50)


def test_last_activity_counts_any_answer_of_the_student(classroom, bank):
    ana = join(classroom, "ana")
    moment = timezone.now() - timedelta(days=2)
    AnswerFactory(session__user=ana, answered_at=moment)
    AnswerFactory(session__user=ana, answered_at=moment - timedelta(days=5))

    (row,) = class_dashboard(classroom).rows

    assert row.last_activity == moment


@pytest.fixture
def three_students(classroom, bank):
    alpha, beta, questions = bank
    now = timezone.now()
    ana, ben, cleo = (join(classroom, name) for name in ("ana", "ben", "cleo"))
    card(ben, questions["alpha"][0], stability=3, days_ago=0, now=now)  # alpha 50
    card(cleo, questions["beta"][0], stability=3, days_ago=0, now=now)  # beta 25
    card(ana, questions["alpha"][0], stability=3, days_ago=3, now=now)  # alpha 45
    spare = questions["beta"][3]
    AnswerFactory(session__user=cleo, question=spare, answered_at=now - timedelta(days=1))
    AnswerFactory(session__user=ben, question=spare, answered_at=now - timedelta(days=3))
    return now


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("name", ["ana", "ben", "cleo"]),
        ("-name", ["cleo", "ben", "ana"]),
        ("topic-alpha", ["cleo", "ana", "ben"]),
        ("-topic-alpha", ["ben", "ana", "cleo"]),
        ("-topic-beta", ["cleo", "ana", "ben"]),
        ("last", ["ben", "cleo", "ana"]),  # never active goes last either way
        ("-last", ["cleo", "ben", "ana"]),
    ],
)
def test_the_table_sorts_by_each_column(classroom, three_students, sort, order):
    dashboard = class_dashboard(classroom, now=three_students, sort=sort)

    assert [row.student.username for row in dashboard.rows] == order


@pytest.mark.parametrize("sort", ["", "password", "topic-nope", "--name", "student__password"])
def test_an_unknown_sort_is_refused(classroom, bank, sort):
    with pytest.raises(BadSort):
        class_dashboard(classroom, sort=sort)


@pytest.mark.parametrize(
    ("mastery", "expected"),
    [(0, "none"), (19, "none"), (20, "weak"), (49, "weak"), (50, "fair"), (80, "strong")],
)
def test_mastery_bands(mastery, expected):
    assert band(mastery) == expected


# --- the page ------------------------------------------------------------------------------


def cells(response) -> list[list[str]]:
    page = BeautifulSoup(response.content.decode(), "html.parser")
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
        for row in page.select("table.dashboard tbody tr")
    ]


def test_the_page_prints_every_mastery_as_a_number_next_to_its_band(
    teacher_client, classroom, three_students
):
    response = teacher_client.get(reverse("teach_class", args=[classroom.pk]))

    assert response.status_code == 200
    rows = cells(response)
    assert [row[:3] for row in rows] == [
        ["ana", "45%", "0%"],
        ["ben", "50%", "0%"],
        ["cleo", "0%", "25%"],
    ]
    page = BeautifulSoup(response.content.decode(), "html.parser")
    first_cell = page.select_one("table.dashboard tbody td")
    assert "band-weak" in first_cell["class"]
    assert "Shading" in page.select_one("#mastery-legend").get_text()


def test_sorting_through_the_page_marks_the_sorted_column(
    teacher_client, classroom, three_students
):
    url = reverse("teach_class", args=[classroom.pk])

    response = teacher_client.get(url, {"sort": "-topic-alpha"})

    assert [row[0] for row in cells(response)] == ["ben", "ana", "cleo"]
    page = BeautifulSoup(response.content.decode(), "html.parser")
    sorted_header = page.select_one('th[aria-sort="descending"]')
    assert sorted_header.a.get_text(strip=True).startswith("Alpha")
    assert sorted_header.a["href"] == "?sort=topic-alpha"


def test_sorting_by_htmx_returns_only_the_table(teacher_client, classroom, three_students):
    response = teacher_client.get(
        reverse("teach_class", args=[classroom.pk]), {"sort": "-name"}, HTTP_HX_REQUEST="true"
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert body.strip().startswith('<div id="students-table">')
    assert [row[0] for row in cells(response)] == ["cleo", "ben", "ana"]


def test_a_tampered_sort_gets_a_400_and_the_class_by_name(
    teacher_client, classroom, three_students
):
    response = teacher_client.get(
        reverse("teach_class", args=[classroom.pk]), {"sort": "student__password"}
    )

    assert response.status_code == 400
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert "Can't sort by" in page.find(role="alert").get_text()
    assert [row[0] for row in cells(response)] == ["ana", "ben", "cleo"]


def test_an_empty_class_says_how_students_arrive(teacher_client, classroom, bank):
    response = teacher_client.get(reverse("teach_class", args=[classroom.pk]))

    assert "No students yet" in response.content.decode()


def test_attempts_counted_by_the_database_match_the_attempts_themselves(classroom, bank):
    """class_tallies (SQL) and tally (Python, from the attempts) agree on every student."""
    alpha, beta, questions = bank
    people = [join(classroom, name) for name in ("ana", "ben", "cleo", "dan")]
    first = AssignmentFactory(classroom=classroom, topics=[beta], question_count=3,
                              attempts_allowed=3)  # fmt: skip
    second = AssignmentFactory(classroom=classroom, topics=[alpha], question_count=2)
    late = first.due_at + timedelta(hours=1)
    plans = {
        "ana": [(first, [True, False, True], None), (first, [True, True, True], late)],
        "ben": [(first, [False, False, False], late), (second, [True, False], None)],
        "cleo": [(first, None, None)],  # in progress
    }
    for student in people:
        for assignment, marks, when in plans.get(student.username, []):
            session, _ = assignment_attempt_start(assignment=assignment, student=student)
            if marks is not None:
                finish_attempt(session, right=marks, now=when)

    tallies = class_tallies(classroom, [p.pk for p in people])

    by_key = {}
    for attempt in class_attempts(classroom, [p.pk for p in people]):
        by_key.setdefault((attempt.assignment_id, attempt.user_id), []).append(attempt)
    assert {key: tally(attempts) for key, attempts in by_key.items()} == tallies
    ana = tallies[(first.pk, people[0].pk)]
    assert (ana.attempts, ana.finished, ana.on_time, ana.best_score, ana.status) == (
        2, 2, 1, 100, "done",
    )  # fmt: skip
    assert tallies[(first.pk, people[1].pk)].status == "late"
    assert tallies[(first.pk, people[2].pk)].status == "in progress"
    assert (second.pk, people[3].pk) not in tallies
