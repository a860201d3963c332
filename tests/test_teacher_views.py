"""The class pages, as the teacher and the student use them (full pages and htmx)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from quiz.classrooms import classroom_archive, format_code
from quiz.models import Assignment, Classroom, Membership, QuizSession
from tests.factories import (
    AnswerFactory,
    AssignmentFactory,
    ClassroomFactory,
    MembershipFactory,
    QuestionFactory,
    StudentFactory,
    finish_attempt,
    topic_bank,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def text(response) -> str:
    return " ".join(soup(response).get_text(" ").split())


@pytest.fixture
def classroom(teacher, student):
    classroom = ClassroomFactory(teacher=teacher, name="History 10B", join_code="ABCDEFGH")
    MembershipFactory(classroom=classroom, student=student)
    return classroom


@pytest.fixture
def topics():
    return topic_bank(topics=2, per_topic=5)


@pytest.fixture
def assignment(classroom, topics):
    return AssignmentFactory(classroom=classroom, topics=topics, question_count=3, title="Week 1")


# --- the teacher's classes ----------------------------------------------------------------


def test_the_classes_page_lists_only_the_teachers_classes_with_counts(
    teacher_client, classroom, assignment, other_teacher
):
    ClassroomFactory(teacher=other_teacher, name="Someone else's class")
    archived = ClassroomFactory(teacher=classroom.teacher, name="Last year")
    classroom_archive(classroom=archived)

    response = teacher_client.get(reverse("teach"))

    assert response.status_code == 200
    page = text(response)
    assert "History 10B" in page
    assert "1 student · 1 open assignment" in page
    assert "Someone else's class" not in page
    archived_section = soup(response).find(id="archived-heading").parent
    assert "Last year" in archived_section.get_text()


def test_a_teacher_creates_a_class_and_lands_on_it(teacher_client, teacher):
    response = teacher_client.post(reverse("teach_class_create"), {"name": "Civics"})

    classroom = Classroom.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("teach_class", args=[classroom.pk])
    assert classroom.teacher == teacher
    page = text(teacher_client.get(response.url))
    assert format_code(classroom.join_code) in page


def test_creating_a_class_by_htmx_redirects_the_browser(teacher_client):
    response = teacher_client.post(reverse("teach_class_create"), {"name": "Civics"}, **HTMX)

    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("teach_class", args=[Classroom.objects.get().pk])


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_a_class_without_a_proper_name_is_refused_with_a_message(teacher_client, name):
    response = teacher_client.post(reverse("teach_class_create"), {"name": name})

    assert response.status_code == 400
    assert soup(response).select(".errorlist")
    assert not Classroom.objects.exists()


def test_the_class_page_shows_the_code_link_students_and_assignments(
    teacher_client, classroom, assignment, student
):
    response = teacher_client.get(reverse("teach_class", args=[classroom.pk]))

    assert response.status_code == 200
    page = soup(response)
    assert page.find(id="join-code").get_text() == "ABCD-EFGH"
    assert page.find(id="join-link")["value"] == "http://testserver/join/ABCDEFGH/"
    student_link = page.find("a", href=reverse("teach_student", args=[classroom.pk, student.pk]))
    assert student_link.get_text() == "ana"
    assert "Week 1" in page.find(id="assignments-heading").parent.get_text()
    assert "0 of 1 done" in " ".join(page.get_text(" ").split())


def test_a_teacher_renames_a_class(teacher_client, classroom):
    url = reverse("teach_class_rename", args=[classroom.pk])
    assert soup(teacher_client.get(url)).find("input", {"name": "name"})["value"] == "History 10B"

    response = teacher_client.post(url, {"name": "History 11B"})

    assert response.status_code == 302
    assert Classroom.objects.get(pk=classroom.pk).name == "History 11B"


def test_renaming_to_nothing_is_refused(teacher_client, classroom):
    response = teacher_client.post(
        reverse("teach_class_rename", args=[classroom.pk]), {"name": " "}
    )

    assert response.status_code == 400
    assert Classroom.objects.get(pk=classroom.pk).name == "History 10B"


def test_archiving_and_restoring_a_class(teacher_client, classroom):
    response = teacher_client.post(reverse("teach_class_archive", args=[classroom.pk]))
    assert response.status_code == 302
    classroom.refresh_from_db()
    assert classroom.is_archived
    page = text(teacher_client.get(reverse("teach_class", args=[classroom.pk])))
    assert "This class is archived" in page

    teacher_client.post(reverse("teach_class_restore", args=[classroom.pk]))

    classroom.refresh_from_db()
    assert not classroom.is_archived


def test_archiving_needs_a_post(teacher_client, classroom):
    response = teacher_client.get(reverse("teach_class_archive", args=[classroom.pk]))

    assert response.status_code == 405
    assert not Classroom.objects.get(pk=classroom.pk).is_archived


def test_a_new_code_by_full_post(teacher_client, classroom):
    response = teacher_client.post(reverse("teach_class_code", args=[classroom.pk]))

    assert response.status_code == 302
    assert Classroom.objects.get(pk=classroom.pk).join_code != "ABCDEFGH"


def test_a_new_code_by_htmx_swaps_in_the_join_panel(teacher_client, classroom):
    response = teacher_client.post(reverse("teach_class_code", args=[classroom.pk]), **HTMX)

    new = Classroom.objects.get(pk=classroom.pk).join_code
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body
    page = soup(response)
    assert page.find(id="join-panel")
    assert page.find(id="join-code").get_text() == format_code(new)
    assert "old code and link no longer work" in page.find(role="status").get_text()


def test_the_student_page_shows_mastery_assignments_and_answers(
    teacher_client, classroom, assignment, student
):
    session = QuizSession.objects.create(
        user=student, assignment=assignment, shuffle_seed=1, length=1
    )
    question = assignment.topics.first().questions.first()
    session.items.create(question=question, position=1)
    finish_attempt(session, right=[False])

    response = teacher_client.get(reverse("teach_student", args=[classroom.pk, student.pk]))

    assert response.status_code == 200
    page = text(response)
    assert "Mastery by topic" in page
    history = soup(response).find(id="history-heading").parent.get_text(" ")
    assert "Week 1" in history and "done" in history and "0%" in history
    answers = soup(response).find(id="answers-heading").parent
    assert question.prompt[:60] in answers.get_text()
    assert "Wrong" in answers.get_text()


def test_the_teacher_removes_a_student(teacher_client, classroom, student):
    response = teacher_client.post(reverse("teach_student_remove", args=[classroom.pk, student.pk]))

    assert response.status_code == 302
    assert not Membership.objects.filter(classroom=classroom).exists()
    assert (
        teacher_client.get(reverse("teach_student", args=[classroom.pk, student.pk])).status_code
        == 404
    )


# --- assignments (the teacher) ------------------------------------------------------------


def assignment_data(chosen, **overrides):
    now = timezone.localtime().replace(second=0, microsecond=0)
    data = {
        "title": "Borders",
        "topics": [t.pk for t in chosen],
        "question_count": "4",
        "mode": "quiz",
        "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
        "due_at": (now + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
        "attempts_allowed": "2",
    }
    data.update(overrides)
    return data


def test_the_assignment_form_offers_topics_with_counts_and_questions(
    teacher_client, classroom, topics
):
    response = teacher_client.get(reverse("teach_assignment_create", args=[classroom.pk]))

    assert response.status_code == 200
    page = soup(response)
    labels = [label.get_text() for label in page.select("label[for^=id_topics_]")]
    assert labels == [f"{t.name} (5 questions)" for t in topics]
    assert len(page.select("input[name=questions]")) == 10
    assert page.find("input", {"name": "opens_at"})["type"] == "datetime-local"


def test_a_teacher_creates_an_assignment(teacher_client, classroom, topics):
    response = teacher_client.post(
        reverse("teach_assignment_create", args=[classroom.pk]), assignment_data(topics)
    )

    assignment = Assignment.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("teach_assignment", args=[assignment.pk])
    assert assignment.classroom == classroom
    assert (assignment.question_count, assignment.attempts_allowed) == (4, 2)
    assert set(assignment.topics.all()) == set(topics)


def test_a_teacher_assigns_hand_picked_questions(teacher_client, classroom, topics):
    picked = list(topics[0].questions.all()[:2])

    teacher_client.post(
        reverse("teach_assignment_create", args=[classroom.pk]),
        assignment_data([], questions=[q.pk for q in picked], question_count="2"),
    )

    assignment = Assignment.objects.get()
    assert set(assignment.questions.all()) == set(picked)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"topics": []}, "Pick at least one topic"),
        ({"question_count": "11"}, "Only 10 questions"),
        ({"question_count": "many"}, "Enter a whole number"),
        ({"mode": "exam"}, "Select a valid choice"),
        ({"opens_at": "yesterday"}, "Enter a valid date/time"),
        ({"attempts_allowed": "0"}, "greater than or equal to 1"),
    ],
)
def test_a_bad_assignment_form_says_what_is_wrong(
    teacher_client, classroom, topics, overrides, message
):
    response = teacher_client.post(
        reverse("teach_assignment_create", args=[classroom.pk]),
        assignment_data(topics, **overrides),
    )

    assert response.status_code == 400
    assert message in text(response)
    assert not Assignment.objects.exists()


def test_a_due_date_before_the_opening_is_refused(teacher_client, classroom, topics):
    data = assignment_data(topics)
    data["due_at"], data["opens_at"] = data["opens_at"], data["due_at"]

    response = teacher_client.post(reverse("teach_assignment_create", args=[classroom.pk]), data)

    assert response.status_code == 400
    assert "The due date must come after the opening date." in text(response)


def test_an_archived_class_refuses_new_assignments(teacher_client, classroom, topics):
    classroom_archive(classroom=classroom)

    response = teacher_client.post(
        reverse("teach_assignment_create", args=[classroom.pk]), assignment_data(topics)
    )

    assert response.status_code == 400
    assert "archived" in text(response)
    assert not Assignment.objects.exists()


def test_editing_an_assignment_starts_from_its_values(teacher_client, assignment, topics):
    url = reverse("teach_assignment_edit", args=[assignment.pk])
    page = soup(teacher_client.get(url))
    assert page.find("input", {"name": "title"})["value"] == "Week 1"
    checked = {box["value"] for box in page.select("input[name=topics][checked]")}
    assert checked == {str(t.pk) for t in topics}

    response = teacher_client.post(url, assignment_data(topics[:1], title="Week 1, again"))

    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.title == "Week 1, again"
    assert list(assignment.topics.all()) == topics[:1]


def test_the_assignment_page_lists_each_student_with_status_and_score(
    teacher_client, classroom, assignment, student
):
    idle = StudentFactory(username="cleo")
    MembershipFactory(classroom=classroom, student=idle)
    from quiz.classrooms import assignment_attempt_start

    session, _ = assignment_attempt_start(assignment=assignment, student=student)
    finish_attempt(session, right=[True, True, False])

    response = teacher_client.get(reverse("teach_assignment", args=[assignment.pk]))

    rows = {
        row.th.get_text(strip=True): " ".join(row.get_text(" ").split())
        for row in soup(response).select("tbody tr")
    }
    assert "done" in rows["ana"] and "67% (2/3)" in rows["ana"] and "1 of 1" in rows["ana"]
    assert "not started" in rows["cleo"] and "0 of 1" in rows["cleo"]
    assert "1 of 2 done" in text(response)


# --- the student's side -------------------------------------------------------------------


def test_a_student_joins_with_the_code(client, classroom):
    newcomer = StudentFactory(username="dana")
    client.force_login(newcomer)

    response = client.post(reverse("join"), {"code": "abcd-efgh"})

    assert response.status_code == 302
    assert response.url == reverse("my_classes")
    assert Membership.objects.filter(classroom=classroom, student=newcomer).exists()
    assert "You joined “History 10B”" in text(client.get(response.url))


@pytest.mark.parametrize("code", ["", "NOPE-NOPE", "ABCD-EFG"])
def test_a_wrong_code_is_refused_with_a_message(other_student, client, classroom, code):
    client.force_login(other_student)

    response = client.post(reverse("join"), {"code": code})

    assert response.status_code == 400
    assert soup(response).select(".errorlist li")
    assert not Membership.objects.filter(student=other_student).exists()


def test_an_archived_class_code_is_refused(other_student, client, classroom):
    classroom_archive(classroom=classroom)
    client.force_login(other_student)

    response = client.post(reverse("join"), {"code": "ABCDEFGH"})

    assert response.status_code == 400
    assert "archived" in text(response)


def test_the_join_link_asks_before_joining(client, other_student, classroom):
    client.force_login(other_student)
    url = reverse("join_class", args=["ABCDEFGH"])

    response = client.get(url)

    assert response.status_code == 200
    assert "Join “History 10B”" in text(response)
    assert "ms_kim" in text(response)
    assert not Membership.objects.filter(student=other_student).exists()
    client.post(url)
    assert Membership.objects.filter(classroom=classroom, student=other_student).exists()


def test_the_join_link_sends_visitors_to_log_in_first(client, classroom):
    url = reverse("join_class", args=["ABCDEFGH"])

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"


def test_an_unknown_join_link_is_a_404_with_a_message(student_client):
    response = student_client.get(reverse("join_class", args=["ZZZZZZZZ"]))

    assert response.status_code == 404
    assert "No class has that join code" in text(response)


def test_an_archived_class_link_is_gone(student_client, classroom):
    classroom_archive(classroom=classroom)

    response = student_client.get(reverse("join_class", args=["ABCDEFGH"]))

    assert response.status_code == 410
    assert "archived" in text(response)


def test_the_teacher_following_their_own_link_is_told_so(teacher_client, classroom):
    response = teacher_client.get(reverse("join_class", args=["ABCDEFGH"]))

    assert "This is your own class" in text(response)
    assert not soup(response).find("button", string="Join the class")


def test_my_classes_lists_classes_with_open_assignments(student_client, classroom, assignment):
    archived = ClassroomFactory(name="Old class")
    MembershipFactory(classroom=archived, student=classroom.students.get())
    classroom_archive(classroom=archived)

    response = student_client.get(reverse("my_classes"))

    page = text(response)
    assert "History 10B" in page
    assert "Week 1" in page and "not started" in page
    assert "Old class" not in page


def test_a_student_leaves_a_class(student_client, classroom, student):
    response = student_client.post(reverse("class_leave", args=[classroom.pk]))

    assert response.status_code == 302
    assert not Membership.objects.filter(student=student).exists()


def test_leaving_a_class_one_is_not_in_is_a_404(student_client):
    response = student_client.post(reverse("class_leave", args=[ClassroomFactory().pk]))

    assert response.status_code == 404


def test_the_assignment_page_offers_start_then_continue(student_client, assignment, student):
    url = reverse("class_assignment", args=[assignment.pk])
    page = soup(student_client.get(url))
    assert page.find("button", string="Start")
    assert "not started" in page.get_text()

    response = student_client.post(reverse("class_assignment_start", args=[assignment.pk]))

    session = QuizSession.objects.get(assignment=assignment, user=student)
    assert response.status_code == 302
    assert response.url == reverse("session_detail", args=[session.pk])
    assert soup(student_client.get(url)).find("button", string="Continue")
    again = student_client.post(reverse("class_assignment_start", args=[assignment.pk]))
    assert again.url == response.url
    assert QuizSession.objects.filter(assignment=assignment).count() == 1


def test_starting_by_htmx_redirects_the_browser(student_client, assignment):
    response = student_client.post(reverse("class_assignment_start", args=[assignment.pk]), **HTMX)

    session = QuizSession.objects.get(assignment=assignment)
    assert response["HX-Redirect"] == reverse("session_detail", args=[session.pk])


def test_a_flashcard_assignment_opens_the_deck(student_client, classroom, topics):
    assignment = AssignmentFactory(
        classroom=classroom, topics=topics, question_count=3, mode="flashcards"
    )

    response = student_client.post(reverse("class_assignment_start", args=[assignment.pk]))

    session = QuizSession.objects.get(assignment=assignment)
    assert response.url == reverse("flashcard_deck", args=[session.pk])


def test_no_attempts_left_is_refused_with_a_message(student_client, assignment, student):
    student_client.post(reverse("class_assignment_start", args=[assignment.pk]))
    finish_attempt(QuizSession.objects.get(assignment=assignment))
    page = soup(student_client.get(reverse("class_assignment", args=[assignment.pk])))
    assert not page.find("button", string="Start")
    assert "You have used all the attempts" in page.get_text()

    response = student_client.post(reverse("class_assignment_start", args=[assignment.pk]))

    assert response.status_code == 409
    assert "the one attempt" in soup(response).find(role="alert").get_text()
    assert QuizSession.objects.filter(assignment=assignment).count() == 1


def test_the_assignment_page_shows_finished_attempts_with_their_results(student_client, assignment):
    student_client.post(reverse("class_assignment_start", args=[assignment.pk]))
    session = QuizSession.objects.get(assignment=assignment)
    finish_attempt(session, right=[True, False, False])

    page = soup(student_client.get(reverse("class_assignment", args=[assignment.pk])))

    attempt = page.select_one(".attempts li")
    assert "33% (1 of 3)" in attempt.get_text()
    assert attempt.a["href"] == reverse("session_results", args=[session.pk])
    assert "done" in page.select_one(".status-line").get_text()


def test_a_late_attempt_is_allowed_and_shown_late(student_client, assignment):
    Assignment.objects.filter(pk=assignment.pk).update(
        opens_at=timezone.now() - timedelta(days=3), due_at=timezone.now() - timedelta(days=1)
    )
    page = text(student_client.get(reverse("class_assignment", args=[assignment.pk])))
    assert "The due date has passed. You can still do it" in page

    student_client.post(reverse("class_assignment_start", args=[assignment.pk]))
    finish_attempt(QuizSession.objects.get(assignment=assignment))

    page = soup(student_client.get(reverse("class_assignment", args=[assignment.pk])))
    assert page.select_one(".status-line .status").get_text() == "late"
    assert "late" in page.select_one(".attempts li .tag").get_text()


def test_an_assignment_that_has_not_opened_cannot_be_started(student_client, assignment):
    Assignment.objects.filter(pk=assignment.pk).update(
        opens_at=timezone.now() + timedelta(days=1), due_at=timezone.now() + timedelta(days=3)
    )
    page = soup(student_client.get(reverse("class_assignment", args=[assignment.pk])))
    assert "This assignment opens on" in page.get_text()
    assert not page.find("button", string="Start")

    response = student_client.post(reverse("class_assignment_start", args=[assignment.pk]))

    assert response.status_code == 409
    assert not QuizSession.objects.exists()


def test_an_assignment_whose_questions_were_all_retired_says_so(student_client, classroom):
    question = QuestionFactory()
    assignment = AssignmentFactory(classroom=classroom, question_count=1)
    assignment.questions.set([question])
    question.status = "retired"
    question.save()

    response = student_client.post(reverse("class_assignment_start", args=[assignment.pk]))

    assert response.status_code == 409
    assert soup(response).find(role="alert").get_text().strip()


def test_the_students_answers_come_a_page_at_a_time(teacher_client, classroom, student):
    question = QuestionFactory()
    for n in range(30):
        AnswerFactory(
            session__user=student,
            question=question,
            answered_at=timezone.now() - timedelta(minutes=n),
            response=f"answer {n}",
        )
    url = reverse("teach_student", args=[classroom.pk, student.pk])

    first = soup(teacher_client.get(url))
    second = soup(teacher_client.get(url, {"page": 2}))

    def responses(page):
        return [row.find_all("td")[2].get_text() for row in page.select("table.answers tbody tr")]

    assert responses(first) == [f"answer {n}" for n in range(25)]
    assert responses(second) == [f"answer {n}" for n in range(25, 30)]
    assert first.find("a", string="Older →")
    assert not second.find("a", string="Older →")
    assert teacher_client.get(url, {"page": "x"}).status_code == 404
