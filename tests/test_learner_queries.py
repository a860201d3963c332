"""Every learner view runs a fixed number of queries, whatever the bank and the history.

The scene (tests/bench_learner.py): a bank of 1,000 published questions and a learner
with 5,000 answers in 250 finished quizzes and a card for each question answered, in
the middle of a 50-question quiz and a 50-card deck. Each view is pinned with
``django_assert_max_num_queries``; and the same views on a small bank and a short history
must run exactly as many queries, which is what "fixed" means.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from content.services import report_import
from quiz.sessions import QUIZ_TYPES, lettered_choices, session_start
from tests.bench import SEED_PATH
from tests.bench_learner import build_bank, build_history, build_scene
from tests.factories import StudentFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@dataclass
class World:
    client: Client
    scene: object
    questions: list


def make_world(*, size: int, answers: int) -> World:
    questions = build_bank(size=size)
    student = StudentFactory()
    build_history(student, questions, now=timezone.now(), answers=answers)
    client = Client()
    client.force_login(student)
    return World(client, build_scene(student, questions), questions)


@pytest.fixture
def big() -> World:
    return make_world(size=1_000, answers=5_000)


@pytest.fixture
def small() -> World:
    return make_world(size=120, answers=20)


def requests(world: World) -> dict[str, tuple]:
    """name -> (method, url, data, htmx) for every learner view; answers and grades use
    the first open question, so each is a first submission, not a replay."""
    scene = world.scene
    quiz, deck = scene.quiz, scene.deck
    answered = quiz.items.order_by("position").first().question_id
    graded = deck.items.order_by("position").first().question_id
    topic = world.questions[0].topics.first()
    flag = reverse("flag_question", args=[world.questions[0].pk])
    nxt, card = scene.to_answer[0], scene.to_grade[0]
    return {
        "quiz-setup": ("get", reverse("quiz_setup"), {}, False),
        "quiz-start": ("post", reverse("quiz_start"), {"topics": topic.slug, "length": 20}, False),
        "quiz-start-review": (
            "post",
            reverse("quiz_start"),
            {"mode": "review", "length": 20},
            False,
        ),
        "quiz-question": ("get", reverse("session_detail", args=[quiz.pk]), {}, False),
        "quiz-question-htmx": ("get", reverse("session_detail", args=[quiz.pk]), {}, True),
        "quiz-answer": (
            "post",
            reverse("session_answer", args=[quiz.pk]),
            {"question": nxt.pk, "response": "B" if nxt.type == "multiple_choice" else "False"},
            True,
        ),
        "quiz-feedback-page": (
            "get",
            reverse("session_detail", args=[quiz.pk]) + f"?answered={answered}",
            {},
            False,
        ),
        "quiz-results": ("get", reverse("session_results", args=[scene.finished.pk]), {}, False),
        "quiz-retry": ("post", reverse("session_retry", args=[scene.finished.pk]), {}, False),
        "flashcards": ("get", reverse("flashcards"), {}, False),
        "flashcards-start": ("post", reverse("flashcards_start"), {"due": "1"}, False),
        "flashcard-deck": ("get", reverse("flashcard_deck", args=[deck.pk]), {}, False),
        "flashcard-back": (
            "get",
            reverse("flashcard_deck", args=[deck.pk]) + f"?show={card.pk}",
            {},
            True,
        ),
        "flashcard-graded-page": (
            "get",
            reverse("flashcard_deck", args=[deck.pk]) + f"?graded={graded}",
            {},
            False,
        ),
        "flashcard-grade": (
            "post",
            reverse("flashcard_grade", args=[deck.pk]),
            {"question": card.pk, "rating": 3},
            True,
        ),
        "flag-form": ("get", flag, {}, False),
        "flag-send": ("post", flag, {"reason": "typo"}, True),
    }


# The most queries each view may run. The auth middleware's session and user lookups are
# two of them in every case; a savepoint and its release count as two more. An answer or a
# grade is the most: lock the session, check for an earlier answer, check the question is
# in the session, insert, two counter updates, lock/insert or update the card, reload the
# counters, then render.
LIMITS = {
    "quiz-setup": 5,
    "quiz-start": 10,
    "quiz-start-review": 7,
    "quiz-question": 6,
    "quiz-question-htmx": 5,
    "quiz-answer": 20,
    "quiz-feedback-page": 7,
    "quiz-results": 6,
    "quiz-retry": 9,
    "flashcards": 5,
    "flashcards-start": 7,
    "flashcard-deck": 5,
    "flashcard-back": 7,
    "flashcard-graded-page": 8,
    "flashcard-grade": 21,
    "flag-form": 5,
    "flag-send": 10,
}


def send(world: World, request: tuple):
    method, url, data, htmx = request
    response = getattr(world.client, method)(url, data, **(HTMX if htmx else {}))
    assert response.status_code in (200, 302), (url, response.status_code)
    return response


def count(world: World, name: str) -> int:
    request = requests(world)[name]  # its own lookups are not the view's queries
    with CaptureQueriesContext(connection) as captured:
        send(world, request)
    return len(captured)


def test_every_learner_view_runs_a_fixed_number_of_queries(
    big, small, django_assert_max_num_queries
):
    """Guards against per-question, per-choice, per-topic and per-answer queries: choices,
    sentences, sections and topics are joined or prefetched once, counts are aggregated in
    the database, and the history is only ever filtered, never iterated. Each view is
    pinned on the big scene, and runs exactly as many queries on the small one."""
    from quiz.models import CardState

    # The first answer to a question creates its card, later ones update it (one query
    # fewer): make both scenes take the same path.
    for world in (big, small):
        scene = world.scene
        CardState.objects.filter(question__in=[scene.to_answer[0], scene.to_grade[0]]).delete()
    for name, limit in LIMITS.items():
        request = requests(big)[name]
        with django_assert_max_num_queries(limit) as on_big:
            send(big, request)
        assert count(small, name) == len(on_big) == limit, name


def test_the_big_scene_really_is_big(big):
    from quiz.models import Answer, CardState

    user = big.client.session["_auth_user_id"]
    assert len(big.questions) == 1_000
    assert Answer.objects.filter(user_id=user).count() >= 5_000
    assert CardState.objects.filter(user_id=user).count() >= 800


# --- payload ------------------------------------------------------------------------------


def test_every_answer_fragment_of_the_bundled_report_is_at_most_4_kb(student_client, student):
    report = report_import(raw_text=SEED_PATH.read_text(encoding="utf-8")).report
    questions = list(report.questions.published().filter(type__in=QUIZ_TYPES).order_by("pk"))
    sizes = []
    for start in range(0, len(questions), 50):
        batch = questions[start : start + 50]
        session = session_start(user=student, length=len(batch), questions=batch)
        for question in batch:
            response = (
                lettered_choices(session, question)[1][0]
                if question.type == "multiple_choice"
                else {"true_false": "False"}.get(question.type, "a wrong guess")
            )
            reply = student_client.post(
                reverse("session_answer", args=[session.pk]),
                {"question": question.pk, "response": response},
                **HTMX,
            )
            assert reply.status_code == 200
            sizes.append(len(reply.content))

    assert len(sizes) == len(questions) > 40
    assert max(sizes) <= 4096, max(sizes)


@pytest.mark.parametrize("page", ["quiz-setup", "quiz-question", "flashcard-deck"])
def test_a_first_visit_loads_only_our_own_static_files_under_100_kb(small, page):
    from bs4 import BeautifulSoup
    from django.conf import settings
    from django.contrib.staticfiles import finders

    html = send(small, requests(small)[page]).content
    soup = BeautifulSoup(html, "html.parser")
    urls = [t["src"] for t in soup.find_all("script", src=True)]
    urls += [t["href"] for t in soup.find_all("link", href=True) if "stylesheet" in t["rel"]]

    assert urls and all(
        url.startswith(settings.STATIC_URL) or url.startswith("/" + settings.STATIC_URL)
        for url in urls
    )
    sizes = {}
    for url in urls:
        path = finders.find(url.split(settings.STATIC_URL, 1)[1])
        assert path, url
        sizes[url] = Path(path).stat().st_size
    assert sum(sizes.values()) + len(html) <= 100 * 1024, sizes
