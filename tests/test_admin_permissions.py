"""Who may do what in the admin: staff by their permissions, teachers and students not at
all; the learner and class records are read-only there."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from content.models import Question
from content.pipeline.topics import TAXONOMY
from quiz.models import CardState
from tests.factories import (
    AnswerFactory,
    AssignmentFactory,
    FlagFactory,
    MembershipFactory,
    QuestionFactory,
    StaffFactory,
    TopicFactory,
)
from tests.test_admin_questions import change_url, form_data

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:content_question_changelist")
ADMIN_LOGIN = reverse("admin:login")


def logged_in(client, *permissions: str):
    client.force_login(StaffFactory(permissions=list(permissions)))
    return client


def actions_offered(response) -> set[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return {o["value"] for o in soup.select("select[name=action] option") if o["value"]}


# --- staff without the question permissions -------------------------------------------------


def test_staff_without_question_permissions_cannot_list_or_open_questions(client):
    question = QuestionFactory()
    logged_in(client, "content.view_report")

    assert client.get(CHANGELIST).status_code == 403
    assert client.get(change_url(question)).status_code == 403
    assert client.get(reverse("admin:content_question_review")).status_code == 403
    assert client.post(change_url(question), {"prompt": "Hacked?"}).status_code == 403
    question.refresh_from_db()
    assert question.prompt != "Hacked?"


def test_staff_without_question_permissions_do_not_see_questions_in_the_index(client):
    logged_in(client, "content.view_report")
    soup = BeautifulSoup(client.get(reverse("admin:index")).content, "html.parser")
    hrefs = {a["href"] for a in soup.select("a[href]")}
    assert reverse("admin:content_report_changelist") in hrefs
    assert CHANGELIST not in hrefs
    assert soup.select_one("#review-module") is None


def test_staff_who_may_only_view_questions_can_read_but_not_change_them(client):
    question = QuestionFactory(status="needs_review")
    logged_in(client, "content.view_question")

    listing = client.get(CHANGELIST)
    assert listing.status_code == 200
    assert actions_offered(listing) == {"export_json", "export_csv"}
    page = client.get(change_url(question))
    assert page.status_code == 200
    assert b'name="_publish"' not in page.content
    assert b'name="prompt"' not in page.content  # shown, not editable
    assert client.post(change_url(question), {"prompt": "Changed?"}).status_code == 403

    client.post(CHANGELIST, {"action": "publish", ACTION_CHECKBOX_NAME: [question.pk]})
    question.refresh_from_db()
    assert question.status == "needs_review"


def test_staff_with_the_change_permission_can_edit_and_publish(client):
    question = QuestionFactory(status="needs_review")
    logged_in(client, "content.view_question", "content.change_question")

    assert {"publish", "send_to_review", "retire", "regenerate"} <= actions_offered(
        client.get(CHANGELIST)
    )
    data = form_data(client, change_url(question), _publish="Save and publish")
    assert client.post(change_url(question), data).status_code == 302
    question.refresh_from_db()
    assert question.status == Question.Status.PUBLISHED


def test_adding_a_question_needs_the_add_permission(client):
    logged_in(client, "content.view_question", "content.change_question")
    assert client.get(reverse("admin:content_question_add")).status_code == 403


# --- people who are not staff ---------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "student", "teacher"])
def test_people_who_are_not_staff_are_sent_to_the_admin_login(client, who, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    question = QuestionFactory(status="needs_review")
    urls = [
        reverse("admin:index"),
        CHANGELIST,
        change_url(question),
        reverse("admin:content_question_review"),
        reverse("admin:quiz_flag_changelist"),
        reverse("admin:quiz_classroom_changelist"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(ADMIN_LOGIN), url

    response = client.post(CHANGELIST, {"action": "publish", ACTION_CHECKBOX_NAME: [question.pk]})
    assert response["Location"].startswith(ADMIN_LOGIN)
    question.refresh_from_db()
    assert question.status == "needs_review"


# --- read-only and read-mostly admins -------------------------------------------------------


def test_reports_sections_and_sentences_change_only_through_imports(admin_client):
    question = QuestionFactory()
    sentence = question.sentence
    urls = {
        "report": reverse("admin:content_report_change", args=[question.report_id]),
        "section": reverse("admin:content_section_change", args=[sentence.section_id]),
        "sentence": reverse("admin:content_sentence_change", args=[sentence.pk]),
    }
    for name, url in urls.items():
        assert admin_client.get(url).status_code == 200, name
        assert (
            admin_client.post(url, {"title": "X", "heading": "X", "text": "X"}).status_code == 403
        )
    assert admin_client.get(reverse("admin:content_section_add")).status_code == 403
    assert admin_client.get(reverse("admin:content_sentence_add")).status_code == 403
    sentence.refresh_from_db()
    assert sentence.text != "X"


def test_the_report_page_counts_its_questions_by_status(admin_client):
    question = QuestionFactory()
    QuestionFactory(sentence__section__report=question.report, status="needs_review")
    soup = BeautifulSoup(
        admin_client.get(reverse("admin:content_report_changelist")).content, "html.parser"
    )
    row = soup.select_one("#result_list tbody tr")
    assert row.select_one(".field-published").get_text() == "1"
    assert row.select_one(".field-in_review").get_text() == "1"
    assert row.select_one(".field-retired").get_text() == "0"


def test_taxonomy_topics_are_read_only_and_an_admins_own_topic_is_editable(admin_client):
    taxonomy = TopicFactory(slug=TAXONOMY[0].slug, name=TAXONOMY[0].name)
    own = TopicFactory(slug="my-topic", name="My topic")

    page = admin_client.get(reverse("admin:content_topic_change", args=[taxonomy.pk]))
    assert b'name="name"' not in page.content

    url = reverse("admin:content_topic_change", args=[own.pk])
    response = admin_client.post(
        url, {"name": "Renamed", "description": "Mine.", "position": "3", "slug": "hacked"}
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.name, own.slug) == ("Renamed", "my-topic")


def test_classes_assignments_and_sessions_are_shown_but_not_editable(admin_client):
    membership = MembershipFactory()
    classroom = membership.classroom
    assignment = AssignmentFactory(classroom=classroom)
    answer = AnswerFactory(session__user=membership.student)
    session = answer.session

    listing = admin_client.get(reverse("admin:quiz_classroom_changelist"))
    assert listing.status_code == 200
    row = BeautifulSoup(listing.content, "html.parser").select_one("#result_list tbody tr")
    assert row.select_one(".field-student_count").get_text() == "1"

    pages = {
        "classroom": reverse("admin:quiz_classroom_change", args=[classroom.pk]),
        "assignment": reverse("admin:quiz_assignment_change", args=[assignment.pk]),
        "session": reverse("admin:quiz_quizsession_change", args=[session.pk]),
    }
    for name, url in pages.items():
        response = admin_client.get(url)
        assert response.status_code == 200, name
        assert admin_client.post(url, {"name": "X", "title": "X"}).status_code == 403, name
    session_page = admin_client.get(pages["session"]).content.decode()
    assert answer.question.prompt[:40] in session_page
    for add in ("quiz_classroom_add", "quiz_assignment_add", "quiz_quizsession_add"):
        assert admin_client.get(reverse(f"admin:{add}")).status_code == 403
    classroom.refresh_from_db()
    assert classroom.name != "X"


def test_the_learner_lists_and_pages_render(admin_client):
    answer = AnswerFactory()
    card = CardState.objects.create(
        user=answer.user, question=answer.question, card={}, due=timezone.now()
    )
    visitor_card = CardState.objects.create(
        visitor_key="k" * 32, question=answer.question, card={}, due=timezone.now()
    )
    rows = {
        "quizsession": answer.session,
        "cardstate": card,
        "membership": MembershipFactory(),
        "assignment": AssignmentFactory(),
        "flag": FlagFactory(),
    }
    for name, obj in rows.items():
        assert admin_client.get(reverse(f"admin:quiz_{name}_changelist")).status_code == 200
        url = reverse(f"admin:quiz_{name}_change", args=[obj.pk])
        assert admin_client.get(url).status_code == 200, name
    listing = admin_client.get(reverse("admin:quiz_cardstate_changelist")).content.decode()
    assert "visitor (no account)" in listing
    assert visitor_card.visitor_key not in listing


def test_only_hand_written_questions_can_be_deleted_others_are_retired(admin_client):
    generated = QuestionFactory()
    manual = QuestionFactory(origin="manual", fingerprint="")

    delete = "admin:content_question_delete"
    assert (
        admin_client.post(reverse(delete, args=[generated.pk]), {"post": "yes"}).status_code == 403
    )
    assert b"deletelink" not in admin_client.get(change_url(generated)).content
    assert "delete_selected" not in actions_offered(admin_client.get(CHANGELIST))
    assert admin_client.post(reverse(delete, args=[manual.pk]), {"post": "yes"}).status_code == 302
    assert list(Question.objects.values_list("pk", flat=True)) == [generated.pk]
