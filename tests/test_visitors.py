"""Visitors study without an account and keep their work when they sign up or log in."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from quiz import scheduling
from quiz.models import Answer, CardState, QuizSession
from quiz.sessions import answer_submit, session_start
from quiz.visitors import SESSION_KEY, visitor_handover
from tests.factories import PASSWORD, QuestionFactory, StudentFactory

pytestmark = pytest.mark.django_db


def visitor_quiz(client: Client, length: int = 5) -> QuizSession:
    response = client.post(reverse("quiz_start"), {"length": length})
    assert response.status_code == 302
    return QuizSession.objects.get(visitor_key=client.session[SESSION_KEY])


def answer_first(client: Client, session: QuizSession) -> Answer:
    question = session.items.order_by("position").first().question
    client.post(
        reverse("session_answer", args=[session.pk]),
        {"question": question.pk, "response": "A"},
    )
    return Answer.objects.get(session=session, question=question)


def test_a_visitor_can_start_and_answer_a_quiz():
    QuestionFactory.create_batch(6)
    client = Client()

    session = visitor_quiz(client)
    answer = answer_first(client, session)

    assert session.user is None and len(session.visitor_key) >= 32
    assert answer.user is None
    assert CardState.objects.filter(visitor_key=session.visitor_key).count() == 1


def test_signing_up_hands_the_visitors_sessions_answers_and_cards_to_the_new_account():
    QuestionFactory.create_batch(6)
    client = Client()
    session = visitor_quiz(client)
    answer_first(client, session)

    response = client.post(
        reverse("signup"),
        {"username": "newcomer", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 302
    session.refresh_from_db()
    assert session.user.username == "newcomer"
    assert session.visitor_key == ""
    assert Answer.objects.get(session=session).user == session.user
    assert CardState.objects.get().user == session.user
    assert SESSION_KEY not in client.session
    # The account goes on with the same quiz.
    assert client.get(reverse("session_detail", args=[session.pk])).status_code == 200


def test_logging_in_hands_the_work_over_too():
    QuestionFactory.create_batch(6)
    user = StudentFactory(username="returning")
    client = Client()
    session = visitor_quiz(client)

    client.post(reverse("login"), {"username": "returning", "password": PASSWORD})

    session.refresh_from_db()
    assert session.user == user


def test_the_users_own_card_wins_over_the_visitors_for_the_same_question():
    user = StudentFactory()
    shared, only_visitor = QuestionFactory.create_batch(2)
    now = timezone.now()
    users_card = CardState.objects.create(
        user=user,
        question=shared,
        **scheduling.card_columns(scheduling.review(None, 4, now)),
        reviews=5,
    )
    visitor = session_start(visitor_key="vk", length=2, questions=[shared, only_visitor])
    answer_submit(session=visitor, question=shared, response="B")
    answer_submit(session=visitor, question=only_visitor, response="A")

    visitor_handover(visitor_key="vk", user=user)

    cards = {c.question_id: c for c in CardState.objects.all()}
    assert set(cards) == {shared.pk, only_visitor.pk}
    assert cards[shared.pk].pk == users_card.pk and cards[shared.pk].reviews == 5
    assert cards[only_visitor.pk].user == user and cards[only_visitor.pk].visitor_key == ""
    # The grade mastery reads goes with the card.
    handed = Answer.objects.get(question=only_visitor)
    assert cards[only_visitor.pk].last_rating == handed.rating
    assert not CardState.objects.filter(user__isnull=True).exists()


def test_another_visitors_work_is_left_alone():
    QuestionFactory.create_batch(2)
    user = StudentFactory()
    theirs = session_start(visitor_key="someone-else", length=1)

    visitor_handover(visitor_key="mine", user=user)

    theirs.refresh_from_db()
    assert theirs.user is None and theirs.visitor_key == "someone-else"


def test_logging_in_without_visitor_work_changes_nothing(student):
    client = Client()

    response = client.post(reverse("login"), {"username": student.username, "password": PASSWORD})

    assert response.status_code == 302
    assert not QuizSession.objects.exists()


def test_a_visitor_cannot_open_another_visitors_session():
    QuestionFactory.create_batch(6)
    first, second = Client(), Client()
    session = visitor_quiz(first)
    visitor_quiz(second)

    assert second.get(reverse("session_detail", args=[session.pk])).status_code == 404
    response = second.post(
        reverse("session_answer", args=[session.pk]),
        {"question": session.items.first().question_id, "response": "A"},
    )
    assert response.status_code == 404
    assert not Answer.objects.filter(session=session).exists()


def test_a_visitors_due_cards_can_be_reviewed():
    question = QuestionFactory()
    session = session_start(visitor_key="vk", length=1, questions=[question])
    answer_submit(session=session, question=question, response="B")
    CardState.objects.update(due=timezone.now() - timedelta(minutes=1))

    review = session_start(visitor_key="vk", mode="review", length=5)

    assert review.items.get().question == question
