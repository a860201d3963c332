"""quiz.progress: mastery, accuracy, seen, due and activity, exact per learner, in fixed queries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Card, Scheduler

from content.services import report_import
from quiz import progress, scheduling
from quiz.models import CardState
from quiz.scheduling import card_columns, review
from quiz.visitors import Owner
from tests.bench import SEED_PATH
from tests.bench_progress import build_bank, build_history
from tests.factories import (
    AnswerFactory,
    QuestionFactory,
    QuizSessionFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2018, 12, 31, 15, 0, tzinfo=UTC)
VISITOR = "visitor-key-of-a-test"


def make_card(owner: Owner, question, *, reviewed_at: datetime, rating: int = 3, due=None):
    columns = card_columns(review(None, rating, reviewed_at), rating=rating)
    if due is not None:
        columns["due"] = due
    return CardState.objects.create(**owner.fields, question=question, reviews=1, **columns)


def answer(owner: Owner, question, *, correct: bool = True, at: datetime = NOW, session=None):
    session = session or QuizSessionFactory(**owner.fields)
    return AnswerFactory(
        session=session, user=owner.user, question=question, is_correct=correct, answered_at=at
    )


def recall(card_state: CardState, now: datetime) -> float:
    """FSRS's own prediction, straight from the package."""
    return Scheduler().get_card_retrievability(Card.from_dict(card_state.card), now)


@pytest.fixture
def topic():
    return TopicFactory(slug="forced-labor", name="Forced labor", position=1)


@pytest.fixture
def questions(topic):
    return [QuestionFactory(topics=[topic]) for _ in range(5)]


@pytest.fixture
def ana(student) -> Owner:
    return Owner(user=student)


def row_for(rows, topic) -> progress.TopicProgress:
    (row,) = [row for row in rows if row.topic == topic]
    return row


# --- mastery ----------------------------------------------------------------------------


def test_a_topic_nobody_studied_has_zero_mastery_and_counts_only_published_questions(
    topic, questions, ana
):
    QuestionFactory(topics=[topic], status="needs_review")
    QuestionFactory(topics=[topic], status="retired")

    row = row_for(progress.topic_progress(ana, NOW), topic)

    assert (row.total, row.mastery, row.seen, row.due, row.accuracy) == (5, 0, 0, 0, None)
    assert row.last_studied is None


def test_a_card_passed_two_hours_ago_counts_nearly_full_recall_and_unseen_questions_zero(
    topic, questions, ana
):
    make_card(ana, questions[0], reviewed_at=NOW - timedelta(hours=2))

    row = row_for(progress.topic_progress(ana, NOW), topic)

    assert row.mastery == 20  # one of five questions, recalled with probability just under 1


def test_mastery_is_the_mean_predicted_recall_over_the_topics_questions(topic, questions, ana):
    older = make_card(ana, questions[0], reviewed_at=NOW - timedelta(days=12))
    newer = make_card(ana, questions[1], reviewed_at=NOW - timedelta(days=3), rating=4)
    expected = 100 * (recall(older, NOW) + recall(newer, NOW)) / 5
    assert 0 < expected < 40  # both have faded: the test would not notice a constant 1.0

    row = row_for(progress.topic_progress(ana, NOW), topic)

    assert row.mastery == round(expected)


def test_mastery_agrees_with_the_schedulers_own_recall_of_each_stored_card(topic, questions, ana):
    """Mastery reads a card's stability and last review from their columns; the scheduler
    reads the stored card itself. Both must predict the same recall (a card last graded
    Again counts 0 whatever its recall)."""
    states = [
        make_card(ana, question, reviewed_at=NOW - timedelta(days=days), rating=rating)
        for question, days, rating in zip(questions[:4], (1, 4, 9, 90), (1, 2, 3, 4), strict=True)
    ]
    twice = review(review(None, 3, NOW - timedelta(days=20)), 3, NOW - timedelta(days=6, hours=5))
    states.append(
        CardState.objects.create(
            **ana.fields, question=questions[4], reviews=2, **card_columns(twice, rating=3)
        )
    )
    passed = [state for state in states if state.last_rating != 1]
    assert len(passed) == 4
    expected = 100 * sum(scheduling.retrievability(state.card, NOW) for state in passed) / 5

    row = row_for(progress.topic_progress(ana, NOW), topic)

    assert 10 < expected < 95
    assert row.mastery == round(expected)


def test_mastery_fades_as_time_passes_without_review(topic, questions, ana):
    for question in questions:
        make_card(ana, question, reviewed_at=NOW)

    today = row_for(progress.topic_progress(ana, NOW), topic).mastery
    later = row_for(progress.topic_progress(ana, NOW + timedelta(days=60)), topic).mastery

    assert today == 100
    assert 0 < later < today


def test_a_question_filed_under_two_topics_counts_in_both(topic, questions, ana):
    other = TopicFactory(slug="detention", name="Detention", position=2)
    shared = QuestionFactory(topics=[topic, other])
    for _ in range(3):
        QuestionFactory(topics=[other])
    make_card(ana, shared, reviewed_at=NOW)

    rows = progress.topic_progress(ana, NOW)

    assert row_for(rows, topic).mastery == round(100 / 6)
    assert row_for(rows, other).mastery == 25


def test_cards_of_questions_no_longer_published_do_not_count(topic, questions, ana):
    retired = QuestionFactory(topics=[topic], status="retired")
    make_card(ana, retired, reviewed_at=NOW, due=NOW - timedelta(hours=1))

    row = row_for(progress.topic_progress(ana, NOW), topic)

    assert (row.mastery, row.due) == (0, 0)


# --- accuracy, seen, last studied, due ----------------------------------------------------


def test_accuracy_seen_and_last_studied_come_from_the_learners_answers(topic, questions, ana):
    session = QuizSessionFactory(user=ana.user, length=10)
    answer(ana, questions[0], correct=True, at=NOW - timedelta(days=3), session=session)
    answer(ana, questions[1], correct=False, at=NOW - timedelta(days=1), session=session)
    answer(ana, questions[0], correct=True, at=NOW - timedelta(days=2))
    unpublished = QuestionFactory(topics=[topic], status="needs_review")
    answer(ana, unpublished, correct=False, at=NOW)

    row = row_for(progress.topic_progress(ana, NOW), topic)

    assert (row.answers, row.correct, row.accuracy) == (3, 2, 67)
    assert row.seen == 2
    assert row.last_studied == NOW - timedelta(days=1)


def test_cards_due_are_those_whose_due_time_has_come(topic, questions, ana):
    make_card(ana, questions[0], reviewed_at=NOW - timedelta(days=5), due=NOW - timedelta(days=1))
    make_card(ana, questions[1], reviewed_at=NOW - timedelta(days=5), due=NOW)
    make_card(ana, questions[2], reviewed_at=NOW - timedelta(days=5), due=NOW + timedelta(hours=1))

    row = row_for(progress.topic_progress(ana, NOW), topic)

    assert row.due == 2
    assert progress.due_count(ana, NOW) == 2


def test_due_cards_are_counted_per_deck_that_can_show_them(ana):
    topic = TopicFactory()
    kinds = {
        "true_false": QuestionFactory(type="true_false", answer="True", topics=[topic]),
        "flashcard": QuestionFactory(type="flashcard", choices=[], topics=[topic]),
        "fill_in": QuestionFactory(type="fill_in", choices=[], topics=[topic]),
    }
    for question in kinds.values():
        make_card(ana, question, reviewed_at=NOW - timedelta(days=9), due=NOW - timedelta(hours=1))

    due = progress.due_cards(ana, NOW)

    # A true/false statement makes no flashcard; a flashcard-type question is no quiz item.
    assert (due.total, due.as_cards, due.as_quiz) == (3, 2, 2)


def test_min_questions_leaves_out_topics_too_small_for_a_quiz(topic, questions, ana):
    small = TopicFactory(slug="small", name="Small")
    QuestionFactory(topics=[small])

    shown = [row.topic for row in progress.topic_progress(ana, NOW, min_questions=5)]
    everything = [row.topic for row in progress.topic_progress(ana, NOW)]

    assert topic in shown and small not in shown
    assert small in everything


# --- whose data --------------------------------------------------------------------------


def test_two_students_each_see_only_their_own_history(topic, questions, ana, other_student):
    ben = Owner(user=other_student)
    make_card(ana, questions[0], reviewed_at=NOW)
    answer(ana, questions[0], correct=True)
    for question in questions[1:]:
        make_card(ben, question, reviewed_at=NOW, due=NOW - timedelta(minutes=5))
        answer(ben, question, correct=False)

    mine = row_for(progress.topic_progress(ana, NOW), topic)
    theirs = row_for(progress.topic_progress(ben, NOW), topic)

    assert (mine.mastery, mine.seen, mine.accuracy, mine.due) == (20, 1, 100, 0)
    assert (theirs.mastery, theirs.seen, theirs.accuracy, theirs.due) == (80, 4, 0, 4)
    assert progress.due_count(ana, NOW) == 0
    assert sum(day.answers for day in progress.activity(ana, now=NOW)) == 1


def test_a_visitors_progress_is_kept_under_their_key_only(topic, questions, ana):
    visitor = Owner(visitor_key=VISITOR)
    stranger = Owner(visitor_key="someone-else")
    make_card(visitor, questions[0], reviewed_at=NOW, due=NOW - timedelta(minutes=1))
    make_card(visitor, questions[1], reviewed_at=NOW)
    answer(visitor, questions[0], correct=True)
    answer(visitor, questions[1], correct=False)
    answer(stranger, questions[2], correct=True)
    make_card(ana, questions[3], reviewed_at=NOW)

    for who in (VISITOR, visitor):  # a bare key or an Owner
        row = row_for(progress.topic_progress(who, NOW), topic)
        assert (row.mastery, row.seen, row.answers, row.accuracy, row.due) == (40, 2, 2, 50, 1)
    assert progress.due_count(VISITOR, NOW) == 1
    assert sum(day.answers for day in progress.activity(VISITOR, now=NOW)) == 2
    assert row_for(progress.topic_progress(ana, NOW), topic).seen == 0


def test_a_user_passed_directly_is_the_same_owner_as_owner_of_that_user(topic, questions, ana):
    make_card(ana, questions[0], reviewed_at=NOW)

    assert progress.topic_progress(ana.user, NOW) == progress.topic_progress(ana, NOW)


def test_nobody_yet_has_empty_progress_without_querying_history(topic, questions):
    rows = progress.topic_progress(None, NOW)

    assert [(row.topic, row.total, row.mastery) for row in rows] == [(topic, 5, 0)]
    assert progress.due_count(None, NOW) == 0
    assert progress.unfinished_session(None) is None
    assert all(day.answers == 0 for day in progress.activity("", now=NOW))


# --- activity ----------------------------------------------------------------------------


def test_activity_has_thirty_days_ending_today_with_the_zero_days(ana, questions):
    answer(ana, questions[0], at=NOW)
    answer(ana, questions[1], at=NOW - timedelta(days=2), correct=False)
    answer(ana, questions[2], at=NOW - timedelta(days=2, hours=1))

    days = progress.activity(ana, 30, now=NOW)

    assert len(days) == 30
    assert days[-1].day == NOW.date()
    assert days[0].day == NOW.date() - timedelta(days=29)
    assert [(d.answers, d.correct) for d in days[-3:]] == [(2, 1), (0, 0), (1, 1)]
    assert sum(d.answers for d in days) == 3


def test_activity_counts_the_first_day_from_midnight_and_nothing_older(ana, questions):
    first_midnight = datetime(2018, 12, 2, 0, 0, tzinfo=UTC)
    answer(ana, questions[0], at=first_midnight)
    answer(ana, questions[1], at=first_midnight - timedelta(seconds=1))
    answer(ana, questions[2], at=datetime(2018, 12, 31, 23, 59, tzinfo=UTC))

    days = progress.activity(ana, 30, now=NOW)

    assert (days[0].day, days[0].answers) == (first_midnight.date(), 1)
    assert days[-1].answers == 1
    assert sum(d.answers for d in days) == 2


# --- next steps --------------------------------------------------------------------------


def test_the_unfinished_session_is_the_learners_latest_one_with_questions_left(ana, other_student):
    QuizSessionFactory(user=ana.user, length=5, answered_count=2)
    latest = QuizSessionFactory(user=ana.user, length=5, answered_count=1)
    QuizSessionFactory(user=ana.user, length=5, answered_count=5, finished_at=NOW)
    QuizSessionFactory(user=other_student, length=5)

    assert progress.unfinished_session(ana) == latest
    assert progress.unfinished_session(Owner(visitor_key=VISITOR)) is None


def test_the_weakest_topic_is_the_lowest_mastery_then_the_least_seen(ana):
    t = [TopicFactory(position=n) for n in range(3)]
    rows = [
        progress.TopicProgress(topic=t[0], total=10, mastery=30, seen=5),
        progress.TopicProgress(topic=t[1], total=10, mastery=10, seen=6),
        progress.TopicProgress(topic=t[2], total=10, mastery=10, seen=2),
    ]

    assert progress.weakest(rows).topic == t[2]
    assert progress.weakest([]) is None


@pytest.mark.parametrize(
    ("moment", "past", "words"),
    [
        (NOW - timedelta(hours=14), True, "today"),
        (NOW - timedelta(days=1), True, "yesterday"),
        (NOW - timedelta(days=3), True, "3 days ago"),
        (NOW + timedelta(hours=10), False, "tomorrow"),
        (NOW + timedelta(days=5), False, "in 5 days"),
    ],
)
def test_dates_are_said_in_a_learners_words(moment, past, words):
    assert progress.days_phrase(moment, NOW, past=past) == words


# --- a fixed number of queries -----------------------------------------------------------


@pytest.fixture
def big_history(student):
    """1,000 published questions, 5,000 answers and 600 cards of one student."""
    report = report_import(raw_text=SEED_PATH.read_text(encoding="utf-8")).report
    questions = build_bank(report)
    build_history(student, questions, now=NOW)
    return Owner(user=student)


def test_progress_reads_take_fixed_queries_at_scale(big_history, django_assert_num_queries):
    """Guards against a query per topic, per card or per day (an N+1 over the history)."""
    with django_assert_num_queries(3):
        rows = progress.topic_progress(big_history, NOW)
    with django_assert_num_queries(1):
        due = progress.due_count(big_history, NOW)
    with django_assert_num_queries(1):
        days = progress.activity(big_history, 30, now=NOW)

    # The history is really there, so the counts above are measured at scale.
    assert sum(row.seen for row in rows) > 900
    assert due == 200
    assert sum(day.answers for day in days) > 2000
