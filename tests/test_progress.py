"""The progress page: per-topic mastery and 30 days of activity, as SVG and as tables."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from content.services import report_import
from quiz.models import CardState
from quiz.scheduling import card_columns, review
from quiz.visitors import SESSION_KEY
from tests.bench import SEED_PATH
from tests.bench_progress import build_bank, build_history
from tests.factories import AnswerFactory, QuestionFactory, QuizSessionFactory, TopicFactory

pytestmark = pytest.mark.django_db

# Session and user (2), the navigation's teacher check (1), topics, answers per topic and
# cards (3), answers per day (1).
QUERIES_PROGRESS = 7


def progress_page(client: Client) -> BeautifulSoup:
    response = client.get(reverse("progress"))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def as_visitor(client: Client, key: str) -> Client:
    session = client.session
    session[SESSION_KEY] = key
    session.save()
    return client


def studied(owner_fields: dict, question, *, correct: bool, days_ago: int = 0, due_in=None):
    """An answer and the card it leaves, ``days_ago`` days back."""
    at = timezone.now() - timedelta(days=days_ago)
    owner_fields = {"user": None, **owner_fields}
    session = QuizSessionFactory(**owner_fields)
    AnswerFactory(
        session=session,
        user=owner_fields.get("user"),
        question=question,
        is_correct=correct,
        answered_at=at,
    )
    rating = 3 if correct else 1
    columns = card_columns(review(None, rating, at), rating=rating)
    if due_in is not None:
        columns["due"] = timezone.now() + due_in
    CardState.objects.create(**owner_fields, question=question, reviews=1, **columns)


@pytest.fixture
def labor():
    topic = TopicFactory(slug="forced-labor", name="Forced labor", position=1)
    return topic, [QuestionFactory(topics=[topic]) for _ in range(4)]


@pytest.fixture
def borders():
    topic = TopicFactory(slug="borders", name="Borders", position=2)
    return topic, [QuestionFactory(topics=[topic]) for _ in range(5)]


def topic_table(soup: BeautifulSoup) -> dict[str, list[str]]:
    table = soup.find("caption", string="Each topic in numbers").find_parent("table")
    assert [th.get_text() for th in table.thead.find_all("th")] == [
        "Topic",
        "Mastery",
        "Accuracy",
        "Seen",
        "Due",
        "Last studied",
    ]
    return {
        tr.th.get_text(): [" ".join(td.get_text().split()) for td in tr.find_all("td")]
        for tr in table.tbody.find_all("tr")
    }


def day_table(soup: BeautifulSoup) -> list[tuple[str, str, str]]:
    table = soup.find("caption", string="Answers per day, oldest first").find_parent("table")
    return [
        (tr.th.time["datetime"], *(td.get_text() for td in tr.find_all("td")))
        for tr in table.tbody.find_all("tr")
    ]


def test_a_students_numbers_are_in_the_topic_table(student_client, student, labor, borders):
    (topic, questions) = labor
    studied({"user": student}, questions[0], correct=True, due_in=timedelta(hours=-1))
    studied({"user": student}, questions[1], correct=False, days_ago=2, due_in=timedelta(days=1))

    rows = topic_table(progress_page(student_client))

    # Right a moment ago: recall just under 1 of 4 questions; the wrong one counts nothing.
    mastery, accuracy, seen, due, last = rows["Forced labor"]
    assert mastery == "25%"
    assert (accuracy, seen, due, last) == ("50% of 2", "2 / 4", "1", "today")
    assert rows["Borders"] == ["0%", "—", "0 / 5", "0", "never"]


def test_the_charts_are_accessible_svg_with_the_same_numbers(student_client, student, labor):
    (topic, questions) = labor
    for question in questions:
        studied({"user": student}, question, correct=True)

    soup = progress_page(student_client)

    svgs = soup.select("main figure svg")
    assert len(svgs) == 2
    for svg in svgs:
        assert svg["role"] == "img"
        for ref in svg["aria-labelledby"].split():
            assert soup.find(id=ref).find_parent("svg") is svg
    mastery, activity = svgs
    assert "Forced labor: 100%" in mastery.desc.get_text()
    assert "4 answers on 1 of those days" in activity.desc.get_text()
    assert len(activity.find_all("rect")) == 30


def test_the_activity_table_has_thirty_days_ending_today_zero_days_included(
    student_client, student, labor
):
    (topic, questions) = labor
    studied({"user": student}, questions[0], correct=True)
    studied({"user": student}, questions[1], correct=False)
    studied({"user": student}, questions[2], correct=True, days_ago=5)
    studied({"user": student}, questions[3], correct=True, days_ago=40)

    days = day_table(progress_page(student_client))

    today = timezone.localdate()
    assert len(days) == 30
    assert days[-1] == (today.isoformat(), "2", "1")
    assert days[-6] == ((today - timedelta(days=5)).isoformat(), "1", "1")
    assert days[0][0] == (today - timedelta(days=29)).isoformat()
    assert sum(int(answers) for _, answers, _ in days) == 3
    assert [answers for _, answers, _ in days].count("0") == 28


def test_two_students_each_see_only_their_own_progress(
    student_client, student, other_student, labor
):
    (topic, questions) = labor
    studied({"user": student}, questions[0], correct=True)
    for question in questions:
        studied({"user": other_student}, question, correct=False, days_ago=3)
    ben = Client()
    ben.force_login(other_student)

    mine = progress_page(student_client)
    theirs = progress_page(ben)

    assert topic_table(mine)["Forced labor"][1:4] == ["100% of 1", "1 / 4", "0"]
    assert topic_table(theirs)["Forced labor"][1:4] == ["0% of 4", "4 / 4", "4"]
    assert sum(int(a) for _, a, _ in day_table(mine)) == 1
    assert sum(int(a) for _, a, _ in day_table(theirs)) == 4


def test_a_visitor_sees_the_progress_kept_under_their_own_key(client, labor):
    (topic, questions) = labor
    studied({"visitor_key": "mine"}, questions[0], correct=True)
    studied({"visitor_key": "someone-else"}, questions[1], correct=True)
    studied({"visitor_key": "someone-else"}, questions[2], correct=True)

    soup = progress_page(as_visitor(client, "mine"))

    assert topic_table(soup)["Forced labor"][1:3] == ["100% of 1", "1 / 4"]
    assert "Sign up" in soup.select_one("main .notice").get_text()


def test_a_visitor_who_has_not_studied_is_invited_and_nothing_is_stored(client, labor):
    response = client.get(reverse("progress"))

    soup = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == 200
    assert soup.select("main svg") == [] and soup.select("main table") == []
    (form,) = soup.select(f"main form[action='{reverse('quiz_start')}']")
    assert {i["name"]: i["value"] for i in form.find_all("input")}["length"] == "5"
    assert "sessionid" not in response.cookies


def test_the_progress_page_only_answers_get(student_client):
    assert student_client.post(reverse("progress")).status_code == 405


def test_a_student_can_find_the_progress_page_in_the_navigation(student_client):
    soup = progress_page(student_client)

    assert soup.find("nav").find("a", href=reverse("progress"))


def test_the_progress_page_runs_fixed_queries_with_a_big_bank_and_history(
    student, other_student, django_assert_max_num_queries
):
    """Guards against a query per topic, per card or per day of activity (N+1)."""
    report = report_import(raw_text=SEED_PATH.read_text(encoding="utf-8")).report
    questions = build_bank(report)
    now = timezone.now()
    build_history(student, questions, now=now, answers=40, cards=6)
    build_history(other_student, questions, now=now)
    small_client, large_client = Client(), Client()
    small_client.force_login(student)
    large_client.force_login(other_student)

    with django_assert_max_num_queries(QUERIES_PROGRESS) as small:
        progress_page(small_client)
    with django_assert_max_num_queries(QUERIES_PROGRESS) as large:
        soup = progress_page(large_client)

    assert len(large.captured_queries) == len(small.captured_queries)
    assert len(topic_table(soup)) == 9
    assert sum(int(a) for _, a, _ in day_table(soup)) > 2000


def test_a_visitors_progress_page_runs_fixed_queries_too(client, labor, django_assert_num_queries):
    """Guards against per-topic or per-day queries on the visitor's path (their answers are
    found through their sessions, a join rather than a query per session)."""
    (topic, questions) = labor
    for question in questions:
        studied({"visitor_key": "mine"}, question, correct=True)
    as_visitor(client, "mine")

    # The session (1), topics, answers per topic and cards (3), answers per day (1).
    with django_assert_num_queries(5):
        soup = progress_page(client)

    assert topic_table(soup)["Forced labor"][2] == "4 / 4"
