"""The question form refuses what learners must never see: one test per rule.

Each test posts the real admin form (read from the page) with one thing wrong, and checks
the message and that nothing was saved.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from content.models import Question
from tests.factories import QuestionFactory, SentenceFactory, TopicFactory
from tests.test_admin_questions import change_url, form_data, page_text

pytestmark = pytest.mark.django_db


def post_change(client, question: Question, **overrides):
    data = form_data(client, change_url(question), **overrides)
    return client.post(change_url(question), data)


def refused(response, message: str) -> None:
    """The form came back with ``message`` and did not save."""
    assert response.status_code == 200, "the form should have been refused"
    assert "Please correct the error" in page_text(response)
    assert message in page_text(response)


def unchanged(question: Question) -> None:
    before = (question.prompt, question.answer, question.type, question.origin, question.status)
    choices = sorted(question.choices.values_list("text", "is_correct"))
    question.refresh_from_db()
    assert (
        question.prompt,
        question.answer,
        question.type,
        question.origin,
        question.status,
    ) == before
    assert sorted(question.choices.values_list("text", "is_correct")) == choices


# --- multiple choice --------------------------------------------------------------------------


def test_multiple_choice_needs_a_correct_choice(admin_client):
    question = QuestionFactory()
    response = post_change(admin_client, question, **{"choices-0-is_correct": None})
    refused(response, "Mark exactly one choice as correct (0 marked).")
    unchanged(question)


def test_multiple_choice_refuses_two_correct_choices(admin_client):
    question = QuestionFactory()
    response = post_change(admin_client, question, **{"choices-2-is_correct": "on"})
    refused(response, "Mark exactly one choice as correct (2 marked).")
    unchanged(question)


def test_multiple_choice_needs_at_least_two_wrong_choices(admin_client):
    question = QuestionFactory()
    response = post_change(
        admin_client, question, **{"choices-2-DELETE": "on", "choices-3-DELETE": "on"}
    )
    refused(response, "A multiple-choice question needs at least two wrong choices.")
    unchanged(question)


def test_multiple_choice_has_at_most_four_choices(admin_client):
    question = QuestionFactory()
    data = form_data(admin_client, change_url(question))
    data.update(
        {
            "choices-TOTAL_FORMS": "5",
            "choices-4-question": str(question.pk),
            "choices-4-text": "99",
            "choices-4-order": "4",
        }
    )
    response = admin_client.post(change_url(question), data)
    refused(response, "At most 4 choices: learners pick them with the keys A–D.")
    assert question.choices.count() == 4


def test_multiple_choice_refuses_choices_that_are_the_same_answer_once_normalized(admin_client):
    question = QuestionFactory(
        answer="Kim Jong-un",
        choices=[("Kim Jong-un", True), ("Moon Jae-in", False), ("Xi Jinping", False)],
    )
    response = post_change(admin_client, question, **{"choices-2-text": "kim jong un"})
    refused(response, "“Kim Jong-un” and “kim jong un” are the same answer once normalized.")
    unchanged(question)


def test_the_answer_of_a_multiple_choice_question_is_its_correct_choice(admin_client):
    question = QuestionFactory(answer="12")
    response = post_change(admin_client, question, answer="13")
    refused(response, "The answer must be the text of the correct choice (“12”).")
    unchanged(question)


# --- true or false ----------------------------------------------------------------------------


def test_a_true_false_answer_is_true_or_false(admin_client):
    question = QuestionFactory(type="true_false", answer="True", prompt="The report says so.")
    response = post_change(admin_client, question, answer="Maybe")
    refused(response, 'A true/false answer must be "True" or "False".')
    unchanged(question)


def test_a_true_false_answer_in_any_case_is_stored_as_written_canonically(admin_client):
    question = QuestionFactory(type="true_false", answer="True", prompt="The report says so.")
    response = post_change(
        admin_client,
        question,
        answer="false",
        **{"choices-0-is_correct": None, "choices-1-is_correct": "on"},
    )
    assert response.status_code == 302, page_text(response)
    question.refresh_from_db()
    assert question.answer == "False"


def test_true_false_choices_must_agree_with_the_answer(admin_client):
    question = QuestionFactory(type="true_false", answer="True", prompt="The report says so.")
    # The answer turns False but the correct choice stays "True".
    response = post_change(admin_client, question, answer="False")
    refused(response, 'The choices of a true/false question are "True" and "False"')
    unchanged(question)


def test_true_false_choices_are_only_true_and_false(admin_client):
    question = QuestionFactory(type="true_false", answer="True", prompt="The report says so.")
    response = post_change(admin_client, question, **{"choices-1-text": "Untrue"})
    refused(response, 'The choices of a true/false question are "True" and "False"')
    unchanged(question)


# --- fill in and flashcards -------------------------------------------------------------------


def test_a_fill_in_answer_must_be_one_the_grader_accepts_for_itself(admin_client):
    question = QuestionFactory(
        type="fill_in", choices=[], prompt="Testland held _____ prisoners.", answer="12"
    )
    response = post_change(admin_client, question, answer="?!")
    refused(response, "This answer could never be typed correctly")
    unchanged(question)


def test_a_fill_in_prompt_has_exactly_one_blank(admin_client):
    question = QuestionFactory(
        type="fill_in", choices=[], prompt="Testland held _____ prisoners.", answer="12"
    )
    response = post_change(admin_client, question, prompt="Testland held prisoners.")
    refused(response, "A fill-in question needs exactly one blank, _____.")
    unchanged(question)


def test_a_fill_in_question_has_no_choices(admin_client):
    question = QuestionFactory(answer="12", prompt="Testland held _____ prisoners.")
    response = post_change(admin_client, question, type="fill_in")
    refused(response, "A fill-in question has no choices: delete them.")
    unchanged(question)


def test_a_flashcard_has_no_choices(admin_client):
    question = QuestionFactory(answer="12")
    response = post_change(admin_client, question, type="flashcard")
    refused(response, "A flashcard question has no choices: delete them.")
    unchanged(question)


def test_turning_a_multiple_choice_question_into_a_fill_in_works_once_its_choices_go(
    admin_client,
):
    question = QuestionFactory(answer="12", prompt="Testland held _____ prisoners.")
    deletes = {f"choices-{i}-DELETE": "on" for i in range(4)}
    response = post_change(admin_client, question, type="fill_in", **deletes)
    assert response.status_code == 302, page_text(response)
    question.refresh_from_db()
    assert question.type == "fill_in"
    assert not question.choices.exists()


# --- every question ---------------------------------------------------------------------------


def test_a_question_is_filed_under_at_least_one_topic(admin_client):
    question = QuestionFactory()
    response = post_change(admin_client, question, topics=None)
    refused(response, "This field is required.")
    assert question.topics.count() == 1


def test_a_new_question_cannot_come_from_a_sentence_no_longer_in_the_text(admin_client):
    sentence = SentenceFactory(present=False)
    url = reverse("admin:content_question_add")
    data = form_data(
        admin_client,
        url,
        sentence=str(sentence.pk),
        type="flashcard",
        prompt="What is a kwanliso?",
        answer="A political prison camp.",
        explanation="The report explains it.",
        topics=[str(TopicFactory().pk)],
    )
    response = admin_client.post(url, data)
    refused(response, "This sentence is no longer in its report's text.")
    assert not Question.objects.exists()


def test_a_question_whose_source_is_gone_cannot_be_published(admin_client):
    question = QuestionFactory(status="needs_review", sentence__present=False)
    data = form_data(admin_client, change_url(question), _publish="Save and publish")
    response = admin_client.post(change_url(question), data)
    refused(response, "It can't be published: its source sentence is no longer in the report's")
    unchanged(question)


def test_an_unknown_type_or_status_is_refused_with_a_message(admin_client):
    question = QuestionFactory()
    response = post_change(admin_client, question, type="essay", status="deleted")
    refused(response, "Select a valid choice. essay is not one of the available choices.")
    unchanged(question)


def test_a_tampered_question_id_is_a_friendly_redirect_not_an_error(admin_client):
    response = admin_client.get(reverse("admin:content_question_change", args=["999999"]))
    assert response.status_code == 302  # Django's admin: back to the list with a message
    response = admin_client.get(reverse("admin:content_question_change", args=["abc"]))
    assert response.status_code in (302, 404)


def test_the_error_is_shown_next_to_the_choices(admin_client):
    question = QuestionFactory()
    response = post_change(admin_client, question, **{"choices-0-is_correct": None})
    soup = BeautifulSoup(response.content, "html.parser")
    errors = soup.select("#choices-group .errorlist")
    assert any("Mark exactly one choice" in e.get_text() for e in errors)
