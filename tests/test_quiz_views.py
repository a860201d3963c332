"""The quiz pages: setup, one question per screen, feedback in place, results, retry."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from content.models import Choice
from quiz import scheduling
from quiz.models import Answer, CardState, QuizSession
from quiz.sessions import lettered_choices, session_start
from tests.factories import QuestionFactory, SectionFactory, SentenceFactory, TopicFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name: str, session: QuizSession) -> str:
    return reverse(name, args=[session.pk])


def letter(session, question, *, correct: bool = True) -> str:
    return next(key for key, c in lettered_choices(session, question) if c.is_correct == correct)


def first_question(session: QuizSession):
    return session.items.order_by("position").first().question


def answer(client: Client, session, question, response: str, **extra):
    return client.post(
        url("session_answer", session), {"question": question.pk, "response": response}, **extra
    )


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def text(response) -> str:
    return soup(response).get_text(" ", strip=True)


@pytest.fixture
def topic():
    return TopicFactory(slug="forced-labor", name="Forced labor")


@pytest.fixture
def quiz_of(student):
    def make(*questions, mode="quiz"):
        return session_start(
            user=student, mode=mode, length=len(questions), questions=list(questions)
        )

    return make


# --- setup -------------------------------------------------------------------------------


def test_setup_lists_topics_that_can_fill_a_quiz_with_their_counts(student_client, topic):
    small = TopicFactory(name="Small topic")
    QuestionFactory.create_batch(4, topics=[topic])
    QuestionFactory(type="true_false", answer="True", topics=[topic])
    QuestionFactory(type="flashcard", answer="x", choices=[], topics=[topic])  # not a quiz one
    QuestionFactory(status="needs_review", topics=[topic])
    QuestionFactory.create_batch(4, topics=[small])

    page = soup(student_client.get(reverse("quiz_setup")))

    boxes = page.select('input[type=checkbox][name="topics"]')
    assert [box["value"] for box in boxes] == ["forced-labor"]
    label = boxes[0].find_parent("label").get_text(" ", strip=True)
    assert "Forced labor" in label and "5 questions" in label
    assert "Small topic" not in page.get_text()
    assert [r["value"] for r in page.select('input[name="length"]')] == ["5", "10", "20"]
    assert page.select_one('input[name="length"][checked]')["value"] == "10"
    assert page.find("button", string="Start")


def test_setup_preselects_a_topic_from_the_query_string(student_client, topic):
    QuestionFactory.create_batch(5, topics=[topic])

    page = soup(student_client.get(reverse("quiz_setup") + "?topic=forced-labor"))

    assert page.select_one('input[value="forced-labor"]').has_attr("checked")


def test_setup_offers_a_review_when_cards_are_due(student_client, student):
    question = QuestionFactory()
    card = scheduling.review(None, 3, timezone.now() - timedelta(days=2))
    CardState.objects.create(user=student, question=question, **scheduling.card_columns(card))

    page = soup(student_client.get(reverse("quiz_setup")))

    review = page.select_one('input[name="mode"][value="review"]').find_parent("form")
    assert review["action"] == reverse("quiz_start")
    assert "1 question is due" in page.get_text()


def test_setup_says_when_nothing_is_due(student_client):
    page = soup(student_client.get(reverse("quiz_setup")))

    assert "Nothing is due right now" in page.get_text()
    assert not page.select('input[name="mode"][value="review"]')


def test_visitors_see_the_setup_page_too(client, topic):
    QuestionFactory.create_batch(5, topics=[topic])

    assert client.get(reverse("quiz_setup")).status_code == 200


# --- start -------------------------------------------------------------------------------


def test_starting_a_quiz_redirects_to_its_first_question(student_client, student, topic):
    QuestionFactory.create_batch(8, topics=[topic])

    response = student_client.post(
        reverse("quiz_start"), {"topics": ["forced-labor"], "length": "5"}
    )

    session = QuizSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("session_detail", session)
    assert (session.user, session.length, session.mode) == (student, 5, "quiz")
    assert list(session.topics.all()) == [topic]


def test_starting_with_htmx_tells_the_browser_to_navigate(student_client):
    QuestionFactory.create_batch(5)

    response = student_client.post(reverse("quiz_start"), {"length": "5"}, **HTMX)

    assert response.status_code == 200
    assert response["HX-Redirect"] == url("session_detail", QuizSession.objects.get())


def test_the_home_pages_five_question_quiz_needs_no_account_and_no_topics(client):
    QuestionFactory.create_batch(7)

    response = client.post(reverse("quiz_start"), {"length": "5"})

    session = QuizSession.objects.get()
    assert response.status_code == 302
    assert session.user is None and session.visitor_key
    assert session.length == 5


def test_quiz_me_on_this_section_starts_a_quiz_on_that_section(student_client):
    sentence = SentenceFactory()
    mine = [
        QuestionFactory(sentence=sentence),
        QuestionFactory(sentence=SentenceFactory(section=sentence.section)),
    ]
    QuestionFactory()

    response = student_client.post(reverse("quiz_start"), {"section": sentence.section_id})

    assert response.status_code == 302
    session = QuizSession.objects.get()
    assert {i.question_id for i in session.items.all()} == {q.pk for q in mine}


def test_review_mode_starts_a_review_of_due_cards(student_client, student):
    question = QuestionFactory()
    card = scheduling.review(None, 1, timezone.now() - timedelta(days=1))
    CardState.objects.create(user=student, question=question, **scheduling.card_columns(card))

    student_client.post(reverse("quiz_start"), {"mode": "review", "length": "20"})

    session = QuizSession.objects.get()
    assert session.mode == "review"
    assert [i.question for i in session.items.all()] == [question]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"topics": ["no-such-topic"]}, "There is no topic called"),
        ({"length": "7"}, "Choose 5, 10 or 20 questions."),
        ({"length": "ten"}, "Choose 5, 10 or 20 questions."),
        ({"mode": "exam"}, "Start a quiz or a review."),
        ({"section": "abc"}, "That section does not exist."),
        ({"section": "99999999"}, "That section does not exist."),
        ({"mode": "flashcards"}, "Start a quiz or a review."),
    ],
)
def test_bad_start_input_is_answered_400_with_a_message(student_client, data, message):
    QuestionFactory.create_batch(5)

    response = student_client.post(reverse("quiz_start"), data)

    assert response.status_code == 400
    assert message in text(response)
    assert not QuizSession.objects.exists()


def test_nothing_to_ask_is_answered_409_with_the_reason(student_client):
    section = SectionFactory()

    empty_section = student_client.post(reverse("quiz_start"), {"section": section.pk})
    nothing_due = student_client.post(reverse("quiz_start"), {"mode": "review"})

    assert empty_section.status_code == 409
    assert "This section has no questions to ask yet." in text(empty_section)
    assert nothing_due.status_code == 409
    assert "Nothing is due for review right now" in text(nothing_due)


def test_start_only_accepts_post(student_client):
    assert student_client.get(reverse("quiz_start")).status_code == 405


# --- a question --------------------------------------------------------------------------


def test_a_multiple_choice_question_shows_four_lettered_buttons(student_client, quiz_of):
    question = QuestionFactory(prompt="According to the report, how many missiles?")
    session = quiz_of(question)

    page = soup(student_client.get(url("session_detail", session)))

    card = page.select_one("#question-card")
    assert "Question 1 of 1" in card.get_text()
    assert card.select_one("h1").get_text(strip=True) == question.prompt
    buttons = card.select("button.choice")
    assert [b["value"] for b in buttons] == ["A", "B", "C", "D"]
    assert [b.kbd.get_text() for b in buttons] == ["A", "B", "C", "D"]
    assert [b["data-key"] for b in buttons] == ["1 a", "2 b", "3 c", "4 d"]
    texts = sorted(b.get_text(" ", strip=True)[2:] for b in buttons)
    assert texts == sorted(c.text for c in question.choices.all())
    form = card.select_one("form")
    assert form["method"] == "post" and form["action"] == url("session_answer", session)
    assert form["hx-post"] == form["action"]
    assert form["hx-target"] == "#question-card" and form["hx-swap"] == "outerHTML"
    assert form.select_one('input[name="csrfmiddlewaretoken"]')


def test_a_true_false_question_shows_true_and_false_buttons(student_client, quiz_of):
    session = quiz_of(QuestionFactory(type="true_false", answer="False"))

    page = soup(student_client.get(url("session_detail", session)))

    buttons = page.select("button.choice")
    assert [(b["value"], b["data-key"]) for b in buttons] == [("True", "t"), ("False", "f")]


def test_a_fill_in_question_shows_one_labelled_field(student_client, quiz_of):
    session = quiz_of(QuestionFactory(type="fill_in", answer="songbun", choices=[]))

    page = soup(student_client.get(url("session_detail", session)))

    field = page.select_one('input[name="response"]')
    assert field["type"] == "text" and field.has_attr("required")
    assert page.select_one(f'label[for="{field["id"]}"]').get_text(strip=True) == "Your answer"
    assert not page.select("button.choice")


def test_the_htmx_question_is_just_the_card(student_client, quiz_of):
    session = quiz_of(QuestionFactory())

    response = student_client.get(url("session_detail", session), **HTMX)

    html = response.content.decode()
    assert "<html" not in html and 'id="question-card"' in html


def test_the_quiz_pages_load_the_keyboard_script_and_quiz_styles(student_client, quiz_of):
    session = quiz_of(QuestionFactory())

    page = soup(student_client.get(url("session_detail", session)))

    assert page.select_one('script[src$="js/keys.js"]')
    assert page.select_one('link[href$="css/quiz.css"]')
    assert page.select_one("[aria-live], [role=status]")


def test_a_finished_quiz_sends_you_to_its_results(student_client, quiz_of):
    question = QuestionFactory()
    session = quiz_of(question)
    answer(student_client, session, question, "A")

    response = student_client.get(url("session_detail", session))

    assert response.status_code == 302
    assert response["Location"] == url("session_results", session)


# --- answering ---------------------------------------------------------------------------


def test_a_right_answer_swaps_in_feedback_with_its_source(student_client, quiz_of):
    sentence = SentenceFactory(text="In 2017, the DPRK fired 23 missiles during 16 tests.")
    sentence.section.heading = "Overview"
    sentence.section.save()
    question = QuestionFactory(sentence=sentence, answer="23")
    session = quiz_of(question, QuestionFactory())

    response = answer(student_client, session, question, letter(session, question), **HTMX)

    assert response.status_code == 200
    page = soup(response)
    card = page.select_one("#question-card")
    verdict = card.select_one("#verdict")
    assert verdict.get_text(strip=True) == "Correct"
    assert "right" in verdict["class"]
    assert card.select_one(".answer-line").get_text() == "The answer is 23."
    quote = card.select_one("figure.source")
    assert quote.blockquote.get_text(strip=True) == sentence.text
    assert "Overview" in quote.figcaption.get_text()
    next_link = card.find("a", attrs={"data-key": "enter"})
    assert next_link.get_text(" ", strip=True) == "Next Enter"
    assert next_link.has_attr("autofocus")
    assert next_link["href"] == next_link["hx-get"] == url("session_detail", session)
    flag = card.find("a", string="Report a problem")
    assert flag["href"].startswith(reverse("flag_question", args=[question.pk]))
    status = page.select_one("#quiz-status")
    assert status["hx-swap-oob"] == "true" and status.get_text(strip=True) == "Correct."
    assert "<html" not in response.content.decode()


def test_the_source_links_to_the_sentence_in_the_reader(student_client, quiz_of):
    question = QuestionFactory()
    session = quiz_of(question)

    page = soup(answer(student_client, session, question, "A", **HTMX))

    link = page.find("a", string="Read in context →")
    reader = reverse("reader", args=[question.report.slug])
    pk = question.sentence_id
    assert link["href"] == f"{reader}?highlight={pk}#s-{pk}"


def test_a_wrong_answer_says_what_the_report_says(student_client, quiz_of):
    question = QuestionFactory(answer="23")
    session = quiz_of(question)
    wrong = letter(session, question, correct=False)
    chosen = dict(lettered_choices(session, question))[wrong].text

    page = soup(answer(student_client, session, question, wrong, **HTMX))

    verdict = page.select_one("#verdict")
    assert verdict.get_text(strip=True) == "Not quite — the report says 23."
    assert "wrong" in verdict["class"]
    assert page.select_one(".your-answer").get_text() == chosen


def test_a_false_statement_explains_what_changed(student_client, quiz_of):
    question = QuestionFactory(
        type="true_false", answer="False", explanation="The report says seventh, not sixth."
    )
    session = quiz_of(question)

    page = soup(answer(student_client, session, question, "True", **HTMX))

    assert page.select_one("#verdict").get_text(strip=True) == (
        "Not quite — the statement is false."
    )
    assert "The report says seventh, not sixth." in page.get_text()


def test_fill_in_is_graded_by_the_shared_normalizer(student_client, quiz_of):
    question = QuestionFactory(type="fill_in", answer="Kim Jong-un", choices=[])
    session = quiz_of(question)

    page = soup(answer(student_client, session, question, "kim jong un", **HTMX))

    assert page.select_one("#verdict").get_text(strip=True) == "Correct"


def test_without_javascript_an_answer_redirects_to_the_same_feedback(student_client, quiz_of):
    question = QuestionFactory(answer="23")
    session = quiz_of(question, QuestionFactory())

    response = answer(student_client, session, question, letter(session, question))

    assert response.status_code == 302
    assert response["Location"] == f"{url('session_detail', session)}?answered={question.pk}"
    page = soup(student_client.get(response["Location"]))
    assert page.select_one("#verdict").get_text(strip=True) == "Correct"
    assert page.find("a", attrs={"data-key": "enter"})["href"] == url("session_detail", session)
    assert page.select_one("#quiz-status").get_text(strip=True) == "Correct."
    assert not page.select_one("#quiz-status").has_attr("hx-swap-oob")


def test_the_last_answer_leads_to_the_results(student_client, quiz_of):
    question = QuestionFactory()
    session = quiz_of(question)

    page = soup(answer(student_client, session, question, "A", **HTMX))

    link = page.find("a", attrs={"data-key": "enter"})
    assert link["href"] == url("session_results", session)
    assert not link.has_attr("hx-get")  # the results are a page of their own
    assert "See your results" in link.get_text()


def test_the_next_question_comes_as_a_card_through_htmx(student_client, quiz_of):
    first, second = QuestionFactory.create_batch(2)
    session = quiz_of(first, second)
    asked_first = first_question(session)
    answer(student_client, session, asked_first, "A", **HTMX)

    response = student_client.get(url("session_detail", session), **HTMX)

    page = soup(response)
    assert "Question 2 of 2" in page.get_text()
    other = second if asked_first == first else first
    assert page.select_one("h1").get_text(strip=True) == other.prompt


def test_a_double_submission_is_recorded_once_and_shows_the_first_feedback(student_client, quiz_of):
    question = QuestionFactory()
    session = quiz_of(question, QuestionFactory())
    right, wrong = letter(session, question), letter(session, question, correct=False)

    first = answer(student_client, session, question, right, **HTMX)
    replay = answer(student_client, session, question, wrong, **HTMX)

    assert Answer.objects.filter(session=session).count() == 1
    session.refresh_from_db()
    assert session.answered_count == 1
    assert (
        soup(first).select_one("#verdict").get_text()
        == soup(replay).select_one("#verdict").get_text()
    )


@pytest.mark.parametrize("response", ["E", "", "0", "<script>"])
def test_a_tampered_choice_is_400_with_a_message_in_place(student_client, quiz_of, response):
    question = QuestionFactory()
    session = quiz_of(question)

    full = answer(student_client, session, question, response)
    partial = answer(student_client, session, question, response, **HTMX)

    assert full.status_code == partial.status_code == 400
    assert "That choice isn't one of this question's" in text(full)
    assert soup(partial).select_one("#question-card [role=alert]")
    assert "<html" not in partial.content.decode()
    assert not Answer.objects.exists()


def test_an_empty_fill_in_is_400_and_asks_for_an_answer(student_client, quiz_of):
    question = QuestionFactory(type="fill_in", answer="songbun", choices=[])
    session = quiz_of(question)

    response = answer(student_client, session, question, "  ", **HTMX)

    assert response.status_code == 400
    assert "Type an answer" in text(response)


@pytest.mark.parametrize("question_id", ["", "abc", "-1", "0", "1e3", "9" * 30])
def test_a_tampered_question_id_is_400(student_client, quiz_of, question_id):
    session = quiz_of(QuestionFactory())

    response = student_client.post(
        url("session_answer", session), {"question": question_id, "response": "A"}
    )

    assert response.status_code == 400
    assert "That question isn't part of this quiz" in text(response)


def test_a_question_from_outside_the_quiz_is_400(student_client, quiz_of):
    session = quiz_of(QuestionFactory())
    outsider = QuestionFactory()

    response = answer(student_client, session, outsider, "A", **HTMX)

    assert response.status_code == 400
    assert not Answer.objects.exists()


def test_answering_a_finished_quiz_goes_to_its_results(student_client, quiz_of):
    question = QuestionFactory()
    session = quiz_of(question)
    answer(student_client, session, question, "A")
    extra = QuestionFactory()
    session.items.create(question=extra, position=5)

    full = answer(student_client, session, extra, "A")
    partial = answer(student_client, session, extra, "A", **HTMX)

    assert full.status_code == 302 and full["Location"] == url("session_results", session)
    assert partial["HX-Redirect"] == url("session_results", session)
    assert Answer.objects.filter(session=session).count() == 1


def test_answering_needs_post(student_client, quiz_of):
    session = quiz_of(QuestionFactory())

    assert student_client.get(url("session_answer", session)).status_code == 405


def test_answers_need_the_csrf_token(student):
    question = QuestionFactory()
    session = session_start(user=student, length=1, questions=[question])
    client = Client(enforce_csrf_checks=True)
    client.force_login(student)

    response = answer(client, session, question, "A", **HTMX)

    assert response.status_code == 403
    assert not Answer.objects.exists()


def test_the_page_gives_htmx_the_csrf_token(student_client, quiz_of):
    session = quiz_of(QuestionFactory())

    page = soup(student_client.get(url("session_detail", session)))

    assert '"X-CSRFToken"' in page.body["hx-headers"]


# --- results and retry -------------------------------------------------------------------


def test_results_show_the_score_topics_and_missed_questions_with_sources(
    student_client, quiz_of, topic
):
    right = QuestionFactory(topics=[topic])
    missed = QuestionFactory(topics=[topic], prompt="According to the report, how many camps?")
    session = quiz_of(right, missed)
    answer(student_client, session, right, letter(session, right))
    answer(student_client, session, missed, letter(session, missed, correct=False))

    page = soup(student_client.get(url("session_results", session)))

    text = page.get_text(" ", strip=True)
    assert "1 of 2 right (50%)" in text
    row = page.select_one("table.by-topic tbody tr")
    assert [c.get_text(strip=True) for c in row.find_all(["th", "td"])] == [
        "Forced labor",
        "1",
        "2",
        "50%",
    ]
    items = page.select("ol.missed > li")
    assert len(items) == 1
    assert missed.prompt in items[0].get_text()
    assert items[0].select_one("blockquote").get_text(strip=True) == missed.sentence.text
    retry = page.find("button", string="Retry the missed ones (1)").find_parent("form")
    assert retry["action"] == url("session_retry", session) and retry["method"] == "post"
    assert page.find("a", string="Back to topics")["href"] == reverse("quiz_setup")


def test_a_perfect_score_offers_no_retry(student_client, quiz_of):
    question = QuestionFactory()
    session = quiz_of(question)
    answer(student_client, session, question, letter(session, question))

    page = soup(student_client.get(url("session_results", session)))

    assert "1 of 1 right (100%)" in page.get_text(" ", strip=True)
    assert not page.find("button", string=lambda s: s and "Retry" in s)


def test_unfinished_results_send_you_back_to_the_quiz(student_client, quiz_of):
    session = quiz_of(QuestionFactory())

    response = student_client.get(url("session_results", session))

    assert response.status_code == 302 and response["Location"] == url("session_detail", session)


def test_retry_starts_a_quiz_of_the_missed_questions(student_client, quiz_of):
    questions = QuestionFactory.create_batch(3)
    session = quiz_of(*questions)
    for question in questions:
        answer(student_client, session, question, letter(session, question, correct=False))

    response = student_client.post(url("session_retry", session))

    retry = QuizSession.objects.get(mode="retry")
    assert response.status_code == 302 and response["Location"] == url("session_detail", retry)
    assert retry.retry_of == session
    assert {i.question_id for i in retry.items.all()} == {q.pk for q in questions}


def test_retry_with_nothing_missed_is_409(student_client, quiz_of):
    question = QuestionFactory()
    session = quiz_of(question)
    answer(student_client, session, question, letter(session, question))

    response = student_client.post(url("session_retry", session))

    assert response.status_code == 409
    assert "Nothing was missed" in text(response)
    assert QuizSession.objects.count() == 1


def test_retry_of_questions_since_retired_says_so(student_client, quiz_of):
    question = QuestionFactory()
    session = quiz_of(question)
    answer(student_client, session, question, letter(session, question, correct=False))
    question.status = "retired"
    question.save()

    response = student_client.post(url("session_retry", session))

    assert response.status_code == 409
    assert "no longer in the bank" in text(response)


def test_retry_of_an_unfinished_quiz_goes_back_to_it(student_client, quiz_of):
    session = quiz_of(QuestionFactory())

    response = student_client.post(url("session_retry", session))

    assert response.status_code == 302 and response["Location"] == url("session_detail", session)
    assert QuizSession.objects.count() == 1


def test_picking_a_distractor_the_report_gives_shows_where_it_belongs(student_client):
    question = QuestionFactory(
        choices=[("808", True), ("1,127", False), ("2,706", False), ("1,050", False)]
    )
    elsewhere = SentenceFactory(
        report=question.report, text="In 2017, 1,127 North Koreans arrived in South Korea."
    )
    Choice.objects.filter(question=question, text="1,127").update(sentence=elsewhere)
    start = student_client.post(reverse("quiz_start"), {"length": "5"})
    session = QuizSession.objects.get()
    letter = next(letter for letter, c in lettered_choices(session, question) if c.text == "1,127")

    reply = student_client.post(
        reverse("session_answer", args=[session.pk]),
        {"question": question.pk, "response": letter},
        HTTP_HX_REQUEST="true",
    )

    assert start.status_code == 302 and reply.status_code == 200
    html = reply.content.decode()
    assert "“1,127” is in the report too" in html
    assert elsewhere.text in html and f"highlight={elsewhere.pk}" in html


def test_a_generic_distractor_gets_no_source_line(student_client):
    question = QuestionFactory(
        choices=[("808", True), ("1,127", False), ("2,706", False), ("1,050", False)]
    )
    student_client.post(reverse("quiz_start"), {"length": "5"})
    session = QuizSession.objects.get()
    letter = next(letter for letter, c in lettered_choices(session, question) if c.text == "1,127")

    reply = student_client.post(
        reverse("session_answer", args=[session.pk]),
        {"question": question.pk, "response": letter},
        HTTP_HX_REQUEST="true",
    )

    assert reply.status_code == 200 and "is in the report too" not in reply.content.decode()
