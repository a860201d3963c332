"""CSV downloads: per assignment, and per class by assignment and by topic."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from quiz.classrooms import assignment_attempt_start
from tests.factories import (
    AssignmentFactory,
    ClassroomFactory,
    MembershipFactory,
    StudentFactory,
    finish_attempt,
    topic_bank,
)

pytestmark = pytest.mark.django_db


def read_csv(response) -> list[dict]:
    raw = response.content
    assert raw.startswith("\ufeff".encode())  # spreadsheet programs then read UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


@pytest.fixture
def setting(teacher):
    classroom = ClassroomFactory(teacher=teacher, name="Histoire 10ᵉ — Zoë's class")
    ana = StudentFactory(username="ana")
    zoe = StudentFactory(username="zoë")
    for student in (ana, zoe):
        MembershipFactory(classroom=classroom, student=student)
    topics = topic_bank(topics=2, per_topic=3)
    week1 = AssignmentFactory(
        classroom=classroom, topics=topics[:1], question_count=3, title="Week 1", attempts_allowed=2
    )
    week2 = AssignmentFactory(
        classroom=classroom, topics=topics[1:], question_count=2, title="Week 2"
    )
    session, _ = assignment_attempt_start(assignment=week1, student=ana)
    finish_attempt(session, right=[True, True, False])
    finished = timezone.now() + timedelta(days=10)
    session, _ = assignment_attempt_start(assignment=week2, student=zoe)
    finish_attempt(session, right=[True, False], now=finished)
    assignment_attempt_start(assignment=week1, student=zoe)
    return classroom, week1, week2, topics


def test_the_assignment_csv_has_a_header_and_one_row_per_student(teacher_client, setting):
    classroom, week1, _, _ = setting

    response = teacher_client.get(reverse("teach_assignment_csv", args=[week1.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Disposition"].endswith('-week-1.csv"')
    rows = read_csv(response)
    assert [(r["student"], r["status"]) for r in rows] == [("ana", "done"), ("zoë", "in progress")]
    ana = rows[0]
    assert ana["class"] == "Histoire 10ᵉ — Zoë's class"
    assert ana["assignment"] == "Week 1"
    assert (ana["attempts_used"], ana["attempts_allowed"]) == ("1", "2")
    assert (ana["best_score_percent"], ana["best_correct"], ana["best_questions"]) == (
        "67",
        "2",
        "3",
    )
    assert ana["last_finished_at"].endswith("+00:00")
    assert rows[1]["best_score_percent"] == ""


def test_the_class_csv_by_assignment_has_one_row_per_student_and_assignment(
    teacher_client, setting
):
    classroom, *_ = setting

    response = teacher_client.get(reverse("teach_class_assignments_csv", args=[classroom.pk]))

    rows = read_csv(response)
    table = {(r["student"], r["assignment"]): (r["status"], r["best_score_percent"]) for r in rows}
    assert table == {
        ("ana", "Week 1"): ("done", "67"),
        ("ana", "Week 2"): ("not started", ""),
        ("zoë", "Week 1"): ("in progress", ""),
        ("zoë", "Week 2"): ("late", "50"),
    }
    assert list(rows[0]) == [
        "class",
        "assignment",
        "mode",
        "due_at",
        "student",
        "status",
        "attempts_used",
        "attempts_allowed",
        "best_score_percent",
        "best_correct",
        "best_questions",
        "last_finished_at",
    ]


def test_the_class_csv_by_topic_has_one_row_per_student_and_topic(teacher_client, setting):
    classroom, _, _, topics = setting

    response = teacher_client.get(reverse("teach_class_topics_csv", args=[classroom.pk]))

    rows = read_csv(response)
    assert len(rows) == 2 * len(topics)
    by_key = {(r["student"], r["topic"]): r for r in rows}
    ana_first = by_key[("ana", topics[0].name)]
    # Answered just now, two right and one wrong: full recall of the 2 right, 0 for the wrong.
    assert ana_first["mastery_percent"] == "67"
    assert (ana_first["questions_seen"], ana_first["questions_total"]) == ("3", "3")
    assert (ana_first["answers"], ana_first["correct"], ana_first["accuracy_percent"]) == (
        "3",
        "2",
        "67",
    )
    ana_second = by_key[("ana", topics[1].name)]
    assert (ana_second["mastery_percent"], ana_second["accuracy_percent"]) == ("0", "")


def test_formula_like_cells_are_defused(teacher_client, teacher):
    classroom = ClassroomFactory(teacher=teacher, name='=HYPERLINK("http://x.example")')
    AssignmentFactory(classroom=classroom, title="+SUM(A1)", topics=topic_bank(topics=1))
    MembershipFactory(classroom=classroom, student=StudentFactory(username="-ana"))

    response = teacher_client.get(reverse("teach_class_assignments_csv", args=[classroom.pk]))

    (row,) = read_csv(response)
    assert row["class"] == '\'=HYPERLINK("http://x.example")'
    assert row["assignment"] == "'+SUM(A1)"
    assert row["student"] == "'-ana"


def test_an_empty_class_exports_just_the_header(teacher_client, teacher):
    classroom = ClassroomFactory(teacher=teacher)

    response = teacher_client.get(reverse("teach_class_assignments_csv", args=[classroom.pk]))

    lines = response.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("class,assignment,mode,due_at,student,status")
