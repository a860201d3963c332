"""Counters and card states stay exact when many requests arrive at once.

On PostgreSQL each test releases N threads together (a barrier), each with its own
connection, so the row locks and F() updates are really raced. SQLite serializes
writers on the whole file, so there the same calls run one after another; the
assertions are the same exact counts on both engines.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from quiz import scheduling
from quiz.flags import flag_create
from quiz.models import Answer, CardState, Flag, QuizSession
from quiz.sessions import answer_submit, card_grade, lettered_choices, session_start
from tests.factories import QuestionFactory, StudentFactory

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 8


def run_together(calls: list[Callable[[], object]]) -> list[object]:
    """Run the calls concurrently on PostgreSQL, sequentially elsewhere; re-raise failures."""
    if connection.vendor != "postgresql":
        return [call() for call in calls]
    barrier = threading.Barrier(len(calls))

    def in_thread(call):
        try:
            barrier.wait(timeout=10)
            return call()
        finally:
            connection.close()  # each thread opened its own connection

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        futures = [pool.submit(in_thread, call) for call in calls]
        return [future.result(timeout=60) for future in futures]


def test_concurrent_answers_to_one_session_count_exactly_and_finish_it_once():
    student = StudentFactory()
    questions = QuestionFactory.create_batch(THREADS)
    session = session_start(user=student, length=THREADS, questions=questions)
    right = {
        q.pk: next(k for k, c in lettered_choices(session, q) if c.is_correct) for q in questions
    }
    # Every other answer right.
    responses = {
        q.pk: right[q.pk] if i % 2 == 0 else ("B" if right[q.pk] == "A" else "A")
        for i, q in enumerate(questions)
    }

    def answer(question):
        fresh = QuizSession.objects.get(pk=session.pk)
        return answer_submit(session=fresh, question=question, response=responses[question.pk])

    run_together([lambda q=q: answer(q) for q in questions])

    session.refresh_from_db()
    assert session.answered_count == THREADS
    assert session.correct_count == THREADS // 2
    assert session.is_finished
    assert Answer.objects.filter(session=session).count() == THREADS
    assert Answer.objects.filter(session=session, is_correct=True).count() == THREADS // 2


def test_the_same_answer_posted_at_once_is_recorded_once():
    student = StudentFactory()
    question = QuestionFactory()
    session = session_start(user=student, length=2, questions=[question, QuestionFactory()])

    def answer():
        fresh = QuizSession.objects.get(pk=session.pk)
        return answer_submit(session=fresh, question=question, response="A").pk

    ids = run_together([answer] * THREADS)

    assert len(set(ids)) == 1
    session.refresh_from_db()
    assert session.answered_count == 1
    assert CardState.objects.get(user=student, question=question).reviews == 1


def test_one_card_reviewed_from_many_sessions_at_once_counts_every_review():
    student = StudentFactory()
    question = QuestionFactory(type="flashcard", answer="political prison camps", choices=[])
    decks = [
        session_start(user=student, mode="flashcards", length=1, questions=[question])
        for _ in range(THREADS)
    ]

    run_together([lambda d=d: card_grade(session=d, question=question, rating=3) for d in decks])

    state = CardState.objects.get(user=student, question=question)
    assert state.reviews == THREADS
    # No review was lost: the card is what N reviews in a row make of it (same-day
    # reviews change stability and difficulty by the grade alone, not by the clock).
    expected = None
    for _ in range(THREADS):
        expected = scheduling.review(expected, 3, state.last_review)
    assert state.stability == pytest.approx(expected["stability"])
    assert state.difficulty == pytest.approx(expected["difficulty"])
    assert CardState.objects.filter(question=question).count() == 1
    assert Answer.objects.filter(question=question).count() == THREADS


def test_concurrent_http_answers_through_the_views_count_exactly():
    student = StudentFactory()
    questions = QuestionFactory.create_batch(THREADS, type="fill_in", answer="songbun", choices=[])
    session = session_start(user=student, length=THREADS, questions=questions)

    def post(question):
        client = Client()
        client.force_login(student)
        response = client.post(
            reverse("session_answer", args=[session.pk]),
            {"question": question.pk, "response": "songbun"},
            HTTP_HX_REQUEST="true",
        )
        return response.status_code

    codes = run_together([lambda q=q: post(q) for q in questions])

    assert codes == [200] * THREADS
    session.refresh_from_db()
    assert (session.answered_count, session.correct_count) == (THREADS, THREADS)
    assert CardState.objects.filter(user=student).count() == THREADS


def test_concurrent_flags_reach_the_threshold_exactly_once(settings):
    settings.REPORTCARD_FLAG_THRESHOLD = 3
    question = QuestionFactory()
    learners = StudentFactory.create_batch(THREADS)

    run_together(
        [lambda u=u: flag_create(question=question, user=u, reason="typo") for u in learners]
    )

    question.refresh_from_db()
    assert Flag.objects.filter(question=question).count() == THREADS
    assert question.status == "needs_review"
    assert question.review_reasons.count("flagged_by_learners") == 1
