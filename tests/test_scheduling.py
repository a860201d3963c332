"""quiz.scheduling: FSRS through the fsrs package, as the learner's pages use it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fsrs import Card, State

from quiz import scheduling

NOW = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4


def test_a_new_card_is_due_now_and_has_no_recall_yet():
    card = scheduling.new_card(NOW)

    assert datetime.fromisoformat(card["due"]) == NOW
    assert card["last_review"] is None
    assert scheduling.retrievability(card, NOW) == 0
    assert scheduling.retrievability(None, NOW) == 0


def test_reviewing_a_card_records_the_review_and_schedules_it_later():
    card = scheduling.review(None, GOOD, NOW)

    assert datetime.fromisoformat(card["last_review"]) == NOW
    assert datetime.fromisoformat(card["due"]) > NOW
    assert card["stability"] > 0


def test_recall_is_near_certain_just_after_a_review_and_fades_with_time():
    card = scheduling.review(None, GOOD, NOW)
    card = scheduling.review(card, GOOD, NOW + timedelta(days=1))

    soon = scheduling.retrievability(card, NOW + timedelta(days=1))
    later = scheduling.retrievability(card, NOW + timedelta(days=30))
    much_later = scheduling.retrievability(card, NOW + timedelta(days=365))

    assert soon > 0.95
    assert soon > later > much_later > 0


def test_the_interval_on_each_button_is_the_one_the_card_then_gets():
    """Fuzzing is off, so "Good · 3 days" on the button is what grading Good does."""
    card = scheduling.review(None, GOOD, NOW)
    card = scheduling.review(card, GOOD, NOW + timedelta(minutes=10))
    later = NOW + timedelta(days=3)

    intervals = scheduling.next_intervals(card, later)

    for rating in (AGAIN, HARD, GOOD, EASY):
        reviewed = scheduling.review(card, rating, later)
        assert datetime.fromisoformat(reviewed["due"]) - later == intervals[rating]


def test_harder_grades_bring_a_card_back_sooner():
    card = scheduling.review(None, GOOD, NOW)
    card = scheduling.review(card, GOOD, NOW + timedelta(minutes=10))

    intervals = scheduling.next_intervals(card, NOW + timedelta(days=3))

    assert intervals[AGAIN] < intervals[HARD] <= intervals[GOOD] < intervals[EASY]
    assert intervals[AGAIN] < timedelta(hours=1)
    assert intervals[EASY] >= timedelta(days=1)


def test_intervals_for_a_never_seen_card_start_in_minutes():
    intervals = scheduling.next_intervals(None, NOW)

    assert set(intervals) == {AGAIN, HARD, GOOD, EASY}
    assert intervals[AGAIN] <= timedelta(minutes=10)
    assert intervals[AGAIN] < intervals[EASY]


def test_a_database_utc_timezone_object_is_accepted():
    """PostgreSQL drivers may return zoneinfo's UTC, which fsrs itself would refuse."""
    zoned = NOW.astimezone(ZoneInfo("UTC"))
    card = scheduling.review(None, GOOD, zoned)

    assert scheduling.retrievability(card, zoned + timedelta(days=2)) > 0
    assert scheduling.next_intervals(card, zoned)[GOOD] > timedelta(0)


def test_a_naive_datetime_is_refused():
    with pytest.raises(ValueError):
        scheduling.review(None, GOOD, datetime(2024, 3, 1, 9, 0))


def test_forgetting_a_graduated_card_is_a_lapse_but_forgetting_a_new_one_is_not():
    learning = scheduling.review(None, GOOD, NOW)
    graduated = scheduling.review(None, EASY, NOW)

    assert graduated["state"] == 2  # fsrs State.Review
    assert scheduling.is_lapse(graduated, AGAIN)
    assert not scheduling.is_lapse(graduated, GOOD)
    assert not scheduling.is_lapse(learning, AGAIN)
    assert not scheduling.is_lapse(None, AGAIN)


def test_card_columns_mirror_the_card_and_keep_the_grade_that_made_it():
    card = scheduling.review(None, HARD, NOW)

    columns = scheduling.card_columns(card, rating=HARD)

    assert columns["card"] is card
    assert columns["due"] == datetime.fromisoformat(card["due"])
    assert columns["last_review"] == NOW
    assert columns["stability"] == card["stability"]
    assert columns["difficulty"] == card["difficulty"]
    assert columns["last_rating"] == HARD


# --- predicted recall --------------------------------------------------------------------


@pytest.mark.parametrize("stability", [0.1, 0.5, 2.0, 9.3, 40.0, 365.0])
@pytest.mark.parametrize("days", [0, 1, 2, 17, 400])
def test_recall_is_the_fsrs_packages_own_at_whole_days(stability, days):
    """At whole days the package's figure and ours are the same curve, same parameters."""
    reviewed = NOW - timedelta(days=days)
    card = Card(card_id=0, state=State.Review, stability=stability, difficulty=5.0, due=NOW,
                last_review=reviewed)  # fmt: skip

    expected = scheduling.SCHEDULER.get_card_retrievability(card, NOW)

    assert scheduling.recall(stability, reviewed, NOW) == pytest.approx(expected, rel=1e-12)


def test_recall_falls_to_ninety_percent_after_one_stability():
    assert scheduling.recall(7.5, NOW, NOW + timedelta(days=7.5)) == pytest.approx(0.9)


def test_recall_fades_within_the_day_of_the_review():
    """The package counts whole days, so it says 1.0 until a day has passed; we don't."""
    stability = 0.5  # what a card answered wrong may have: half a day
    card = Card(card_id=0, state=State.Relearning, stability=stability, difficulty=7.0,
                due=NOW, last_review=NOW)  # fmt: skip
    hours_later = [NOW + timedelta(hours=h) for h in (0, 1, 6, 23)]

    ours = [scheduling.recall(stability, NOW, at) for at in hours_later]
    packages = [scheduling.SCHEDULER.get_card_retrievability(card, at) for at in hours_later]

    assert packages == [1.0, 1.0, 1.0, 1.0]
    assert ours[0] == 1.0
    assert ours[0] > ours[1] > ours[2] > ours[3]
    assert ours[3] < 0.9  # past one stability (12 hours), below 90 %


def test_recall_is_zero_for_a_card_never_reviewed_and_one_before_its_review():
    assert scheduling.recall(None, None, NOW) == 0
    assert scheduling.recall(3.0, None, NOW) == 0
    # A clock a moment behind the review (another server's) is not the future.
    assert scheduling.recall(3.0, NOW, NOW - timedelta(seconds=5)) == 1.0


def test_retrievability_of_a_stored_card_is_recall_from_its_fields():
    card = scheduling.review(None, GOOD, NOW)
    later = NOW + timedelta(days=3, hours=7)

    expected = scheduling.recall(card["stability"], NOW, later)

    assert scheduling.retrievability(card, later) == expected
    assert 0 < expected < 1


@pytest.mark.parametrize(
    ("interval", "words"),
    [
        (timedelta(seconds=20), "1 min"),
        (timedelta(minutes=10), "10 min"),
        (timedelta(minutes=90), "2 hours"),
        (timedelta(hours=1), "1 hour"),
        (timedelta(days=1), "1 day"),
        (timedelta(days=3, hours=2), "3 days"),
        (timedelta(days=61), "2 months"),
        (timedelta(days=365), "1 year"),
        (timedelta(days=548), "1.5 years"),
    ],
)
def test_intervals_are_said_in_a_learners_words(interval, words):
    assert scheduling.format_interval(interval) == words
