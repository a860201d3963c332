"""The question list's actions: publish, send to review, retire, regenerate, export."""

from __future__ import annotations

import csv
import io
import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.urls import reverse

from content import pipeline
from content.models import Choice, Question
from tests.factories import AnswerFactory, FlagFactory, QuestionFactory
from tests.test_admin_questions import import_seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed(db):
    return import_seed()


CHANGELIST = reverse("admin:content_question_changelist")


def run_action(client, action: str, questions, follow: bool = True):
    return client.post(
        CHANGELIST,
        {"action": action, ACTION_CHECKBOX_NAME: [q.pk for q in questions], "index": 0},
        follow=follow,
    )


def messages_of(response) -> list[str]:
    """The messages shown after the action, as text (links reduced to their words)."""
    return [BeautifulSoup(str(m), "html.parser").get_text() for m in response.context["messages"]]


def status_of(question: Question) -> tuple[str, str]:
    question.refresh_from_db()
    return question.status, question.origin


# --- publish ----------------------------------------------------------------------------------


def test_publish_publishes_held_questions_that_pass_validation(admin_client, admin_user):
    held = QuestionFactory(status="needs_review", review_reasons=["malformed_stem"])

    response = run_action(admin_client, "publish", [held])

    assert status_of(held) == ("published", "edited")
    assert held.review_reasons == []
    assert "Published 1 question." in messages_of(response)
    entry = LogEntry.objects.get(object_id=str(held.pk))
    assert (entry.user, entry.change_message) == (admin_user, "Published (list action).")


def test_publish_skips_questions_that_fail_validation_and_says_which_and_why(admin_client):
    good = QuestionFactory(status="needs_review")
    twins = QuestionFactory(
        status="needs_review",
        answer="Kim Jong-un",
        choices=[("Kim Jong-un", True), ("Kim Jong Un", False), ("Moon Jae-in", False)],
    )
    gone = QuestionFactory(status="needs_review", sentence__present=False)

    response = run_action(admin_client, "publish", [good, twins, gone])

    assert status_of(good)[0] == "published"
    assert status_of(twins) == ("needs_review", "generated")
    assert status_of(gone) == ("needs_review", "generated")
    [warning] = [m for m in messages_of(response) if m.startswith("Skipped")]
    assert warning.startswith("Skipped 2 questions that don't pass validation")
    assert f"#{twins.pk}: “Kim Jong-un” and “Kim Jong Un” are the same answer" in warning
    assert f"#{gone.pk}: Its source sentence is no longer in the report's text." in warning
    links = BeautifulSoup(str(list(response.context["messages"])[-1]), "html.parser")
    assert [a["href"] for a in links.find_all("a")] == [
        reverse("admin:content_question_change", args=[q.pk]) for q in (twins, gone)
    ]
    assert not LogEntry.objects.filter(object_id__in=[str(twins.pk), str(gone.pk)]).exists()


def test_publish_says_which_questions_were_already_published(admin_client):
    published = QuestionFactory()
    response = run_action(admin_client, "publish", [published])
    assert status_of(published) == ("published", "generated")
    assert any(m.startswith("1 was already published") for m in messages_of(response))


def test_publishing_a_hand_written_question_keeps_it_manual(admin_client):
    manual = QuestionFactory(status="needs_review", origin="manual", fingerprint="")
    run_action(admin_client, "publish", [manual])
    assert status_of(manual) == ("published", "manual")


# --- send to review, retire -------------------------------------------------------------------


def test_send_to_review_takes_questions_away_from_learners(admin_client):
    question = QuestionFactory()
    response = run_action(admin_client, "send_to_review", [question])
    # The admin's decision: a re-import's gate will not publish it again.
    assert status_of(question) == ("needs_review", "edited")
    assert "Sent 1 question to review; learners no longer see them." in messages_of(response)


def test_retire_retires_and_keeps_answered_questions(admin_client):
    question = QuestionFactory()
    AnswerFactory(question=question)
    response = run_action(admin_client, "retire", [question, QuestionFactory()])
    assert status_of(question)[0] == "retired"
    assert question.answers.count() == 1
    assert "Retired 2 questions; imports will not bring them back." in messages_of(response)


# --- regenerate -------------------------------------------------------------------------------


def _generated(report, fingerprint: str) -> pipeline.types.Question:
    bank = pipeline.build_bank(report.raw_text, title=report.title, period=report.period)
    return next(item for item in bank.questions if item.fingerprint == fingerprint)


def test_regenerate_rewrites_a_generated_question_from_its_source(admin_client, seed):
    question = seed.report.questions.filter(type="multiple_choice", status="published").first()
    item = _generated(seed.report, question.fingerprint)
    # As an older generator might have left it: other wording, another distractor.
    Question.objects.filter(pk=question.pk).update(prompt="An old prompt?")
    Choice.objects.filter(question=question, is_correct=False).first().delete()

    response = run_action(admin_client, "regenerate", [question])

    question.refresh_from_db()
    assert question.prompt == item.prompt
    assert [(c.text, c.is_correct) for c in question.choices.order_by("order")] == [
        (c.text, c.is_correct) for c in item.choices
    ]
    assert (question.status, question.origin) == ("published", "generated")
    assert "Regenerated 1 question: 1 changed, 0 already as the generator makes them." in (
        messages_of(response)
    )


def test_regenerate_skips_edited_questions_and_says_so(admin_client, seed):
    question = seed.report.questions.filter(status="published").first()
    Question.objects.filter(pk=question.pk).update(prompt="An admin's prompt?", origin="edited")

    response = run_action(admin_client, "regenerate", [question])

    question.refresh_from_db()
    assert question.prompt == "An admin's prompt?"
    [warning] = messages_of(response)
    assert warning.startswith(
        "Skipped 1 question edited or written by an admin (regenerating would undo their work)"
    )
    assert f"#{question.pk}" in warning


def test_regenerate_says_when_the_generator_no_longer_produces_a_question(admin_client, seed):
    question = QuestionFactory(sentence__section__report=seed.report, fingerprint="not-made")
    response = run_action(admin_client, "regenerate", [question])
    question.refresh_from_db()
    assert question.status == "published"
    assert any(
        m.startswith("Skipped 1 question the generator no longer produces; left as they were")
        for m in messages_of(response)
    )


def test_regenerate_keeps_a_question_with_open_learner_flags_in_review(admin_client, seed):
    question = seed.report.questions.filter(status="published").first()
    Question.objects.filter(pk=question.pk).update(
        status="needs_review", review_reasons=["flagged_by_learners"]
    )
    FlagFactory(question=question)

    run_action(admin_client, "regenerate", [question])

    question.refresh_from_db()
    assert question.status == "needs_review"
    assert question.review_reasons == ["flagged_by_learners"]


def test_regenerate_leaves_retired_questions_retired(admin_client, seed):
    question = seed.report.questions.filter(status="published").first()
    Question.objects.filter(pk=question.pk).update(status="retired", prompt="Old?")
    response = run_action(admin_client, "regenerate", [question])
    question.refresh_from_db()
    assert (question.status, question.prompt) == ("retired", "Old?")
    assert any(m.startswith("Skipped 1 question retired") for m in messages_of(response))


# --- export -----------------------------------------------------------------------------------


def _export_bank(*args: str) -> str:
    out = io.StringIO()
    call_command("export_bank", *args, stdout=out)
    return out.getvalue()


def test_exporting_every_question_as_json_gives_what_export_bank_gives(admin_client, seed):
    response = run_action(admin_client, "export_json", seed.report.questions.all(), follow=False)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="reportcard-bank-')
    assert response["Content-Disposition"].endswith('.json"')
    assert json.loads(response.content) == json.loads(_export_bank("--format", "json"))


def test_exporting_every_question_as_csv_gives_what_export_bank_gives(admin_client, seed):
    response = run_action(admin_client, "export_csv", seed.report.questions.all(), follow=False)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode("utf-8") == _export_bank("--format", "csv")


def test_exporting_a_selection_exports_only_those_questions_in_the_same_format(admin_client, seed):
    chosen = list(seed.report.questions.filter(type="fill_in")[:3])

    response = run_action(admin_client, "export_csv", chosen, follow=False)

    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert sorted(int(r["id"]) for r in rows) == sorted(q.pk for q in chosen)
    full = {r["id"]: r for r in csv.DictReader(io.StringIO(_export_bank("--format", "csv")))}
    assert all(row == full[row["id"]] for row in rows)

    data = json.loads(run_action(admin_client, "export_json", chosen, follow=False).content)
    assert [r["slug"] for r in data["reports"]] == [seed.report.slug]
    assert sorted(q["id"] for q in data["questions"]) == sorted(q.pk for q in chosen)


def test_the_export_says_what_it_left_out(admin_client):
    kept, gone = QuestionFactory(), QuestionFactory(sentence__present=False)

    response = run_action(admin_client, "export_json", [kept, gone], follow=False)

    assert [q["id"] for q in json.loads(response.content)["questions"]] == [kept.pk]
    follow_up = admin_client.get(CHANGELIST)
    assert (
        "The export left out 1 question whose source sentence is no longer in its report's text."
        in messages_of(follow_up)
    )


def test_an_action_on_tampered_ids_changes_nothing(admin_client):
    question = QuestionFactory(status="needs_review")
    response = admin_client.post(
        CHANGELIST,
        {"action": "publish", ACTION_CHECKBOX_NAME: [str(question.pk), "abc"], "index": 0},
    )
    assert response.status_code == 400
    assert b"nothing was done" in response.content
    assert status_of(question)[0] == "needs_review"


def test_an_action_on_ids_that_do_not_exist_does_nothing(admin_client):
    response = admin_client.post(
        CHANGELIST, {"action": "publish", ACTION_CHECKBOX_NAME: ["999999"], "index": 0}
    )
    assert response.status_code == 302
    assert not Question.objects.exists()
