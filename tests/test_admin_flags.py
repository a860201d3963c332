"""Learner flags in the admin: shown on the question with counts, resolvable on the
question's page and from the flag list; enough of them put a question in the queue."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from quiz.flags import flag_create
from quiz.models import Flag
from tests.factories import FlagFactory, QuestionFactory, StaffFactory, StudentFactory
from tests.test_admin_questions import change_url, form_data, page_text

pytestmark = pytest.mark.django_db

FLAGS = reverse("admin:quiz_flag_changelist")


def inline_rows(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        " ".join(r.get_text(" ").split()) for r in soup.select("#flags-group tbody tr.form-row")
    ]


def test_the_question_page_lists_its_flags_open_first_with_the_count(admin_client):
    question = QuestionFactory()
    FlagFactory(
        question=question,
        reason="wrong_answer",
        comment="The report says 23.",
        resolved_at=timezone.now(),
    )
    FlagFactory(question=question, reason="unclear", comment="Which year?")
    FlagFactory(question=question, reason="typo")

    response = admin_client.get(change_url(question))

    assert "Not answered yet; 2 open flags." in page_text(response)
    assert "2 open flags from learners" in page_text(response)
    rows = inline_rows(response)
    assert len(rows) == 3
    assert ["Open" in r for r in rows] == [True, True, False]
    assert "The question is unclear Which year?" in " ".join(rows)
    assert "The answer is wrong The report says 23. Resolved by" in rows[2]


def test_ticking_resolve_on_the_question_page_resolves_that_flag(admin_client, admin_user):
    question = QuestionFactory()
    flag = FlagFactory(question=question)
    other = FlagFactory(question=question)
    index = next(
        i
        for i in range(2)
        if form_data(admin_client, change_url(question)).get(f"flags-{i}-id") == str(flag.pk)
    )
    data = form_data(admin_client, change_url(question), **{f"flags-{index}-resolve": "on"})

    response = admin_client.post(change_url(question), data)

    assert response.status_code == 302, page_text(response)
    flag.refresh_from_db()
    other.refresh_from_db()
    assert flag.resolved_by == admin_user and flag.resolved_at is not None
    assert other.resolved_at is None
    question.refresh_from_db()
    assert question.origin == "generated"  # resolving a flag is not an edit of the question
    entry = LogEntry.objects.get(object_id=str(question.pk))
    assert entry.get_change_message().startswith("Changed Resolve for flag")


def test_a_flag_of_another_question_cannot_be_resolved_through_this_one(admin_client):
    question = QuestionFactory()
    mine = FlagFactory(question=question)
    foreign = FlagFactory()
    data = form_data(
        admin_client,
        change_url(question),
        **{"flags-0-id": str(foreign.pk), "flags-0-resolve": "on"},
    )

    admin_client.post(change_url(question), data)

    foreign.refresh_from_db()
    mine.refresh_from_db()
    assert foreign.resolved_at is None and mine.resolved_at is None


def test_the_flag_list_resolves_the_selected_open_flags(admin_client, admin_user):
    earlier = timezone.now() - timezone.timedelta(days=3)
    open_flag = FlagFactory()
    done = FlagFactory(resolved_at=earlier)

    response = admin_client.post(
        FLAGS,
        {"action": "resolve", ACTION_CHECKBOX_NAME: [open_flag.pk, done.pk], "index": 0},
        follow=True,
    )

    open_flag.refresh_from_db()
    done.refresh_from_db()
    assert open_flag.resolved_by == admin_user
    assert done.resolved_at == earlier  # an old resolution is not rewritten
    assert "Resolved 1 flag." in page_text(response)
    assert LogEntry.objects.filter(object_id=str(open_flag.pk)).count() == 1


def test_the_flag_list_shows_the_question_and_filters_open_and_resolved(admin_client):
    question = QuestionFactory(prompt="According to the report, how many camps are there?")
    FlagFactory(question=question, comment="Open one")
    FlagFactory(comment="Resolved one", resolved_at=timezone.now())

    response = admin_client.get(f"{FLAGS}?state=open")

    soup = BeautifulSoup(response.content, "html.parser")
    [row] = soup.select("#result_list tbody tr")
    assert "Open one" in row.get_text()
    link = row.select_one(".field-question_link a")
    assert link["href"] == change_url(question)
    assert link.get_text() == question.prompt
    assert "Resolved one" in admin_client.get(f"{FLAGS}?state=resolved").content.decode()


def test_flags_cannot_be_added_in_the_admin(admin_client):
    assert admin_client.get(reverse("admin:quiz_flag_add")).status_code == 403


def test_a_question_reaching_the_threshold_appears_in_the_review_queue(admin_client, settings):
    settings.REPORTCARD_FLAG_THRESHOLD = 2
    question = QuestionFactory(prompt="According to the report, how many were flagged?")
    flag_create(question=question, user=StudentFactory(), reason="unclear")
    queue = reverse("admin:content_question_review")
    assert question.prompt not in page_text(admin_client.get(queue, follow=True))

    flag_create(question=question, user=StudentFactory(), reason="wrong_answer")

    assert question.prompt in page_text(admin_client.get(queue, follow=True))
    page = page_text(admin_client.get(change_url(question)))
    assert "Learners reported problems with it" in page
    assert "2 open flags" in page


def test_resolving_flags_leaves_the_status_for_the_admin_to_decide(admin_client, settings):
    settings.REPORTCARD_FLAG_THRESHOLD = 1
    question = QuestionFactory()
    flag_create(question=question, user=StudentFactory(), reason="typo")
    admin_client.post(
        FLAGS,
        {"action": "resolve", ACTION_CHECKBOX_NAME: [f.pk for f in Flag.objects.all()]},
    )
    question.refresh_from_db()
    assert question.status == "needs_review"
    assert not Flag.objects.filter(resolved_at__isnull=True).exists()


def test_staff_who_may_only_view_flags_see_them_without_a_resolve_box(client):
    staff = StaffFactory(
        permissions=["content.view_question", "content.change_question", "quiz.view_flag"]
    )
    client.force_login(staff)
    question = QuestionFactory()
    FlagFactory(question=question)

    response = client.get(change_url(question))

    assert response.status_code == 200
    assert len(inline_rows(response)) == 1
    assert b'name="flags-0-resolve"' not in response.content
    response = client.post(FLAGS, {"action": "resolve", ACTION_CHECKBOX_NAME: [1]})
    assert not Flag.objects.filter(resolved_at__isnull=False).exists()
