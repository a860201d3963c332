"""Integrity: answer keys stay hidden, one answer per question, nobody sees others' work,
and tampered input is a 4xx, never a 500."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from bs4 import BeautifulSoup, Comment
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from quiz.models import Answer, QuizSession
from quiz.sessions import lettered_choices, session_start
from quiz.visitors import SESSION_KEY
from tests.factories import (
    QuestionFactory,
    SentenceFactory,
    StudentFactory,
    TeacherFactory,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
SOURCE = "Guards at kyohwaso camp number 77 beat detainees, the report's witnesses said."
EXPLANATION = "Explained: the witnesses counted seventy-seven."


def question_of(kind: str):
    sentence = SentenceFactory(text=SOURCE)
    if kind == "multiple_choice":
        return QuestionFactory(
            sentence=sentence,
            prompt="According to the report, which camp number did witnesses name?",
            answer="77",
            explanation=EXPLANATION,
            choices=[("77", True), ("15", False), ("25", False), ("16", False)],
        )
    if kind == "true_false":
        return QuestionFactory(
            sentence=sentence,
            type="true_false",
            prompt="According to the report, guards at camp number 15 beat detainees.",
            answer="False",
            explanation=EXPLANATION,
        )
    return QuestionFactory(
        sentence=sentence,
        type="fill_in",
        prompt="According to the report, guards at _____ camp number 77 beat detainees.",
        answer="kyohwaso",
        explanation=EXPLANATION,
        choices=[],
    )


def question_page(client: Client, session: QuizSession, **extra) -> str:
    response = client.get(reverse("session_detail", args=[session.pk]), **extra)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("kind", ["multiple_choice", "true_false", "fill_in"])
@pytest.mark.parametrize("htmx", [False, True])
def test_the_question_page_reveals_nothing_about_the_answer(student_client, student, kind, htmx):
    question = question_of(kind)
    session = session_start(user=student, length=1, questions=[question])

    html = question_page(student_client, session, **(HTMX if htmx else {}))

    lowered = html.lower()
    assert "correct" not in lowered
    assert "is_correct" not in lowered
    assert EXPLANATION not in html
    assert "Explained" not in html
    assert SOURCE not in html and "witnesses said" not in html
    page = BeautifulSoup(html, "html.parser")
    assert not page.find_all(string=lambda s: isinstance(s, Comment))
    hidden = {i["name"] for i in page.select("input[type=hidden]")}
    assert hidden == {"csrfmiddlewaretoken", "question"}
    assert page.select_one('input[name="question"]')["value"] == str(question.pk)
    if kind == "fill_in":
        assert "kyohwaso" not in lowered
    if kind != "fill_in":
        buttons = page.select("button.choice")
        # Every choice is marked up the same way; only its letter/key differs.
        shapes = {
            tuple(sorted((k, str(v)) for k, v in b.attrs.items() if k not in ("value", "data-key")))
            for b in buttons
        }
        assert len(shapes) == 1
        pks = {str(c.pk) for c in question.choices.all()}
        assert not {b["value"] for b in buttons} & pks


def test_choice_values_are_letters_not_database_ids(student_client, student):
    question = question_of("multiple_choice")
    session = session_start(user=student, length=1, questions=[question])

    page = BeautifulSoup(question_page(student_client, session), "html.parser")

    assert [b["value"] for b in page.select("button.choice")] == ["A", "B", "C", "D"]


def test_the_right_choice_moves_between_sessions_and_stays_put_on_reload(student_client, student):
    question = question_of("multiple_choice")  # the bank stores it first
    sessions = [session_start(user=student, length=1, questions=[question]) for _ in range(16)]

    def shown(session) -> list[str]:
        page = BeautifulSoup(question_page(student_client, session), "html.parser")
        return [b.get_text(" ", strip=True)[2:] for b in page.select("button.choice")]

    positions = Counter(shown(s).index("77") for s in sessions)

    assert len(positions) >= 2
    assert positions[0] < len(sessions)
    assert all(shown(s) == shown(s) for s in sessions[:4])


def test_the_flashcard_front_never_holds_the_back(student_client, student):
    question = QuestionFactory(
        type="flashcard",
        prompt="What are kwanliso?",
        answer="political prison camps",
        explanation=EXPLANATION,
        sentence=SentenceFactory(text=SOURCE),
        choices=[],
    )
    deck = session_start(user=student, mode="flashcards", length=1, questions=[question])

    for extra in ({}, HTMX):
        html = student_client.get(reverse("flashcard_deck", args=[deck.pk]), **extra)
        html = html.content.decode()
        assert "political prison camps" not in html
        assert SOURCE not in html and EXPLANATION not in html


# --- one answer per (session, question) --------------------------------------------------


def test_the_database_refuses_a_second_answer_row(student):
    question = QuestionFactory()
    session = session_start(user=student, length=1, questions=[question])
    fields = {
        "session": session,
        "question": question,
        "user": student,
        "is_correct": True,
        "rating": 3,
        "answered_at": timezone.now(),
    }
    Answer.objects.create(**fields)

    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(**fields)


def test_the_back_button_and_a_changed_mind_record_the_first_answer(student_client, student):
    question = question_of("multiple_choice")
    session = session_start(user=student, length=2, questions=[question, QuestionFactory()])
    letters = {c.text: key for key, c in lettered_choices(session, question)}
    url = reverse("session_answer", args=[session.pk])

    first = student_client.post(url, {"question": question.pk, "response": letters["15"]})
    # Back to the (cached) question page, then another choice, without JavaScript.
    second = student_client.post(url, {"question": question.pk, "response": letters["77"]})

    assert first["Location"] == second["Location"]
    answer = Answer.objects.get(session=session)
    assert (answer.response, answer.is_correct) == ("15", False)
    feedback = BeautifulSoup(student_client.get(second["Location"]).content, "html.parser")
    assert feedback.select_one(".your-answer").get_text() == "15"
    session.refresh_from_db()
    assert (session.answered_count, session.correct_count) == (1, 0)


# --- nobody sees or answers another learner's session ------------------------------------


def learner_views(quiz: QuizSession, deck: QuizSession, question_id: int, card_id: int):
    return [
        ("get", reverse("session_detail", args=[quiz.pk]), {}),
        ("get", reverse("session_detail", args=[quiz.pk]) + f"?answered={question_id}", {}),
        (
            "post",
            reverse("session_answer", args=[quiz.pk]),
            {"question": question_id, "response": "A"},
        ),
        ("get", reverse("session_results", args=[quiz.pk]), {}),
        ("post", reverse("session_retry", args=[quiz.pk]), {}),
        ("get", reverse("flashcard_deck", args=[deck.pk]), {}),
        ("get", reverse("flashcard_deck", args=[deck.pk]) + f"?show={card_id}", {}),
        ("post", reverse("flashcard_grade", args=[deck.pk]), {"question": card_id, "rating": 3}),
    ]


def visitor_client(key: str) -> Client:
    client = Client()
    session = client.session
    session[SESSION_KEY] = key
    session.save()
    return client


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("owner", ["student", "visitor"])
@pytest.mark.parametrize(
    "intruder", ["other_student", "teacher", "anonymous", "other_visitor", "owner_as_other_kind"]
)
def test_a_session_is_invisible_to_everyone_but_its_owner(student, owner, intruder):
    question = QuestionFactory()
    flashcard = QuestionFactory(type="flashcard", answer="x", choices=[])
    who = {"user": student} if owner == "student" else {"visitor_key": "owner-key"}
    quiz = session_start(**who, length=1, questions=[question])
    deck = session_start(**who, mode="flashcards", length=1, questions=[flashcard])
    quiz_done = session_start(**who, length=1, questions=[QuestionFactory()])
    quiz_done.finished_at = timezone.now()
    quiz_done.save()
    client = {
        "other_student": lambda: logged_in(StudentFactory()),
        "teacher": lambda: logged_in(TeacherFactory()),
        "anonymous": Client,
        "other_visitor": lambda: visitor_client("another-key"),
        "owner_as_other_kind": lambda: (
            visitor_client("owner-key") if owner == "student" else logged_in(student)
        ),
    }[intruder]()

    for method, url, data in learner_views(quiz, deck, question.pk, flashcard.pk):
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, (method, url)
    assert client.get(reverse("session_results", args=[quiz_done.pk])).status_code == 404
    assert not Answer.objects.exists()


def test_the_owner_reaches_every_view(student):
    question = QuestionFactory()
    flashcard = QuestionFactory(type="flashcard", answer="x", choices=[])
    quiz = session_start(user=student, length=2, questions=[question, QuestionFactory()])
    deck = session_start(
        user=student,
        mode="flashcards",
        length=2,
        questions=[flashcard, QuestionFactory(type="flashcard", answer="y", choices=[])],
    )
    client = logged_in(student)
    client.post(
        reverse("session_answer", args=[quiz.pk]), {"question": question.pk, "response": "A"}
    )

    for method, url, data in learner_views(quiz, deck, question.pk, flashcard.pk):
        response = getattr(client, method)(url, data)
        assert response.status_code in (200, 302), (method, url, response.status_code)


# --- tampered ids are 4xx, never 500 -----------------------------------------------------


HUGE = "9" * 30


@pytest.mark.parametrize(
    "path",
    [
        f"/quiz/{HUGE}/",
        f"/quiz/{HUGE}/answer/",
        f"/quiz/{HUGE}/results/",
        f"/quiz/{HUGE}/retry/",
        f"/cards/{HUGE}/",
        f"/cards/{HUGE}/grade/",
        f"/questions/{HUGE}/flag/",
        "/quiz/0/",
        "/cards/0/",
    ],
)
def test_huge_or_zero_ids_in_urls_are_404(student_client, path):
    assert student_client.get(path).status_code in (404, 405)
    assert student_client.post(
        path, {"question": "1", "response": "A", "rating": "3"}
    ).status_code in (404, 405)


@pytest.mark.parametrize("value", [HUGE, "-1", "abc", "1.5", "", "１２"])
def test_tampered_query_values_are_404(student_client, student, value):
    question = QuestionFactory()
    quiz = session_start(user=student, length=1, questions=[question])
    deck = session_start(
        user=student,
        mode="flashcards",
        length=1,
        questions=[QuestionFactory(type="flashcard", answer="x", choices=[])],
    )

    answered = student_client.get(reverse("session_detail", args=[quiz.pk]) + f"?answered={value}")
    graded = student_client.get(reverse("flashcard_deck", args=[deck.pk]) + f"?graded={value}")
    shown = student_client.get(reverse("flashcard_deck", args=[deck.pk]) + f"?show={value}")

    assert answered.status_code == graded.status_code == shown.status_code == 404


def test_an_unanswered_question_has_no_feedback_to_show(student_client, student):
    question = QuestionFactory()
    quiz = session_start(user=student, length=1, questions=[question])

    response = student_client.get(
        reverse("session_detail", args=[quiz.pk]) + f"?answered={question.pk}"
    )

    assert response.status_code == 404


def test_error_pages_never_echo_raw_input(student_client, student):
    question = QuestionFactory()
    quiz = session_start(user=student, length=1, questions=[question])

    response = student_client.post(
        reverse("session_answer", args=[quiz.pk]),
        {"question": question.pk, "response": "<script>alert(1)</script>"},
    )

    assert response.status_code == 400
    assert not re.search(r"<script>alert", response.content.decode())
