"""The home page: a visitor's welcome, and a learner's day: due cards, next step, topics."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from content.services import report_import
from quiz.models import CardState, QuizSession
from quiz.scheduling import card_columns, review
from quiz.visitors import SESSION_KEY
from tests.bench import SEED_PATH
from tests.bench_progress import build_bank, build_history
from tests.factories import (
    AnswerFactory,
    AssignmentFactory,
    MembershipFactory,
    QuestionFactory,
    QuizSessionFactory,
    ReportFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

STATIC_BUDGET = 100 * 1024
# Session and user (2), the navigation's teacher check (1), the report's title (1), topics,
# answers per topic and cards (3), due cards (1), open assignments and their attempts (2).
QUERIES_HOME = 10


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def home(client: Client) -> BeautifulSoup:
    return soup_of(client.get(reverse("home")))


def fields(form) -> dict[str, str]:
    return {i["name"]: i.get("value", "") for i in form.find_all("input")}


def forms_to(soup: BeautifulSoup, name: str) -> list:
    return soup.select(f"main form[action='{reverse(name)}']")


def card(user, question, *, due_in: timedelta, reviewed_days_ago: int = 3) -> CardState:
    now = timezone.now()
    columns = card_columns(review(None, 3, now - timedelta(days=reviewed_days_ago)), rating=3)
    columns["due"] = now + due_in
    return CardState.objects.create(user=user, question=question, reviews=1, **columns)


@pytest.fixture
def topics():
    """Two topics a quiz can be made of, and one too small for the home page."""
    labor = TopicFactory(slug="forced-labor", name="Forced labor", position=1)
    borders = TopicFactory(slug="borders", name="Borders", position=2)
    small = TopicFactory(slug="small", name="Small topic", position=3)
    bank = {
        labor: [QuestionFactory(topics=[labor]) for _ in range(5)],
        borders: [QuestionFactory(topics=[borders]) for _ in range(6)],
        small: [QuestionFactory(topics=[small]) for _ in range(4)],
    }
    return bank


def topic_row(soup: BeautifulSoup, name: str):
    for row in soup.select("main li.topic"):
        if row.h3.get_text() == name:
            return row
    return None


# --- visitors ----------------------------------------------------------------------------


def test_a_visitor_learns_what_reportcard_is_and_which_report(client):
    ReportFactory(slug="north-korea-2018", title="North Korea", period="Events of 2018")

    soup = home(client)

    assert soup.h1.get_text()
    assert "quizzes and flashcards" in soup.select_one("main .lede").get_text()
    assert "North Korea — Events of 2018" in soup.select_one("main cite").get_text()
    read = soup.find("main").find("a", string="Read the report")
    assert read["href"] == reverse("reader", args=["north-korea-2018"])


def test_a_visitor_can_try_a_five_question_quiz_without_an_account(client):
    soup = home(client)

    (form,) = forms_to(soup, "quiz_start")
    assert form["method"] == "post"
    assert fields(form)["length"] == "5"
    assert fields(form)["csrfmiddlewaretoken"]
    assert form.button.get_text() == "Try a 5-question quiz"
    assert "No account needed" in form.get_text()


def test_the_try_a_quiz_form_starts_a_visitors_five_question_quiz(client, topics):
    (form,) = forms_to(home(client), "quiz_start")

    response = client.post(form["action"], fields(form))

    session = QuizSession.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("session_detail", args=[session.pk])
    assert (session.user, session.length) == (None, 5)
    assert session.visitor_key == client.session[SESSION_KEY]


def test_a_visitor_is_offered_sign_up_and_log_in_on_the_page(client):
    links = {a["href"] for a in home(client).select("main a")}

    assert {reverse("signup"), reverse("login")} <= links
    assert reverse("progress") not in links  # nothing studied, nothing to see yet


def test_a_visitor_who_has_studied_is_shown_their_progress_and_why_to_sign_up(client):
    session = client.session
    session[SESSION_KEY] = "a-visitor-key"
    session.save()

    soup = home(client)

    assert soup.find("main").find("a", href=reverse("progress"))
    assert "Sign up to keep it" in soup.find("main").get_text()


def test_the_home_page_works_before_any_report_is_imported(client, student_client):
    assert "Now available" not in home(client).get_text()
    assert "Studying" not in home(student_client).get_text()


# --- the learner's day -------------------------------------------------------------------


def test_due_today_is_the_first_thing_a_student_sees(student_client, student, topics):
    labor = topics[TopicFactory(slug="forced-labor")]
    card(student, labor[0], due_in=-timedelta(hours=1))
    card(student, labor[1], due_in=-timedelta(days=2))
    card(student, labor[2], due_in=timedelta(days=3))

    soup = home(student_client)

    first = soup.find("main").find("h2")
    assert first.get_text() == "Due today: 2 cards"
    (cards,) = forms_to(soup, "flashcards_start")[:1]
    assert fields(cards)["due"] == "1"
    assert cards.button.get_text() == "Continue: review 2 as flashcards"
    assert cards.find_parent("section") is first.find_parent("section")
    (review_quiz,) = [f for f in forms_to(soup, "quiz_start") if fields(f).get("mode") == "review"]
    assert fields(review_quiz)["length"] in {"5", "10", "20"}


def test_due_true_false_cards_are_offered_as_a_review_quiz_not_as_flashcards(
    student_client, student
):
    topic = TopicFactory()
    statement = QuestionFactory(type="true_false", answer="True", topics=[topic])
    card(student, statement, due_in=-timedelta(hours=1))

    soup = home(student_client)
    today = soup.select_one("section.today")

    assert today.h2.get_text() == "Due today: 1 card"
    assert today.select(f"form[action='{reverse('flashcards_start')}']") == []
    (form,) = today.select(f"form[action='{reverse('quiz_start')}']")
    assert fields(form)["mode"] == "review"
    assert form.button.get_text().startswith("Continue")


def test_nothing_due_says_so(student_client, topics):
    soup = home(student_client)

    assert soup.find("main").find("h2").get_text() == "Due today: 0 cards"
    assert "Nothing is due" in soup.select_one("section.today").get_text()


def test_every_topic_with_five_questions_is_a_row_with_its_numbers_and_actions(
    student_client, student, topics
):
    labor, borders, small = topics
    answered = topics[labor][:2]
    for question in answered:
        AnswerFactory(session__user=student, question=question)
    # Reviewed today: certain recall, so 2 of 5 questions give exactly 40%.
    for question in answered:
        card(student, question, due_in=-timedelta(minutes=5), reviewed_days_ago=0)

    soup = home(student_client)

    assert [row.h3.get_text() for row in soup.select("main li.topic")] == [
        "Forced labor",
        "Borders",
    ]
    assert topic_row(soup, small.name) is None
    row = topic_row(soup, "Forced labor")
    assert row.meter["value"] == "40" and row.meter["min"] == "0" and row.meter["max"] == "100"
    assert "40% mastered" in row.get_text()
    assert "2 of 5 questions seen" in row.get_text()
    assert "2 cards due" in row.get_text()
    quiz = row.find("a", string="Quiz")
    assert quiz["href"] == f"{reverse('quiz_setup')}?topic=forced-labor"
    (deck,) = row.select(f"form[action='{reverse('flashcards_start')}']")
    assert deck["method"] == "post" and fields(deck)["topic"] == "forced-labor"
    assert "0 of 6 questions seen" in topic_row(soup, "Borders").get_text()
    assert "0% mastered" in topic_row(soup, "Borders").get_text()


def test_the_cards_and_due_forms_start_the_decks_they_name(student_client, student, topics):
    labor = TopicFactory(slug="forced-labor")
    card(student, topics[labor][0], due_in=-timedelta(hours=1))
    soup = home(student_client)
    due_form = soup.select_one(f"section.today form[action='{reverse('flashcards_start')}']")
    topic_form = topic_row(soup, "Borders").select_one("form")

    for form in (due_form, topic_form):
        response = student_client.post(form["action"], fields(form))
        assert response.status_code == 302
    due_deck, borders_deck = QuizSession.objects.filter(user=student).order_by("pk")

    assert [item.question for item in due_deck.items.all()] == [topics[labor][0]]
    assert {item.question.topics.get().slug for item in borders_deck.items.all()} == {"borders"}
    assert borders_deck.mode == due_deck.mode == "flashcards"


def test_mastery_is_readable_without_colour(student_client, topics):
    row = topic_row(home(student_client), "Borders")

    # The meter is named by its topic heading and its value is written out beside it.
    assert row.meter["aria-labelledby"] == row.h3["id"]
    assert row.select_one(".percent").get_text() == "0% mastered"


def test_continue_resumes_the_latest_unfinished_quiz(student_client, student, topics):
    QuizSessionFactory(user=student, length=10, answered_count=4, finished_at=timezone.now())
    session = QuizSessionFactory(user=student, length=10, answered_count=3)

    today = home(student_client).select_one("section.today")

    link = today.find("a", href=reverse("session_detail", args=[session.pk]))
    assert link.get_text() == "Continue your quiz (3 of 10 answered)"


def test_continue_resumes_an_unfinished_flashcard_deck_in_the_deck(student_client, student):
    deck = QuizSessionFactory(user=student, mode="flashcards", length=10, answered_count=2)

    today = home(student_client).select_one("section.today")

    assert today.find("a", href=reverse("flashcard_deck", args=[deck.pk]))


def test_continue_offers_the_weakest_topic_once_a_student_has_studied(
    student_client, student, topics
):
    labor, borders, _ = topics
    for question in topics[labor]:
        AnswerFactory(session__user=student, question=question, session__finished_at=None)
        card(student, question, due_in=timedelta(days=4), reviewed_days_ago=0)
    student.quiz_sessions.update(finished_at=timezone.now())

    today = home(student_client).select_one("section.today")

    (form,) = today.select(f"form[action='{reverse('quiz_start')}']")
    assert fields(form)["topics"] == "borders"
    assert "Continue: quiz on Borders" in form.button.get_text()


def test_a_newcomer_is_offered_a_first_short_quiz(student_client, topics):
    today = home(student_client).select_one("section.today")

    (form,) = today.select(f"form[action='{reverse('quiz_start')}']")
    assert fields(form)["length"] == "5"
    assert form.button.get_text() == "Continue: take a first 5-question quiz"


def test_open_assignments_appear_above_the_topics_with_their_due_dates(
    student_client, student, topics
):
    labor = TopicFactory(slug="forced-labor")
    membership = MembershipFactory(student=student)
    assignment = AssignmentFactory(
        classroom=membership.classroom,
        title="Read up on forced labor",
        topics=[labor],
        due_at=timezone.now() + timedelta(days=3, hours=1),
    )

    soup = home(student_client)

    section = soup.find("h2", string="Assignments").find_parent("section")
    item = section.find("li")
    assert item.a.get_text() == "Read up on forced labor"
    assert item.a["href"] == reverse("class_assignment", args=[assignment.pk])
    assert "due in 3 days" in item.get_text()
    assert item.time["datetime"] == assignment.due_at.isoformat()
    headings = [h2.get_text() for h2 in soup.select("main h2")]
    assert headings.index("Assignments") < headings.index("Topics")


def test_without_assignments_there_is_no_assignments_section(student_client, topics):
    assert home(student_client).find("h2", string="Assignments") is None


def test_another_students_work_never_shows(student_client, student, other_student, topics):
    labor = TopicFactory(slug="forced-labor")
    for question in topics[labor]:
        AnswerFactory(session__user=other_student, question=question)
        card(other_student, question, due_in=-timedelta(hours=1), reviewed_days_ago=0)
    unfinished = QuizSessionFactory(user=other_student, length=10, answered_count=1)

    soup = home(student_client)

    assert soup.find("main").find("h2").get_text() == "Due today: 0 cards"
    row = topic_row(soup, "Forced labor")
    assert "0% mastered" in row.get_text() and "0 of 5 questions seen" in row.get_text()
    assert soup.find("a", href=reverse("session_detail", args=[unfinished.pk])) is None
    # ...while the other student does see it.
    other = Client()
    other.force_login(other_student)
    assert "100% mastered" in topic_row(home(other), "Forced labor").get_text()


def test_a_teacher_keeps_the_link_to_their_classes(teacher_client, topics):
    soup = home(teacher_client)

    assert soup.find("main").find("a", href=reverse("teach"))
    assert soup.select("main li.topic")


# --- weight and speed --------------------------------------------------------------------


@pytest.mark.parametrize("who", ["client", "student_client"])
def test_a_first_visit_loads_only_our_own_static_files_within_100_kb(request, who):
    soup = home(request.getfixturevalue(who))

    urls = [tag["href"] for tag in soup.find_all("link", href=True)]
    urls += [tag["src"] for tag in soup.find_all(src=True)]
    total = 0
    for url in urls:
        parts = urlsplit(url)
        assert not parts.netloc and not parts.scheme, f"third-party resource: {url}"
        assert parts.path.startswith(settings.STATIC_URL) or parts.path.startswith(
            "/" + settings.STATIC_URL
        ), url
        path = finders.find(parts.path.split(settings.STATIC_URL, 1)[1])
        assert path, url
        with open(path, "rb") as handle:
            total += len(handle.read())
    assert urls and total <= STATIC_BUDGET, total


def test_the_students_home_runs_fixed_queries_with_a_big_bank_and_history(
    student, other_student, django_assert_max_num_queries
):
    """Guards against a query per topic, per card, per answer or per assignment (N+1): a
    learner with 40 answers and one with 5,000 cost the same."""
    report = report_import(raw_text=SEED_PATH.read_text(encoding="utf-8")).report
    questions = build_bank(report)
    now = timezone.now()
    build_history(student, questions, now=now, answers=40, cards=6)
    build_history(other_student, questions, now=now)
    clients = []
    for learner in (student, other_student):
        membership = MembershipFactory(student=learner)
        AssignmentFactory(classroom=membership.classroom, topics=[TopicFactory(slug="overview")])
        client = Client()
        client.force_login(learner)
        clients.append(client)

    with django_assert_max_num_queries(QUERIES_HOME) as small:
        home(clients[0])
    with django_assert_max_num_queries(QUERIES_HOME) as large:
        soup = home(clients[1])

    assert len(large.captured_queries) == len(small.captured_queries)
    assert len(soup.select("main li.topic")) == 9
    assert soup.find("main").find("h2").get_text() == "Due today: 200 cards"
    assert soup.find("h2", string="Assignments")


def test_a_visitors_home_page_costs_one_query(client, django_assert_num_queries):
    """Only the report's title: a visitor's home never reads the bank or any history."""
    ReportFactory()

    with django_assert_num_queries(1):
        home(client)
