"""make bench, progress section: the home page, the progress page and the reader at scale.

A bank of 1,000 published questions and one learner with 5,000 answers and 600 cards;
prints ``bench: VIEW queries=N ms=MEDIAN`` per view (median over repeated requests through
Django's test client). ``build_history`` is also the fixture of the query-count tests.
"""

from __future__ import annotations

import random
from datetime import timedelta

BANK_SIZE = 1_000
HISTORY_ANSWERS = 5_000
HISTORY_CARDS = 600
ANSWERS_PER_SESSION = 20
REPEAT = 15


def build_bank(report, *, size: int = BANK_SIZE) -> list:
    """Top the report's bank up to ``size`` published questions, spread over its sentences
    and topics (bulk inserts, so building it takes a second, not minutes)."""
    from content.models import Question, Sentence, Topic

    sentences = list(Sentence.objects.filter(report=report, present=True).order_by("position"))
    topics = list(Topic.objects.order_by("position", "pk"))
    missing = size - Question.objects.filter(report=report, status="published").count()
    types = ["multiple_choice", "true_false", "fill_in", "flashcard"]
    made = Question.objects.bulk_create(
        Question(
            report=report,
            sentence=sentences[i % len(sentences)],
            type=types[i % len(types)],
            prompt=f"According to the report, bench question {i}?",
            answer="True" if types[i % len(types)] == "true_false" else f"answer {i}",
            status="published",
            origin="manual",
            fingerprint=f"bench-{report.pk}-{i}",
        )
        for i in range(max(0, missing))
    )
    links = Question.topics.through
    links.objects.bulk_create(
        links(question_id=question.pk, topic_id=topics[i % len(topics)].pk)
        for i, question in enumerate(made)
    )
    return list(Question.objects.filter(report=report, status="published").order_by("pk"))


def build_history(
    user,
    questions: list,
    *,
    now,
    answers: int = HISTORY_ANSWERS,
    cards: int = HISTORY_CARDS,
    seed: int = 4,
) -> None:
    """``answers`` answers over the last 60 days in sessions of 20, and ``cards`` card states
    (a third of them due now), all owned by ``user``."""
    from quiz.models import Answer, CardState, QuizSession
    from quiz.scheduling import card_columns, review

    rng = random.Random(seed)
    session_count = answers // ANSWERS_PER_SESSION
    sessions = QuizSession.objects.bulk_create(
        QuizSession(
            user=user,
            mode="quiz",
            shuffle_seed=n,
            length=ANSWERS_PER_SESSION,
            answered_count=ANSWERS_PER_SESSION,
            finished_at=now - timedelta(days=n % 60),
        )
        for n in range(session_count)
    )
    rows = []
    for n, session in enumerate(sessions):
        asked = rng.sample(questions, ANSWERS_PER_SESSION)
        for k, question in enumerate(asked):
            correct = rng.random() < 0.7
            rows.append(
                Answer(
                    session=session,
                    question=question,
                    user=user,
                    response="x",
                    is_correct=correct,
                    rating=3 if correct else 1,
                    answered_at=now - timedelta(days=n % 60, minutes=k),
                )
            )
    Answer.objects.bulk_create(rows, batch_size=1000)
    states = []
    for i, question in enumerate(questions[:cards]):
        reviewed_at = now - timedelta(days=1 + i % 40)
        rating = 3 if i % 4 else 1
        columns = card_columns(review(None, rating, reviewed_at), rating=rating)
        # A third due now, the rest over the coming weeks.
        due_in = timedelta(hours=-1) if i % 3 == 0 else timedelta(days=1 + i % 20)
        columns["due"] = now + due_in
        states.append(CardState(user=user, question=question, reviews=1, lapses=0, **columns))
    CardState.objects.bulk_create(states, batch_size=1000)


def run() -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from content.services import report_import
    from tests.bench import SEED_PATH, median_ms
    from tests.factories import StudentFactory

    report = report_import(
        raw_text=SEED_PATH.read_text(encoding="utf-8"), slug="bench-progress"
    ).report
    questions = build_bank(report)
    student = StudentFactory(username="bench-progress-student")
    build_history(student, questions, now=timezone.now())
    if connection.vendor == "postgresql":
        # Fresh bulk inserts have no planner statistics yet; autovacuum would gather them
        # within a minute on a real database, and without them the plans are not the real ones.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    client = Client()
    client.force_login(student)

    pages = {
        "home": reverse("home"),
        "progress": reverse("progress"),
        "reader": reverse("reader", args=[report.slug]) + f"?highlight={questions[0].sentence_id}",
    }
    for name, url in pages.items():
        assert client.get(url).status_code == 200, name  # warm up; and it must work
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        # Counted now: the captured list is read from the connection's log, which the
        # next request clears.
        queries = len(captured)
        ms = median_ms(lambda url=url: client.get(url), repeat=REPEAT)
        print(f"bench: {name} queries={queries} ms={ms:.1f}", flush=True)
