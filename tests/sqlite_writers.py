"""Worker script of tests/test_sqlite_writers.py: real processes writing to one SQLite file.

Run as ``python -m tests.sqlite_writers COMMAND [JSON]`` with ``DATABASE_URL`` naming a
migrated SQLite file, so each process reads the real settings, as a gunicorn worker would:

- ``seed WORKERS PER_WORKER`` makes one student, a quiz of WORKERS x PER_WORKER fill-in
  questions, one flashcard and a deck holding it per worker; prints the plan as JSON.
- ``work PART GO_FILE`` logs in through the test client, waits until GO_FILE exists (so
  every worker starts writing at once), posts its share of the quiz's answers through the
  answer view and grades its deck's card; prints ``{"codes": [...], "errors": [...]}``.
- ``count PLAN`` prints the rows and counters the workers left, as JSON.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

RIGHT = "songbun"


def response_for(index: int) -> str:
    """Every other answer (by position in the quiz) right, the others wrong."""
    return RIGHT if index % 2 == 0 else "wrong"


def seed(workers: int, per_worker: int) -> dict:
    from quiz.sessions import session_start
    from tests.factories import QuestionFactory, StudentFactory

    student = StudentFactory(username="racer")
    questions = QuestionFactory.create_batch(
        workers * per_worker, type="fill_in", answer=RIGHT, choices=[]
    )
    quiz = session_start(user=student, length=len(questions), questions=questions)
    card = QuestionFactory(type="flashcard", answer="political prison camps", choices=[])
    decks = [
        session_start(user=student, mode="flashcards", length=1, questions=[card])
        for _ in range(workers)
    ]
    pks = [q.pk for q in questions]
    return {
        "student": student.pk,
        "quiz": quiz.pk,
        "card": card.pk,
        "parts": [
            {
                "student": student.pk,
                "quiz": quiz.pk,
                "answers": [[pk, response_for(i)] for i, pk in enumerate(pks) if i % workers == w],
                "deck": decks[w].pk,
                "card": card.pk,
            }
            for w in range(workers)
        ],
    }


def work(part: dict, go_file: Path) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from content.models import Question
    from quiz.models import QuizSession
    from quiz.sessions import card_grade

    setup_test_environment()  # lets the test client's "testserver" host in
    client = Client()
    client.force_login(get_user_model().objects.get(pk=part["student"]))
    deck = QuizSession.objects.get(pk=part["deck"])
    card = Question.objects.get(pk=part["card"])
    connection.close()  # each worker opens its connection when the race starts
    for _ in range(3000):  # at most 30 s
        if go_file.exists():
            break
        time.sleep(0.01)
    codes, errors = [], []
    url = reverse("session_answer", args=[part["quiz"]])
    for question, response in part["answers"]:
        try:
            reply = client.post(
                url, {"question": question, "response": response}, HTTP_HX_REQUEST="true"
            )
            codes.append(reply.status_code)
        except Exception as error:  # reported to the test, which fails on any
            errors.append(repr(error))
    try:
        card_grade(session=deck, question=card, rating=3)
    except Exception as error:  # reported to the test, which fails on any
        errors.append(repr(error))
    return {"codes": codes, "errors": errors}


def count(plan: dict) -> dict:
    from quiz.models import Answer, CardState, QuizSession

    quiz = QuizSession.objects.get(pk=plan["quiz"])
    card = CardState.objects.filter(question_id=plan["card"])
    return {
        "answered_count": quiz.answered_count,
        "correct_count": quiz.correct_count,
        "finished": quiz.finished_at is not None,
        "answers": Answer.objects.filter(session=quiz).count(),
        "right_answers": Answer.objects.filter(session=quiz, is_correct=True).count(),
        "card_states": CardState.objects.filter(user_id=plan["student"]).count(),
        "card_rows": card.count(),
        "card_reviews": sum(card.values_list("reviews", flat=True)),
        "card_answers": Answer.objects.filter(question_id=plan["card"]).count(),
    }


def main(argv: list[str]) -> int:
    import django

    django.setup()
    command, *args = argv
    if command == "seed":
        result = seed(int(args[0]), int(args[1]))
    elif command == "work":
        result = work(json.loads(args[0]), Path(args[1]))
    elif command == "count":
        result = count(json.loads(args[0]))
    else:
        raise SystemExit(f"unknown command {command!r}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
