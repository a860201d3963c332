"""make bench: the class dashboard and the item analysis for a big class.

40 students × 10 topics × 5 assignments with 20,000 answers (and a card per student and
question answered), made with bulk_create. ``build_big_class`` is also what
tests/test_teacher_queries.py pins the query counts against.
"""

from __future__ import annotations

import random
import statistics
import time
from dataclasses import dataclass
from datetime import UTC, timedelta

STUDENTS = 40
TOPICS = 10
ASSIGNMENTS = 5
ANSWERS = 20_000
QUESTIONS_PER_TOPIC = 20
QUESTIONS_PER_ATTEMPT = 20


@dataclass
class BigClass:
    teacher: object
    classroom: object
    students: list
    assignments: list


def build_big_class(seed: int = 7) -> BigClass:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.utils import timezone
    from fsrs import Card, State

    from content.models import Choice, Question, Sentence, Topic
    from quiz.models import Answer, Assignment, CardState, Classroom, Membership, QuizSession
    from tests.factories import SectionFactory, TeacherFactory

    rng = random.Random(seed)
    now = timezone.now()
    teacher = TeacherFactory(username=f"bench_teacher_{seed}")
    section = SectionFactory()
    report = section.report
    topics = Topic.objects.bulk_create(
        Topic(slug=f"bench-{seed}-{n}", name=f"Bench topic {n}", position=100 + n)
        for n in range(TOPICS)
    )
    total_questions = TOPICS * QUESTIONS_PER_TOPIC
    sentences = Sentence.objects.bulk_create(
        Sentence(
            report=report,
            section=section,
            position=n,
            text=f"In 2018, Benchland held {n + 2} prisoners.",
            start=n * 100,
            end=n * 100 + 40,
        )
        for n in range(total_questions)
    )
    questions = Question.objects.bulk_create(
        Question(
            report=report,
            sentence=sentence,
            type="multiple_choice",
            prompt=f"According to the report, how many prisoners did Benchland hold ({n})?",
            answer=str(n + 2),
            status="published",
            fingerprint=f"bench-{seed}-{n}",
        )
        for n, sentence in enumerate(sentences)
    )
    through = Question.topics.through
    through.objects.bulk_create(
        through(question_id=q.pk, topic_id=topics[n // QUESTIONS_PER_TOPIC].pk)
        for n, q in enumerate(questions)
    )
    choices = Choice.objects.bulk_create(
        Choice(question=q, text=str(int(q.answer) + offset), is_correct=offset == 0, order=i)
        for q in questions
        for i, offset in enumerate((0, 3, 7, 11))
    )
    choices_of: dict[int, list] = {}
    for choice in choices:
        choices_of.setdefault(choice.question_id, []).append(choice)

    user_model = get_user_model()
    students = user_model.objects.bulk_create(
        user_model(username=f"bench_{seed}_student_{n:02d}", password="!") for n in range(STUDENTS)
    )
    classroom = Classroom.objects.create(
        teacher=teacher, name=f"Bench class {seed}", join_code=f"BENCH{seed:03d}"
    )
    Membership.objects.bulk_create(Membership(classroom=classroom, student=s) for s in students)
    assignments = []
    for n in range(ASSIGNMENTS):
        assignment = Assignment.objects.create(
            classroom=classroom,
            title=f"Bench assignment {n}",
            question_count=QUESTIONS_PER_ATTEMPT,
            opens_at=now - timedelta(days=40),
            due_at=now - timedelta(days=30 - 6 * n),
            attempts_allowed=5,
        )
        assignment.topics.set(topics[2 * n : 2 * n + 2])
        assignments.append(assignment)

    attempts_each = ANSWERS // (STUDENTS * ASSIGNMENTS * QUESTIONS_PER_ATTEMPT)
    plan = []  # (student, assignment, picked questions, finished_at)
    for student in students:
        for n, assignment in enumerate(assignments):
            pool = questions[2 * n * QUESTIONS_PER_TOPIC : (2 * n + 2) * QUESTIONS_PER_TOPIC]
            for _ in range(attempts_each):
                finished = now - timedelta(days=rng.uniform(0, 30))
                picked = rng.sample(pool, QUESTIONS_PER_ATTEMPT)
                plan.append((student, assignment, picked, finished))
    sessions = QuizSession.objects.bulk_create(
        QuizSession(
            user=student,
            mode="quiz",
            assignment=assignment,
            shuffle_seed=rng.randrange(2**31),
            length=QUESTIONS_PER_ATTEMPT,
            answered_count=QUESTIONS_PER_ATTEMPT,
            finished_at=finished,
            is_late=finished > assignment.due_at,
        )
        for student, assignment, _, finished in plan
    )
    ability = {s.pk: rng.uniform(0.3, 0.95) for s in students}
    answers = []
    correct_counts = []
    last_seen: dict[tuple[int, int], object] = {}
    for session, (student, _, picked, finished) in zip(sessions, plan, strict=True):
        right_here = 0
        for k, question in enumerate(picked):
            right = rng.random() < ability[student.pk]
            right_here += right
            options = choices_of[question.pk]
            choice = options[0] if right else rng.choice(options[1:])
            at = finished - timedelta(seconds=30 * (QUESTIONS_PER_ATTEMPT - k))
            answers.append(
                Answer(
                    session=session,
                    question=question,
                    user=student,
                    choice=choice,
                    response=choice.text,
                    is_correct=right,
                    rating=3 if right else 1,
                    answered_at=at,
                )
            )
            key = (student.pk, question.pk)
            last_seen[key] = max(last_seen.get(key, at), at)
        correct_counts.append(right_here)
    Answer.objects.bulk_create(answers, batch_size=2000)
    for session, correct in zip(sessions, correct_counts, strict=True):
        session.correct_count = correct
    QuizSession.objects.bulk_update(sessions, ["correct_count"], batch_size=500)

    cards = []
    for (student_pk, question_pk), last in last_seen.items():
        stability = rng.uniform(0.5, 40)
        reviewed = last.astimezone(UTC)
        due = reviewed + timedelta(days=stability)
        card = Card(
            card_id=0,
            state=State.Review,
            stability=stability,
            difficulty=rng.uniform(1, 10),
            due=due,
            last_review=reviewed,
        )
        cards.append(
            CardState(
                user_id=student_pk,
                question_id=question_pk,
                card=card.to_dict(),
                due=due,
                stability=card.stability,
                difficulty=card.difficulty,
                last_review=reviewed,
                last_rating=1 if (student_pk + question_pk) % 4 == 0 else 3,
                reviews=1,
            )
        )
    CardState.objects.bulk_create(cards, batch_size=2000)
    # A live database has statistics about its tables (PostgreSQL's autovacuum gathers them);
    # a freshly bulk-loaded one has none, and the planner would guess as if it were empty.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return BigClass(
        teacher=teacher, classroom=classroom, students=students, assignments=assignments
    )


def _measure(client, url: str, repeat: int = 15) -> tuple[int, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches (templates, the session) before timing
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    # Counted now: every later request starts by emptying Django's query log.
    count = len(queries)
    assert response.status_code == 200, (url, response.status_code)
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
    return count, statistics.median(samples)


def run() -> None:
    from django.test import Client
    from django.urls import reverse

    big = build_big_class()
    client = Client()
    client.force_login(big.teacher)
    for name, url in (
        ("class-dashboard", reverse("teach_class", args=[big.classroom.pk])),
        ("item-analysis", reverse("teach_reteach", args=[big.classroom.pk])),
    ):
        queries, ms = _measure(client, url)
        print(f"bench: {name} queries={queries} ms={ms:.1f}", flush=True)
