"""Spaced repetition: a thin wrapper around the ``fsrs`` package (FSRS 6).

Card states are stored as ``fsrs.Card.to_dict()`` in ``CardState.card``; this module
turns them back into cards, reviews them and says when they come back. The
scheduling itself is entirely the package's.

Fuzzing is off: with it on, FSRS nudges each interval by a random few percent to spread
reviews out, so the interval printed on a grade button ("Good · 3 days") could differ
from the one the card then gets. For one learner's few hundred cards the spreading
matters less than the button telling the truth.

Predicted recall is the one thing computed here rather than by the package: ``recall``
evaluates FSRS's forgetting curve in continuous time (see there why).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fsrs import Card, Rating, Scheduler, State

__all__ = [
    "RATINGS",
    "card_columns",
    "format_interval",
    "is_lapse",
    "new_card",
    "next_intervals",
    "recall",
    "retrievability",
    "review",
]

SCHEDULER = Scheduler(enable_fuzzing=False)

# FSRS's forgetting curve, R(t) = (1 + FACTOR · t / S) ^ DECAY, with this scheduler's
# parameters: the same curve the package evaluates, so that R(S) = 0.9 by construction.
DECAY = -SCHEDULER.parameters[20]
FACTOR = 0.9 ** (1 / DECAY) - 1
_SECONDS_PER_DAY = 86_400

# The four grades, in button order, with the words the buttons use.
RATINGS: tuple[tuple[int, str], ...] = (
    (int(Rating.Again), "Again"),
    (int(Rating.Hard), "Hard"),
    (int(Rating.Good), "Good"),
    (int(Rating.Easy), "Easy"),
)


def _utc(moment: datetime) -> datetime:
    # fsrs insists on datetime.timezone.utc itself; database drivers may hand back another
    # UTC tzinfo object (zoneinfo's), which it would refuse.
    if moment.tzinfo is None:
        raise ValueError("Scheduling needs an aware datetime.")
    return moment.astimezone(UTC)


def new_card(now: datetime | None = None) -> dict:
    """A never-reviewed card, due now.

    The card id is irrelevant to us (the CardState row identifies the card); giving one
    avoids fsrs's own, which sleeps a millisecond to keep its timestamps unique.
    """
    due = _utc(now) if now else datetime.now(UTC)
    return Card(card_id=0, due=due).to_dict()


def _card(card: dict | None, now: datetime) -> Card:
    if card is None:
        return Card(card_id=0, due=now)
    return Card.from_dict(card)


def review(card: dict | None, rating: int, now: datetime) -> dict:
    """The card after a review with ``rating`` (1 Again … 4 Easy) at ``now``."""
    reviewed, _log = SCHEDULER.review_card(_card(card, _utc(now)), Rating(rating), _utc(now))
    return reviewed.to_dict()


def is_lapse(card: dict | None, rating: int) -> bool:
    """Forgetting a card that had graduated to review counts as a lapse (FSRS's meaning)."""
    return card is not None and rating == Rating.Again and card["state"] == State.Review


def recall(stability: float | None, last_review: datetime | None, at: datetime) -> float:
    """Predicted probability of recalling a card at ``at``; 0 for a card never reviewed.

    The fsrs package counts whole days since the last review, which is right for deciding
    which day a card is due but makes every card reviewed today predict certain recall until
    midnight. Here the time is continuous (fractional days): recall is 1 at the moment of the
    review and starts fading at once, and at whole days it equals the package's figure.
    Takes the two CardState columns rather than a Card, so bulk reads build no Card objects.
    """
    if stability is None or last_review is None:
        return 0.0
    days = max(0.0, (at - last_review).total_seconds() / _SECONDS_PER_DAY)
    return (1 + FACTOR * days / stability) ** DECAY


def retrievability(card: dict | None, now: datetime) -> float:
    """``recall`` of a stored card dict at ``now``; 0 for a never-reviewed card."""
    if card is None or card["last_review"] is None:
        return 0.0
    return recall(card["stability"], datetime.fromisoformat(card["last_review"]), _utc(now))


def next_intervals(card: dict | None, now: datetime) -> dict[int, timedelta]:
    """For each rating, how long until the card would come back if graded so now."""
    now = _utc(now)
    current = _card(card, now)
    intervals = {}
    for rating, _label in RATINGS:
        reviewed, _log = SCHEDULER.review_card(current, Rating(rating), now)
        intervals[rating] = reviewed.due - now
    return intervals


def card_columns(card: dict, *, rating: int | None = None) -> dict:
    """The CardState columns that mirror a card dict (what the queries filter on).

    ``rating`` is the grade of the review that produced ``card``: it is not part of the
    card, but mastery needs it (quiz.progress), so every review writes it alongside.
    """
    return {
        "card": card,
        "due": datetime.fromisoformat(card["due"]),
        "stability": card["stability"],
        "difficulty": card["difficulty"],
        "last_review": (
            datetime.fromisoformat(card["last_review"]) if card["last_review"] else None
        ),
        "last_rating": rating,
    }


def format_interval(interval: timedelta) -> str:
    """An interval in a learner's words: "1 min", "10 min", "5 hours", "3 days", "2 months"."""
    seconds = max(0, round(interval.total_seconds()))
    minutes = seconds / 60
    if minutes < 60:
        value = max(1, round(minutes))
        return f"{value} min"
    hours = minutes / 60
    if hours < 24:
        value = round(hours)
        return f"{value} hour" if value == 1 else f"{value} hours"
    days = hours / 24
    if days < 31:
        value = round(days)
        return f"{value} day" if value == 1 else f"{value} days"
    if days < 365:
        value = round(days / 30.4)
        return f"{value} month" if value == 1 else f"{value} months"
    value = round(days / 365, 1)
    text = f"{value:g}"
    return f"{text} year" if text == "1" else f"{text} years"
