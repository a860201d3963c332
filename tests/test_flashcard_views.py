"""Flashcard pages: choose a deck, flip a card by request, grade it, see when it returns."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from quiz import scheduling
from quiz.models import Answer, CardState, QuizSession
from quiz.sessions import session_start
from tests.factories import QuestionFactory, SentenceFactory, TopicFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def text(response) -> str:
    return soup(response).get_text(" ", strip=True)


def deck_url(session, **query) -> str:
    base = reverse("flashcard_deck", args=[session.pk])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def grade(client, session, question, rating, **extra):
    return client.post(
        reverse("flashcard_grade", args=[session.pk]),
        {"question": question.pk, "rating": rating},
        **extra,
    )


def card(answer="political prison camps", **kwargs):
    kwargs.setdefault("prompt", f"What does the report mean by “kwanliso” ({answer})?")
    return QuestionFactory(type="flashcard", answer=answer, choices=[], **kwargs)


@pytest.fixture
def deck_of(student):
    def make(*questions):
        return session_start(
            user=student, mode="flashcards", length=len(questions), questions=list(questions)
        )

    return make


def due_card(user, question):
    reviewed = scheduling.review(None, 3, timezone.now() - timedelta(days=3))
    return CardState.objects.create(
        user=user, question=question, **scheduling.card_columns(reviewed)
    )


# --- choosing a deck ---------------------------------------------------------------------


def test_the_deck_chooser_lists_topics_with_cards_and_whats_due(student_client, student):
    labor = TopicFactory(name="Forced labor", slug="forced-labor")
    card(topics=[labor])
    card(answer="songbun meaning", topics=[labor])
    QuestionFactory(type="true_false", answer="True", topics=[TopicFactory(name="TF only")])
    due_card(student, card(answer="due one"))

    page = soup(student_client.get(reverse("flashcards")))

    assert "1 card is due." in page.get_text(" ", strip=True)
    due_form = page.select_one('input[name="due"]').find_parent("form")
    assert due_form["action"] == reverse("flashcards_start")
    row = page.select_one('input[value="forced-labor"]').find_parent("li")
    assert "Forced labor" in row.get_text() and "2 cards" in row.get_text()
    assert "TF only" not in page.get_text()


def test_starting_a_topic_deck(student_client, student):
    labor = TopicFactory(slug="forced-labor")
    cards = [card(answer=f"meaning {i}", topics=[labor]) for i in range(3)]

    response = student_client.post(reverse("flashcards_start"), {"topic": "forced-labor"})

    session = QuizSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == deck_url(session)
    assert session.mode == "flashcards" and session.user == student
    assert {i.question_id for i in session.items.all()} == {c.pk for c in cards}


def test_starting_the_due_deck(student_client, student):
    due = card(answer="due one")
    due_card(student, due)
    card(answer="not due")

    student_client.post(reverse("flashcards_start"), {"due": "1"})

    session = QuizSession.objects.get()
    assert [i.question for i in session.items.all()] == [due]


def test_starting_with_htmx_tells_the_browser_to_navigate(student_client):
    card(topics=[TopicFactory(slug="t")])

    response = student_client.post(reverse("flashcards_start"), {"topic": "t"}, **HTMX)

    assert response["HX-Redirect"] == deck_url(QuizSession.objects.get())


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose a topic, or the cards that are due."),
        ({"topic": "no-such"}, "There is no such topic."),
        ({"topic": "t", "length": "3"}, "Choose 5, 10 or 20 cards."),
    ],
)
def test_bad_deck_requests_are_400_with_a_message(student_client, data, message):
    card(topics=[TopicFactory(slug="t")])

    response = student_client.post(reverse("flashcards_start"), data)

    assert response.status_code == 400
    assert message in text(response)
    assert not QuizSession.objects.exists()


def test_nothing_due_is_409_with_the_reason(student_client):
    card()

    response = student_client.post(reverse("flashcards_start"), {"due": "1"})

    assert response.status_code == 409
    assert "Nothing is due for review right now" in text(response)


def test_visitors_can_study_cards(client):
    card(topics=[TopicFactory(slug="t")])

    response = client.post(reverse("flashcards_start"), {"topic": "t"})

    session = QuizSession.objects.get()
    assert session.visitor_key and session.user is None
    assert client.get(response["Location"]).status_code == 200


# --- one card ----------------------------------------------------------------------------


def test_the_front_shows_the_prompt_and_a_flip_button_but_not_the_back(student_client, deck_of):
    question = card(answer="political prison camps", prompt="What are kwanliso?")
    session = deck_of(question)

    response = student_client.get(deck_url(session))

    page = soup(response)
    assert page.select_one("h1").get_text(strip=True) == "What are kwanliso?"
    assert "Card 1 of 1" in page.get_text()
    flip = page.find("button", attrs={"data-key": "space"})
    assert flip.get_text(" ", strip=True) == "Show answer Space"
    form = flip.find_parent("form")
    assert form["method"] == "get" and form["hx-get"] == deck_url(session)
    assert form.select_one('input[name="show"]')["value"] == str(question.pk)
    html = response.content.decode()
    assert "political prison camps" not in html
    assert question.sentence.text not in html


def test_flipping_shows_the_answer_the_source_and_four_grades(student_client, deck_of):
    question = card(answer="political prison camps")
    session = deck_of(question)

    response = student_client.get(deck_url(session, show=question.pk), **HTMX)

    page = soup(response)
    assert "<html" not in response.content.decode()
    assert page.select_one(".card-answer").get_text(strip=True) == "political prison camps"
    assert page.select_one("blockquote").get_text(strip=True) == question.sentence.text
    buttons = page.select("button.grade")
    assert [b["value"] for b in buttons] == ["1", "2", "3", "4"]
    assert [b["data-key"] for b in buttons] == ["1", "2", "3", "4"]
    labels = [b.get_text(" ", strip=True) for b in buttons]
    intervals = scheduling.next_intervals(None, timezone.now())
    for label, (rating, word) in zip(labels, scheduling.RATINGS, strict=True):
        assert label == f"{rating} {word} · {scheduling.format_interval(intervals[rating])}"
    form = page.select_one("form")
    assert form["action"] == form["hx-post"] == reverse("flashcard_grade", args=[session.pk])


def test_the_grade_buttons_show_this_learners_intervals(student_client, student, deck_of):
    question = card()
    state = due_card(student, question)
    session = deck_of(question)

    page = soup(student_client.get(deck_url(session, show=question.pk)))

    good = page.select_one('button.grade[value="3"]').get_text(" ", strip=True)
    expected = scheduling.next_intervals(state.card, timezone.now())[3]
    assert good == f"3 Good · {scheduling.format_interval(expected)}"


def test_flipping_works_as_a_full_page_too(student_client, deck_of):
    question = card(answer="political prison camps")
    session = deck_of(question)

    page = soup(student_client.get(deck_url(session, show=question.pk)))

    assert page.select_one("html") is not None
    assert page.select_one(".card-answer").get_text(strip=True) == "political prison camps"


@pytest.mark.parametrize("value", ["abc", "-3", "", "9" * 40, "99999"])
def test_flipping_a_card_not_in_the_deck_is_404(student_client, deck_of, value):
    session = deck_of(card())

    assert student_client.get(deck_url(session, show=value)).status_code == 404


def test_flipping_a_graded_card_moves_on(student_client, deck_of):
    first, second = card(answer="a one"), card(answer="b two")
    session = deck_of(first, second)
    asked = session.items.order_by("position").first().question
    grade(student_client, session, asked, 3)

    response = student_client.get(deck_url(session, show=asked.pk))

    assert response.status_code == 302 and response["Location"] == deck_url(session)


# --- grading -----------------------------------------------------------------------------


def test_grading_with_htmx_says_when_the_card_returns_then_shows_the_next(
    student_client, student, deck_of
):
    first, second = card(answer="a one"), card(answer="b two")
    session = deck_of(first, second)
    graded, upcoming = [i.question for i in session.items.order_by("position")]

    response = grade(student_client, session, graded, 3, **HTMX)

    page = soup(response)
    answer = Answer.objects.get(session=session, question=graded)
    state = CardState.objects.get(user=student, question=graded)
    note = page.select_one(".graded-note")
    interval = scheduling.format_interval(state.due - answer.answered_at)
    assert f"back in {interval}" in note.get_text()
    assert datetime.fromisoformat(note.time["datetime"]) == state.due
    assert page.select_one("h1").get_text(strip=True) == upcoming.prompt
    assert "Card 2 of 2" in page.get_text()
    assert answer.rating == 3 and state.reviews == 1
    status = page.select_one("#deck-status")
    assert status["hx-swap-oob"] == "true" and interval in status.get_text()


def test_grading_without_javascript_redirects_to_the_same_notice(student_client, deck_of):
    first, second = card(answer="a one"), card(answer="b two")
    session = deck_of(first, second)
    graded = session.items.order_by("position").first().question

    response = grade(student_client, session, graded, 1)

    assert response.status_code == 302
    assert response["Location"] == deck_url(session, graded=graded.pk)
    page = soup(student_client.get(response["Location"]))
    assert "back in" in page.select_one(".graded-note").get_text()
    assert "Card 2 of 2" in page.get_text()


def test_grading_the_last_card_ends_the_deck(student_client, deck_of):
    question = card()
    session = deck_of(question)

    page = soup(grade(student_client, session, question, 4, **HTMX))

    assert page.select_one("h1").get_text(strip=True) == "Deck done"
    assert page.select_one(".graded-note")
    assert page.find("a", string="Back to decks")["href"] == reverse("flashcards")
    session.refresh_from_db()
    assert session.is_finished


@pytest.mark.parametrize("rating", ["0", "5", "good", "", "-1", "9" * 30])
def test_an_unknown_rating_is_400_with_a_message(student_client, deck_of, rating):
    question = card()
    session = deck_of(question)

    response = grade(student_client, session, question, rating, **HTMX)

    assert response.status_code == 400
    assert "Again, Hard, Good or Easy" in text(response)
    assert not Answer.objects.exists()


@pytest.mark.parametrize("question_id", ["", "x", "0", "99999", "9" * 40])
def test_a_card_not_in_the_deck_is_400(student_client, deck_of, question_id):
    session = deck_of(card())

    response = student_client.post(
        reverse("flashcard_grade", args=[session.pk]), {"question": question_id, "rating": "3"}
    )

    assert response.status_code == 400
    assert "That card isn't part of this deck" in text(response)


def test_a_regrade_is_recorded_once(student_client, student, deck_of):
    question = card()
    session = deck_of(question, card(answer="other"))

    grade(student_client, session, question, 3, **HTMX)
    grade(student_client, session, question, 1, **HTMX)

    assert Answer.objects.get(session=session, question=question).rating == 3
    assert CardState.objects.get(user=student, question=question).reviews == 1


def test_grading_a_finished_deck_goes_back_to_it(student_client, deck_of):
    question = card()
    session = deck_of(question)
    grade(student_client, session, question, 3)
    extra = card(answer="extra")
    session.items.create(question=extra, position=9)

    response = grade(student_client, session, extra, 3)

    assert response.status_code == 302 and response["Location"] == deck_url(session)


def test_quizzes_and_decks_keep_to_their_own_pages(student_client, student, deck_of):
    question = QuestionFactory()
    quiz = session_start(user=student, length=1, questions=[question])
    deck = deck_of(card())

    assert student_client.get(deck_url(quiz)).status_code == 404
    assert grade(student_client, quiz, question, 3).status_code == 404
    assert student_client.get(reverse("session_detail", args=[deck.pk])).status_code == 404


def test_cards_made_from_fill_in_questions_show_their_answer_on_the_back(student_client, deck_of):
    sentence = SentenceFactory(text="Workers are sent to rodong dallyeondae.")
    question = QuestionFactory(
        type="fill_in",
        answer="rodong dallyeondae",
        prompt="Workers are sent to _____.",
        sentence=sentence,
        choices=[],
    )
    session = deck_of(question)

    front = student_client.get(deck_url(session)).content.decode()
    back = soup(student_client.get(deck_url(session, show=question.pk)))

    assert "rodong dallyeondae" not in front
    assert back.select_one(".card-answer").get_text(strip=True) == "rodong dallyeondae"
