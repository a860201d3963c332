"""Query counts of the class pages, pinned: a fixed number whatever the size of the class.

The big class is 40 students × 10 topics × 5 assignments with 20,000 answers and a card per
student and question answered (tests/bench_teacher.py builds it with bulk_create).
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from quiz.models import Answer
from tests.bench_teacher import ANSWERS, STUDENTS, TOPICS, build_big_class
from tests.factories import AssignmentFactory, ClassroomFactory, MembershipFactory, topic_bank

pytestmark = pytest.mark.django_db

# The request's own cost: the session, the user, the Teachers-group check of the decorator and
# the one of the navigation.
REQUEST_OVERHEAD = 4


@pytest.fixture
def big():
    big = build_big_class()
    assert Answer.objects.count() == ANSWERS
    client = Client()
    client.force_login(big.teacher)
    big.client = client
    return big


def test_the_big_class_pages_run_in_a_fixed_number_of_queries(big, django_assert_max_num_queries):
    """Guards the dashboard and the item analysis against a query per student, topic,
    assignment, question or answer: each of those would add 40 to 20,000 queries here.
    """
    classroom = big.classroom
    with django_assert_max_num_queries(12):
        dashboard = big.client.get(reverse("teach_class", args=[classroom.pk]))
    with django_assert_max_num_queries(12):
        sorted_dashboard = big.client.get(
            reverse("teach_class", args=[classroom.pk]), {"sort": "-topic-bench-7-3"}
        )
    with django_assert_max_num_queries(12):
        reteach = big.client.get(reverse("teach_reteach", args=[classroom.pk]))
    with django_assert_max_num_queries(12):
        preview = big.client.get(
            reverse("teach_reteach", args=[classroom.pk]), {"preview": 1}, HTTP_HX_REQUEST="true"
        )

    assert dashboard.status_code == sorted_dashboard.status_code == 200
    page = BeautifulSoup(dashboard.content.decode(), "html.parser")
    rows = page.select("table.dashboard tbody tr")
    assert len(rows) == STUDENTS
    assert len(page.select("table.dashboard thead th.topic-col")) >= TOPICS
    reteach_page = BeautifulSoup(reteach.content.decode(), "html.parser")
    assert len(reteach_page.select("li.item")) == 25
    assert "Questions 1–25 of 200." in reteach_page.get_text()
    assert preview.status_code == 200


def test_the_other_big_class_pages_are_bounded_too(big, django_assert_max_num_queries):
    """Guards the student detail, the assignment results and the CSVs against per-row queries."""
    classroom, student, assignment = big.classroom, big.students[0], big.assignments[0]
    pages = [
        reverse("teach_student", args=[classroom.pk, student.pk]),
        reverse("teach_assignment", args=[assignment.pk]),
        reverse("teach_assignment_csv", args=[assignment.pk]),
        reverse("teach_class_assignments_csv", args=[classroom.pk]),
        reverse("teach_class_topics_csv", args=[classroom.pk]),
        reverse("teach_question", args=[classroom.pk, Answer.objects.first().question_id]),
    ]
    for url in pages:
        with django_assert_max_num_queries(12):
            response = big.client.get(url)
        assert response.status_code == 200, url


def test_the_classes_list_costs_the_same_for_one_class_or_twenty(
    teacher, teacher_client, django_assert_num_queries
):
    """Guards against counting students or assignments with one query per class."""
    topics = topic_bank(topics=1, per_topic=1)

    def add_class():
        classroom = ClassroomFactory(teacher=teacher)
        MembershipFactory(classroom=classroom)
        AssignmentFactory(classroom=classroom, topics=topics)

    add_class()
    with django_assert_num_queries(REQUEST_OVERHEAD + 1):
        teacher_client.get(reverse("teach"))
    for _ in range(19):
        add_class()
    with django_assert_num_queries(REQUEST_OVERHEAD + 1):
        response = teacher_client.get(reverse("teach"))
    page = " ".join(BeautifulSoup(response.content.decode(), "html.parser").get_text().split())
    assert page.count("1 student · 1 open assignment") == 20


def test_a_students_class_pages_cost_the_same_however_many_classes_and_attempts(
    student, student_client, django_assert_max_num_queries
):
    """Guards the student's classes page and assignment page against a query per class,
    assignment or attempt."""
    from quiz.classrooms import assignment_attempt_start
    from tests.factories import finish_attempt

    topics = topic_bank(topics=1, per_topic=3)

    def add_class():
        classroom = ClassroomFactory()
        MembershipFactory(classroom=classroom, student=student)
        assignment = AssignmentFactory(
            classroom=classroom, topics=topics, question_count=3, attempts_allowed=10
        )
        for _ in range(3):
            session, _ = assignment_attempt_start(assignment=assignment, student=student)
            finish_attempt(session)
        return assignment

    assignment = add_class()
    pages = [reverse("my_classes"), reverse("class_assignment", args=[assignment.pk])]
    counts = []
    for url in pages:
        with django_assert_max_num_queries(8) as captured:
            student_client.get(url)
        counts.append(len(captured))
    for _ in range(6):
        add_class()
    for url, before in zip(pages, counts, strict=True):
        with django_assert_max_num_queries(before):
            response = student_client.get(url)
        assert response.status_code == 200


def test_the_assignment_form_costs_the_same_for_ten_questions_or_sixty(
    teacher, teacher_client, django_assert_max_num_queries
):
    """Guards the hand-pick list against a query per question (its sentence or section)."""
    classroom = ClassroomFactory(teacher=teacher)
    url = reverse("teach_assignment_create", args=[classroom.pk])
    topic_bank(topics=2, per_topic=5)
    with django_assert_max_num_queries(REQUEST_OVERHEAD + 4) as few:
        teacher_client.get(url)
    topic_bank(topics=5, per_topic=10)

    with django_assert_max_num_queries(len(few)):
        response = teacher_client.get(url)

    assert response.content.decode().count('name="questions"') == 60
