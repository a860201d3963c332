"""Query counts of the admin's busiest pages, pinned so that an N+1 cannot creep in."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from content.models import Choice, Question, Report, Section, Sentence, Topic
from quiz.models import Answer, Flag, QuizSession
from tests.factories import FlagFactory, QuestionFactory, ReportFactory, StudentFactory
from tests.test_admin_questions import change_url

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:content_question_changelist")
# The admin's session and user; the filter choices (topics, reports, sections); the
# filtered and the full count; the page of rows with its statistics; the page's topics.
LIST_QUERIES = 9


def make_bank(size: int, *, learners: int = 4) -> Report:
    """``size`` published questions across 4 sections and 3 topics, with answers from a few
    learners on a third of them and an open flag on every tenth; in bulk, for speed."""
    report = ReportFactory(cleaned_text="x" * 20_000, raw_text="y" * 20_000)
    sections = Section.objects.bulk_create(
        Section(report=report, order=i, heading=f"Section {i}", start=0, end=1) for i in range(4)
    )
    topics = [Topic.objects.get_or_create(slug=f"t{i}", name=f"Topic {i}")[0] for i in range(3)]
    sentences = Sentence.objects.bulk_create(
        Sentence(
            report=report,
            section=sections[i % 4],
            position=i,
            text=f"In 2018, Testland held {i + 2} prisoners.",
            start=i * 50,
            end=i * 50 + 40,
        )
        for i in range(size)
    )
    questions = Question.objects.bulk_create(
        Question(
            report=report,
            sentence=sentence,
            type="multiple_choice",
            prompt=f"According to the report, how many prisoners did Testland hold ({i})?",
            answer=str(i + 2),
            explanation="The report says so.",
            status="published",
            fingerprint=f"fp{i}",
        )
        for i, sentence in enumerate(sentences)
    )
    Choice.objects.bulk_create(
        Choice(question=q, text=text, is_correct=n == 0, order=n)
        for q in questions
        for n, text in enumerate([q.answer, "a", "b", "c"])
    )
    through = Question.topics.through
    through.objects.bulk_create(
        through(question_id=q.pk, topic_id=topics[i % 3].pk) for i, q in enumerate(questions)
    )
    students = StudentFactory.create_batch(learners)
    now = timezone.now()
    for student in students:
        session = QuizSession.objects.create(user=student, shuffle_seed=1, length=1)
        Answer.objects.bulk_create(
            Answer(
                session=session,
                question=q,
                user=student,
                is_correct=i % 2 == 0,
                rating=3,
                answered_at=now,
            )
            for i, q in enumerate(questions[::3])
        )
    Flag.objects.bulk_create(
        Flag(question=q, user=students[0], reason="unclear") for q in questions[::10]
    )
    return report


def count_queries(client, url: str) -> int:
    client.get(url)  # warm Django's own caches (content types), as a running site has them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert len(queries) > 2, "the capture saw no queries: it cannot compare anything"
    return len(queries)


def test_the_question_list_runs_a_fixed_number_of_queries_for_1000_questions(
    admin_client, django_assert_max_num_queries
):
    """Guards the per-row queries a list invites: each row's report, section, topics,
    answers, facility and open flags. Counts come from subqueries and a prefetch."""
    make_bank(1000)

    with django_assert_max_num_queries(LIST_QUERIES):
        response = admin_client.get(CHANGELIST)

    assert response.status_code == 200
    assert response.context["cl"].result_count == 1000
    assert len(response.context["cl"].result_list) == 50


def test_the_question_list_costs_the_same_for_10_and_1000_questions(admin_client):
    """The same page, on a small bank and on one a hundred times bigger."""
    make_bank(10)
    small = count_queries(admin_client, CHANGELIST)
    make_bank(990)  # a second report: 1,000 questions in all
    assert count_queries(admin_client, CHANGELIST) == small


@pytest.mark.parametrize(
    "query",
    [
        "open_flags=yes",
        "facility=low",
        "answers=1-9&type__exact=multiple_choice",
        "status__exact=needs_review",
        "q=prisoners",
        "o=-8",  # sorted by facility
    ],
)
def test_filtered_and_searched_lists_stay_within_the_same_budget(
    admin_client, django_assert_max_num_queries, query
):
    """Filters, search and sorting on the annotations add no per-row queries."""
    make_bank(300)
    with django_assert_max_num_queries(LIST_QUERIES):
        response = admin_client.get(f"{CHANGELIST}?{query}")
    assert response.status_code == 200


def test_the_question_page_costs_the_same_with_1_or_30_flags(admin_client):
    """Guards the flag inline: each flag's learner and resolver come with it."""
    question = QuestionFactory()
    FlagFactory(question=question)
    few = count_queries(admin_client, change_url(question))
    for _ in range(29):
        FlagFactory(question=question, resolved_at=timezone.now(), resolved_by=StudentFactory())
    assert count_queries(admin_client, change_url(question)) == few


def test_the_flag_list_costs_the_same_for_1_or_40_flags(admin_client):
    """Guards the flag list: each row's question, learner and resolver come with it."""
    FlagFactory()
    few = count_queries(admin_client, reverse("admin:quiz_flag_changelist"))
    for _ in range(39):
        FlagFactory(resolved_at=timezone.now(), resolved_by=StudentFactory())
    assert count_queries(admin_client, reverse("admin:quiz_flag_changelist")) == few


def test_the_report_list_never_loads_the_report_texts(admin_client):
    """A report row holds the chapter twice: the list must not fetch it."""
    make_bank(5)
    with CaptureQueriesContext(connection) as queries:
        admin_client.get(reverse("admin:content_report_changelist"))
        admin_client.get(CHANGELIST)
    row_queries = [q["sql"] for q in queries if '"content_report"' in q["sql"]]
    assert row_queries
    assert not [sql for sql in row_queries if "raw_text" in sql or "cleaned_text" in sql]
