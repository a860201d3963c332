"""Ids from outside that cannot be keys end in a 4xx on every page, never a server error.

"²" passes str.isdigit() but not int(); a 30-digit number overflows the key column (SQLite
raises OverflowError). Both used to reach queries on some pages.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from content.ids import parse_pk
from tests.factories import ClassroomFactory, MembershipFactory, QuestionFactory

pytestmark = pytest.mark.django_db

HUGE = "9" * 30


@pytest.mark.parametrize(
    ("value", "expected"),
    [("12", 12), ("²", None), (HUGE, None), ("0", None), ("-3", None), (" 7 ", 7), ("1e3", None)],
)
def test_parse_pk_takes_only_what_a_key_column_can_hold(value, expected):
    assert parse_pk(value) == expected


def test_an_overlong_id_in_a_url_is_a_404(student_client, teacher_client, teacher):
    classroom = ClassroomFactory(teacher=teacher)

    for client, url in [
        (student_client, f"/quiz/{HUGE}/"),
        (student_client, f"/cards/{HUGE}/"),
        (teacher_client, f"/teach/classes/{classroom.pk}/students/{HUGE}/"),
        (teacher_client, f"/teach/classes/{HUGE}/"),
    ]:
        assert client.get(url).status_code == 404, url
    assert student_client.post(f"/classes/{HUGE}/leave/").status_code == 404


@pytest.mark.parametrize("value", ["²", HUGE])
def test_odd_page_and_filter_values_on_teacher_pages_are_404s(teacher_client, teacher, value):
    classroom = ClassroomFactory(teacher=teacher)
    student = MembershipFactory(classroom=classroom).student

    for url, params in [
        (reverse("teach_reteach", args=[classroom.pk]), {"page": value}),
        (reverse("teach_student", args=[classroom.pk, student.pk]), {"page": value}),
    ]:
        assert teacher_client.get(url, params).status_code == 404, (url, params)


@pytest.mark.parametrize("param", ["report", "section"])
@pytest.mark.parametrize("value", ["²", HUGE])
def test_odd_admin_filter_values_do_not_break_the_question_list(admin_client, param, value):
    QuestionFactory()

    response = admin_client.get(reverse("admin:content_question_changelist"), {param: value})

    assert response.status_code < 500


def test_an_overlong_id_in_an_admin_action_is_refused(admin_client):
    question = QuestionFactory(status="needs_review")

    response = admin_client.post(
        reverse("admin:content_question_changelist"),
        {"action": "retire", "_selected_action": [HUGE]},
    )

    assert response.status_code == 400
    question.refresh_from_db()
    assert question.status == "needs_review"


def test_a_nul_byte_in_a_typed_answer_is_a_400(student_client, student):
    from quiz.sessions import session_start

    question = QuestionFactory(type="fill_in", answer="kwanliso", choices=[])
    session = session_start(user=student, length=1, questions=[question])

    response = student_client.post(
        reverse("session_answer", args=[session.pk]),
        {"question": question.pk, "response": "kwan\x00liso"},
    )

    assert response.status_code == 400
    assert not session.answers.exists()
