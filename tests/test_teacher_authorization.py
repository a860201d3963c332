"""Nobody sees what isn't theirs: every class page for the wrong person, and tampered ids.

The owner of everything here is ``teacher`` (ms_kim) with ``student`` (ana) in her class.
Another teacher gets a 404 (the class might as well not exist), a student or an admin a 403,
an anonymous visitor the log-in page; none of them ever a byte of the class's data.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import resolve, reverse

from quiz import urls_teacher
from quiz.classrooms import assignment_attempt_start
from quiz.models import Assignment, Classroom, Membership
from tests.factories import (
    AssignmentFactory,
    ClassroomFactory,
    MembershipFactory,
    QuestionFactory,
    StudentFactory,
    finish_attempt,
    topic_bank,
)

pytestmark = pytest.mark.django_db

SECRET_CLASS = "Secret class 7Q"
SECRET_TITLE = "Secret assignment 9Z"


@dataclass
class World:
    classroom: Classroom
    assignment: Assignment
    question_pk: int


@pytest.fixture
def world(teacher, student) -> World:
    classroom = ClassroomFactory(teacher=teacher, name=SECRET_CLASS, join_code="SECRETCD")
    MembershipFactory(classroom=classroom, student=student)
    topics = topic_bank(topics=1, per_topic=3)
    assignment = AssignmentFactory(
        classroom=classroom, topics=topics, question_count=3, title=SECRET_TITLE
    )
    session, _ = assignment_attempt_start(assignment=assignment, student=student)
    finish_attempt(session, right=[True, False, True])
    return World(classroom, assignment, session.items.first().question_id)


def teacher_pages(world: World, student_pk: int) -> list[tuple[str, str]]:
    c, a = world.classroom.pk, world.assignment.pk
    return [
        ("get", reverse("teach_class", args=[c])),
        ("get", reverse("teach_class", args=[c]) + "?sort=-name"),
        ("get", reverse("teach_class_rename", args=[c])),
        ("post", reverse("teach_class_rename", args=[c])),
        ("post", reverse("teach_class_archive", args=[c])),
        ("post", reverse("teach_class_restore", args=[c])),
        ("post", reverse("teach_class_code", args=[c])),
        ("get", reverse("teach_reteach", args=[c])),
        ("get", reverse("teach_question", args=[c, world.question_pk])),
        ("get", reverse("teach_student", args=[c, student_pk])),
        ("post", reverse("teach_student_remove", args=[c, student_pk])),
        ("get", reverse("teach_assignment_create", args=[c])),
        ("post", reverse("teach_assignment_create", args=[c])),
        ("get", reverse("teach_class_assignments_csv", args=[c])),
        ("get", reverse("teach_class_topics_csv", args=[c])),
        ("get", reverse("teach_assignment", args=[a])),
        ("get", reverse("teach_assignment_edit", args=[a])),
        ("post", reverse("teach_assignment_edit", args=[a])),
        ("get", reverse("teach_assignment_csv", args=[a])),
    ]


PAGE_COUNT = 19


def request(client: Client, method: str, url: str, **extra):
    data = {"name": "Taken over", "title": "Taken over"} if method == "post" else None
    return getattr(client, method)(url, data, **extra)


def assert_nothing_changed(world: World, student) -> None:
    classroom = Classroom.objects.get(pk=world.classroom.pk)
    assert (classroom.name, classroom.join_code, classroom.archived_at) == (
        SECRET_CLASS,
        "SECRETCD",
        None,
    )
    assert Assignment.objects.get(pk=world.assignment.pk).title == SECRET_TITLE
    assert Assignment.objects.count() == 1
    assert Membership.objects.filter(classroom=classroom, student=student).exists()


def leaks(response) -> bool:
    body = response.content.decode("utf-8", "replace")
    return SECRET_CLASS in body or SECRET_TITLE in body or "SECRETCD" in body


@pytest.mark.parametrize("index", range(PAGE_COUNT))
def test_another_teacher_gets_a_404_and_changes_nothing(world, student, other_teacher, index):
    client = Client()
    client.force_login(other_teacher)
    ClassroomFactory(teacher=other_teacher)  # she has classes of her own
    method, url = teacher_pages(world, student.pk)[index]

    response = request(client, method, url)

    assert response.status_code == 404
    assert not leaks(response)
    assert_nothing_changed(world, student)


@pytest.mark.parametrize("index", range(PAGE_COUNT))
@pytest.mark.parametrize("who", ["student", "admin_user"])
def test_a_student_or_an_admin_gets_a_403(world, student, request_fixture, who, index):
    client = Client()
    client.force_login(request_fixture(who))
    method, url = teacher_pages(world, student.pk)[index]

    response = request(client, method, url)

    assert response.status_code == 403
    assert not leaks(response)
    assert_nothing_changed(world, student)


@pytest.mark.parametrize("index", range(PAGE_COUNT))
def test_an_anonymous_visitor_is_sent_to_log_in(world, student, client, index):
    method, url = teacher_pages(world, student.pk)[index]

    response = request(client, method, url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert_nothing_changed(world, student)


@pytest.mark.parametrize("index", range(PAGE_COUNT))
def test_an_htmx_request_from_another_teacher_is_refused_too(world, student, other_teacher, index):
    client = Client()
    client.force_login(other_teacher)
    method, url = teacher_pages(world, student.pk)[index]

    response = request(client, method, url, HTTP_HX_REQUEST="true")

    assert response.status_code == 404
    assert_nothing_changed(world, student)


def test_the_page_list_covers_every_teacher_url(world, student):
    teacher_names = {p.name for p in urls_teacher.urlpatterns if str(p.pattern).startswith("teach")}
    covered = {resolve(url.split("?")[0]).url_name for _, url in teacher_pages(world, student.pk)}

    assert teacher_names - covered == {"teach", "teach_class_create"}  # no object to steal


@pytest.fixture
def request_fixture(request):
    return request.getfixturevalue


# --- tampered ids ---------------------------------------------------------------------------


def test_a_student_not_in_the_class_is_a_404_for_its_teacher(teacher_client, world, other_student):
    elsewhere = ClassroomFactory()
    MembershipFactory(classroom=elsewhere, student=other_student)

    for name in ("teach_student", "teach_student_remove"):
        url = reverse(name, args=[world.classroom.pk, other_student.pk])
        response = teacher_client.get(url) if name == "teach_student" else teacher_client.post(url)
        assert response.status_code == 404
    assert Membership.objects.filter(classroom=elsewhere, student=other_student).exists()


@pytest.mark.parametrize("value", ["abc", "-1", "1.5", "99999", "²", "9" * 30])
def test_a_tampered_assignment_filter_is_a_404(teacher_client, world, value):
    response = teacher_client.get(
        reverse("teach_reteach", args=[world.classroom.pk]), {"assignment": value}
    )

    assert response.status_code == 404


def test_another_classs_assignment_as_a_filter_is_a_404(teacher_client, world, other_teacher):
    theirs = AssignmentFactory(classroom=ClassroomFactory(teacher=other_teacher))

    for name in ("teach_reteach", "teach_question"):
        args = [world.classroom.pk] + ([world.question_pk] if name == "teach_question" else [])
        response = teacher_client.get(reverse(name, args=args), {"assignment": theirs.pk})
        assert response.status_code == 404


def test_a_question_held_back_and_unanswered_is_a_404(teacher_client, world):
    held = QuestionFactory(status="needs_review")

    response = teacher_client.get(reverse("teach_question", args=[world.classroom.pk, held.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("topics", "99999"),
        ("topics", "abc"),
        ("topics", "9" * 30),
        ("questions", "9" * 30),
        ("questions", "99999"),
        ("questions", "held"),
        ("mode", "exam"),
        ("question_count", "-3"),
        ("attempts_allowed", "1000"),
        ("due_at", "2024-02-30T10:00"),
    ],
)
def test_tampered_assignment_form_values_are_form_errors(teacher_client, world, field, value):
    held = QuestionFactory(status="needs_review")
    data = {
        "title": "Tampered",
        "topics": [world.assignment.topics.first().pk],
        "question_count": "2",
        "mode": "quiz",
        "opens_at": "2030-01-01T10:00",
        "due_at": "2030-01-08T10:00",
        "attempts_allowed": "1",
    }
    data[field] = str(held.pk) if value == "held" else value

    response = teacher_client.post(
        reverse("teach_assignment_create", args=[world.classroom.pk]), data
    )

    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
    assert Assignment.objects.count() == 1


def test_editing_an_assignment_of_another_class_through_the_form_is_impossible(
    teacher_client, world, other_teacher
):
    theirs = AssignmentFactory(classroom=ClassroomFactory(teacher=other_teacher), title="Theirs")

    response = teacher_client.post(
        reverse("teach_assignment_edit", args=[theirs.pk]), {"title": "Mine now"}
    )

    assert response.status_code == 404
    assert Assignment.objects.get(pk=theirs.pk).title == "Theirs"


# --- the student's side -----------------------------------------------------------------------


def student_pages(world: World) -> list[tuple[str, str]]:
    a = world.assignment.pk
    return [
        ("get", reverse("class_assignment", args=[a])),
        ("post", reverse("class_assignment_start", args=[a])),
        ("post", reverse("class_leave", args=[world.classroom.pk])),
    ]


@pytest.mark.parametrize("index", range(3))
def test_a_student_outside_the_class_gets_a_404(world, other_student, index):
    client = Client()
    client.force_login(other_student)
    method, url = student_pages(world)[index]

    response = getattr(client, method)(url)

    assert response.status_code == 404
    assert not leaks(response)
    assert not other_student.quiz_sessions.exists()


@pytest.mark.parametrize("index", range(3))
def test_anonymous_visitors_are_sent_to_log_in_on_class_pages(world, client, index):
    method, url = student_pages(world)[index]

    response = getattr(client, method)(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_an_archived_class_hides_its_assignments_from_its_students(world, student_client):
    Classroom.objects.filter(pk=world.classroom.pk).update(archived_at="2020-01-01T00:00Z")

    response = student_client.get(reverse("class_assignment", args=[world.assignment.pk]))

    assert response.status_code == 404


def test_a_students_classes_page_shows_none_of_anyone_elses(world, other_student):
    client = Client()
    client.force_login(other_student)

    response = client.get(reverse("my_classes"))

    assert response.status_code == 200
    assert not leaks(response)


def test_the_teacher_sees_a_former_student_no_more(teacher_client, world, student):
    student.memberships.all().delete()

    dashboard = teacher_client.get(reverse("teach_class", args=[world.classroom.pk]))
    detail = teacher_client.get(reverse("teach_student", args=[world.classroom.pk, student.pk]))
    export = teacher_client.get(reverse("teach_assignment_csv", args=[world.assignment.pk]))
    reteach = teacher_client.get(reverse("teach_reteach", args=[world.classroom.pk]))

    page = BeautifulSoup(dashboard.content.decode(), "html.parser")
    assert not page.select("table.dashboard")
    assert detail.status_code == 404
    assert student.username not in export.content.decode("utf-8-sig")
    assert "No answers yet" in reteach.content.decode()


def test_other_students_of_the_class_are_not_shown_to_a_student(world, student_client):
    MembershipFactory(classroom=world.classroom, student=StudentFactory(username="classmate_x"))

    for url in (reverse("my_classes"), reverse("class_assignment", args=[world.assignment.pk])):
        assert "classmate_x" not in student_client.get(url).content.decode()


@pytest.mark.parametrize(
    ("method", "name"), [("get", "my_classes"), ("get", "join"), ("post", "join")]
)
def test_anonymous_visitors_cannot_list_or_join_classes(world, client, method, name):
    response = getattr(client, method)(reverse(name), {"code": "SECRETCD"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert Membership.objects.count() == 1
