"""Each role's page: anonymous visitors are sent to log in, the wrong role gets 403."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.test import Client
from django.urls import reverse

from quiz.roles import TEACHERS_GROUP, is_admin, is_teacher
from tests.factories import StudentFactory, TeacherFactory

pytestmark = pytest.mark.django_db

# page -> which of the cast may open it
ALLOWED = {
    "teach": {"teacher"},
    "staff": {"admin_user"},
}
CAST = ("student", "teacher", "admin_user")


@pytest.mark.parametrize("page", ALLOWED)
def test_an_anonymous_visitor_is_sent_to_log_in_and_back(client, page):
    url = reverse(page)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize("page", ALLOWED)
@pytest.mark.parametrize("who", CAST)
def test_each_role_page_admits_its_role_and_forbids_the_others(request, page, who):
    client = Client()
    client.force_login(request.getfixturevalue(who))

    response = client.get(reverse(page))

    assert response.status_code == (200 if who in ALLOWED[page] else 403)


def test_the_forbidden_page_says_so_in_words(student_client):
    response = student_client.get(reverse("teach"))

    assert response.status_code == 403
    assert "This page is not for your account" in response.content.decode()


def test_the_teachers_group_exists_after_migrations():
    assert Group.objects.filter(name=TEACHERS_GROUP).exists()


def test_granting_the_teachers_group_makes_a_student_a_teacher():
    user = StudentFactory()
    assert not is_teacher(user)

    user.groups.add(Group.objects.get(name=TEACHERS_GROUP))

    assert is_teacher(user)


def test_a_deactivated_teacher_or_admin_has_no_role(admin_user):
    teacher = TeacherFactory(is_active=False)
    admin_user.is_active = False

    assert not is_teacher(teacher)
    assert not is_admin(admin_user)


def test_staff_users_are_admins_and_students_are_neither(student, admin_user):
    assert is_admin(admin_user)
    assert not is_teacher(admin_user)
    assert not is_admin(student)
    assert not is_teacher(student)


def test_anonymous_visitors_have_no_role():
    assert not is_admin(AnonymousUser())
    assert not is_teacher(AnonymousUser())


def test_a_second_teacher_is_a_teacher_too(other_teacher, other_student):
    assert is_teacher(other_teacher)
    assert not is_teacher(other_student)


def test_the_admins_page_counts_what_waits_for_review(admin_client):
    from tests.factories import FlagFactory, QuestionFactory

    QuestionFactory(status="needs_review")
    QuestionFactory(status="needs_review")
    FlagFactory()

    response = admin_client.get(reverse("staff"))

    text = " ".join(response.content.decode().split())
    assert "Review queue: 2 questions" in text
    assert "Open learner flags: 1" in text
    assert reverse("admin:content_question_review") in response.content.decode()
