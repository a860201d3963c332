"""make bench, learner section: the quiz and flashcard views against a big bank and history.

A bank of 1,000 published questions (multiple choice with four choices, true/false, fill-in,
flashcards) and one learner with 5,000 answers in 250 finished quizzes and a card for every
question. Prints ``bench: VIEW queries=N ms=MEDIAN`` per view (median over repeated requests
through Django's test client). ``build_bank`` and ``build_history`` are also the fixture of
tests/test_learner_queries.py.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

BANK_SIZE = 1_000
HISTORY_ANSWERS = 5_000
PER_SESSION = 20
REPEAT = 15
TYPES = ["multiple_choice"] * 7 + ["true_false"] * 5 + ["fill_in"] * 5 + ["flashcard"] * 3


def build_bank(*, size: int = BANK_SIZE, seed: int = 7) -> list:
    """A report of 100 sentences in 6 sections with ``size`` published questions on 9 topics,
    all made with bulk inserts (a second, not minutes)."""
    from django.utils import timezone

    from content.models import Choice, Question, Report, Section, Sentence, Topic

    rng = random.Random(seed)
    tag = f"{size}-{rng.randrange(10**9)}"
    sentence_text = (
        "Between January and September {n}, according to the report, {k} people reached "
        "the border after walking for several nights through the mountains, and many of "
        "them said that officials had taken their savings before letting them go."
    )
    report = Report.objects.create(
        slug=f"learner-bench-{tag}",
        title="Benchland",
        period="Events of 2018",
        raw_text="Benchland",
        cleaned_text="Benchland",
        checksum=f"{rng.randrange(16**16):016x}",
        generator_version="bench",
        imported_at=timezone.now(),
    )
    sections = Section.objects.bulk_create(
        Section(report=report, order=i, heading=f"Section {i}", start=0, end=1) for i in range(6)
    )
    sentences = Sentence.objects.bulk_create(
        Sentence(
            report=report,
            section=sections[i % len(sections)],
            position=i,
            text=sentence_text.format(n=2000 + i, k=100 + i),
            start=i * 300,
            end=i * 300 + 250,
        )
        for i in range(100)
    )
    topics = [
        Topic.objects.get_or_create(slug=f"bench-topic-{i}", defaults={"name": f"Topic {i}"})[0]
        for i in range(9)
    ]
    questions = Question.objects.bulk_create(
        Question(
            report=report,
            sentence=sentences[i % len(sentences)],
            type=TYPES[i % len(TYPES)],
            prompt=f"According to the report, how many people reached the border ({i})?",
            answer=_answer(TYPES[i % len(TYPES)], i),
            explanation=f"The report says {100 + i % 100}.",
            status="published",
            origin="manual",
            fingerprint=f"learner-bench-{tag}-{i}",
        )
        for i in range(size)
    )
    choices = []
    for i, question in enumerate(questions):
        if question.type == "multiple_choice":
            texts = [question.answer, *(f"{200 + i + k}" for k in range(1, 4))]
            rng.shuffle(texts)
            choices += [
                Choice(question=question, text=t, is_correct=t == question.answer, order=o)
                for o, t in enumerate(texts)
            ]
        elif question.type == "true_false":
            choices += [
                Choice(question=question, text="True", is_correct=question.answer == "True"),
                Choice(question=question, text="False", is_correct=question.answer == "False"),
            ]
    Choice.objects.bulk_create(choices, batch_size=1000)
    links = Question.topics.through
    links.objects.bulk_create(
        [
            links(question_id=q.pk, topic_id=topics[i % len(topics)].pk)
            for i, q in enumerate(questions)
        ]
        + [
            links(question_id=q.pk, topic_id=topics[(i + 1) % len(topics)].pk)
            for i, q in enumerate(questions)
            if i % 3 == 0
        ],
        batch_size=1000,
    )
    return questions


def _answer(kind: str, i: int) -> str:
    if kind == "true_false":
        return "True" if i % 2 else "False"
    if kind == "flashcard":
        return f"meaning number {i}"
    return str(100 + i % 100) + ("" if kind == "fill_in" else f" ({i})")


def build_history(user, questions: list, *, now, answers: int = HISTORY_ANSWERS, seed: int = 3):
    """``answers`` answers in finished sessions of 20 over 60 days, and a card per question
    answered (a third of them due now), all owned by ``user``."""
    from quiz.models import Answer, CardState, QuizSession, SessionItem
    from quiz.scheduling import card_columns, review

    rng = random.Random(seed)
    quiz_questions = [q for q in questions if q.type != "flashcard"]
    sessions = QuizSession.objects.bulk_create(
        QuizSession(
            user=user,
            mode="quiz",
            shuffle_seed=n,
            length=PER_SESSION,
            answered_count=PER_SESSION,
            correct_count=0,
            finished_at=now - timedelta(days=n % 60),
        )
        for n in range(answers // PER_SESSION)
    )
    items, rows, seen = [], [], set()
    for n, session in enumerate(sessions):
        for k, question in enumerate(rng.sample(quiz_questions, PER_SESSION)):
            correct = rng.random() < 0.7
            seen.add(question)
            items.append(SessionItem(session=session, question=question, position=k + 1))
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
    SessionItem.objects.bulk_create(items, batch_size=1000)
    Answer.objects.bulk_create(rows, batch_size=1000)
    states = []
    for i, question in enumerate(sorted(seen, key=lambda q: q.pk)):
        rating = 3 if i % 4 else 1
        columns = card_columns(
            review(None, rating, now - timedelta(days=1 + i % 40)), rating=rating
        )
        columns["due"] = now + (timedelta(hours=-1) if i % 3 == 0 else timedelta(days=1 + i % 20))
        states.append(CardState(user=user, question=question, reviews=1, **columns))
    CardState.objects.bulk_create(states, batch_size=1000)


@dataclass
class Scene:
    """A learner in the middle of things: a long quiz half done, a quiz finished, a deck
    begun. ``to_answer`` and ``to_grade`` are the questions still open, in order, so that
    each measured answer or grade is a fresh one, not a replay."""

    quiz: object
    to_answer: list
    finished: object
    deck: object
    to_grade: list


def build_scene(user, questions: list) -> Scene:
    from quiz.sessions import MAX_LENGTH, answer_submit, card_grade, session_start

    quiz_questions = [q for q in questions if q.type != "flashcard"]
    card_questions = [q for q in questions if q.type != "true_false"]
    quiz = session_start(user=user, length=MAX_LENGTH, questions=quiz_questions[-MAX_LENGTH:])
    items = [i.question for i in quiz.items.select_related("question").order_by("position")]
    for question in items[:10]:
        answer_submit(session=quiz, question=question, response=_any(question))
    finished = session_start(user=user, length=20, topics=list(questions[0].topics.all()))
    for item in finished.items.select_related("question").order_by("position"):
        answer_submit(session=finished, question=item.question, response=_any(item.question))
    deck = session_start(
        user=user,
        mode="flashcards",
        length=MAX_LENGTH,
        questions=card_questions[-MAX_LENGTH:],
    )
    cards = [i.question for i in deck.items.select_related("question").order_by("position")]
    card_grade(session=deck, question=cards[0], rating=3)
    return Scene(quiz=quiz, to_answer=items[10:], finished=finished, deck=deck, to_grade=cards[1:])


def _any(question) -> str:
    return {"multiple_choice": "B", "true_false": "False"}.get(question.type, "100")


def requests_for(scene: Scene) -> dict:
    """The measured learner views: name -> a function giving (method, url, data, htmx)
    for the next request (answers and grades move on to the next open question)."""
    from django.urls import reverse

    answers, grades = iter(scene.to_answer), iter(scene.to_grade)

    def fixed(method, url, data=None, htmx=False):
        return lambda: (method, url, data or {}, htmx)

    def next_answer():
        question = next(answers)
        url = reverse("session_answer", args=[scene.quiz.pk])
        return "post", url, {"question": question.pk, "response": _any(question)}, True

    def next_grade():
        question = next(grades)
        url = reverse("flashcard_grade", args=[scene.deck.pk])
        return "post", url, {"question": question.pk, "rating": 3}, True

    return {
        "quiz-setup": fixed("get", reverse("quiz_setup")),
        "quiz-question": fixed("get", reverse("session_detail", args=[scene.quiz.pk])),
        "quiz-answer": next_answer,
        "quiz-results": fixed("get", reverse("session_results", args=[scene.finished.pk])),
        "flashcard-deck": fixed("get", reverse("flashcard_deck", args=[scene.deck.pk])),
        "flashcard-grade": next_grade,
        "quiz-start": fixed("post", reverse("quiz_start"), {"length": 5}, htmx=True),
        "quiz-retry": fixed("post", reverse("session_retry", args=[scene.finished.pk]), htmx=True),
        "flashcard-decks": fixed("get", reverse("flashcards")),
        "flag-form": fixed("get", reverse("flag_question", args=[scene.to_answer[-1].pk])),
    }


def run() -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from tests.bench import median_ms
    from tests.factories import StudentFactory

    questions = build_bank()
    student = StudentFactory(username="bench-learner-student")
    build_history(student, questions, now=timezone.now())
    scene = build_scene(student, questions)
    if connection.vendor == "postgresql":
        # Fresh bulk inserts have no planner statistics; autovacuum would gather them soon.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    client = Client()
    client.force_login(student)
    for name, next_request in requests_for(scene).items():

        def send(name=name, next_request=next_request):
            method, url, data, htmx = next_request()
            extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}
            response = getattr(client, method)(url, data, **extra)
            assert response.status_code == 200, (name, response.status_code)
            return response

        send()  # warm up; and it must work
        with CaptureQueriesContext(connection) as captured:
            send()
        # Counted now: the captured list is read from the connection's log, which the
        # next request clears.
        queries = len(captured)
        ms = median_ms(send, repeat=REPEAT)
        print(f"bench: {name} queries={queries} ms={ms:.1f}", flush=True)
