"""What a teacher reads about a class: the students × topics dashboard and the item analysis.

Both are computed for the whole class at once, in a fixed number of queries whatever the
number of students, topics, assignments and answers: the database groups and counts, Python
does the arithmetic that SQL engines disagree on (powers, correlations).

Mastery has the learner's definition, computed by the same function (quiz.progress
``card_mastery``): the mean over a topic's published questions of each one's predicted recall
now if its latest review was a pass, 0 if it was answered wrong last time or never studied.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db.models import CharField, Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone

from content.models import Choice, Question, QuestionStatus, Topic
from quiz.assignments import (
    DONE,
    LATE,
    AssignmentSummary,
    Tally,
    class_tallies,
    summarize_assignments,
)
from quiz.models import Answer, Assignment, CardState, Classroom, Membership
from quiz.progress import card_mastery, days_phrase

# Below this many students a facility or a correlation says more about who answered than
# about the question.
MIN_STUDENTS = 5


def _parse_utc(value: str | None) -> datetime | None:
    # The text of a stored UTC time: "2018-05-01 10:00:00.5" (SQLite) or with "+00" (PostgreSQL).
    if value is None:
        return None
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def band(mastery: int) -> str:
    """The colour band of a mastery cell; the number is always printed next to it."""
    if mastery >= 80:
        return "strong"
    if mastery >= 50:
        return "fair"
    if mastery >= 20:
        return "weak"
    return "none"


@dataclass(frozen=True)
class TopicMastery:
    topic: Topic
    mastery: int
    seen: int
    total: int

    @property
    def band(self) -> str:
        return band(self.mastery)


@dataclass
class BankTopics:
    """The topics that have published questions (each with ``published``, their count), and
    the topics of the published questions some students have cards for."""

    topics: list[Topic]
    topics_of: dict[int, list[int]]


def bank_topics(student_ids: Iterable[int]) -> BankTopics:
    """Two queries, whatever the size of the bank: the topics with their published counts
    (counted by the database), and the topics of the questions these students studied."""
    topics = list(
        Topic.objects.annotate(
            published=Count("questions", filter=Q(questions__status=QuestionStatus.PUBLISHED))
        )
        .filter(published__gt=0)
        .order_by("position", "name")
    )
    studied = CardState.objects.filter(user_id__in=list(student_ids)).values("question_id")
    pairs = Question.topics.through.objects.filter(
        question__status=QuestionStatus.PUBLISHED, question_id__in=studied
    ).values_list("question_id", "topic_id")
    topics_of: dict[int, list[int]] = defaultdict(list)
    for question_id, topic_id in pairs:
        topics_of[question_id].append(topic_id)
    return BankTopics(topics=topics, topics_of=dict(topics_of))


def mastery_table(
    student_ids: Iterable[int], bank: BankTopics, now: datetime
) -> dict[int, dict[int, TopicMastery]]:
    """{student id: {topic id: TopicMastery}} for many students in one query (the cards)."""
    student_ids = list(student_ids)
    known: dict[tuple[int, int], float] = defaultdict(float)
    seen: dict[tuple[int, int], int] = defaultdict(int)
    # last_review comes as text: Django's conversion of ten thousand datetimes one by one
    # cost more than the query and the arithmetic together; fromisoformat is quick.
    cards = CardState.objects.filter(user_id__in=student_ids).values_list(
        "user_id", "question_id", "stability", Cast("last_review", CharField()), "last_rating"
    )
    topics_of = bank.topics_of
    for user_id, question_id, stability, last_review, last_rating in cards:
        # Cards of questions no longer published (or without a topic) count for nothing.
        topic_ids = topics_of.get(question_id)
        if not topic_ids:
            continue
        known_now = card_mastery(stability, _parse_utc(last_review), last_rating, now)
        for topic_id in topic_ids:
            seen[(user_id, topic_id)] += 1
            known[(user_id, topic_id)] += known_now
    return {
        student_id: {
            topic.pk: TopicMastery(
                topic=topic,
                mastery=max(
                    0, min(100, round(100 * known[(student_id, topic.pk)] / topic.published))
                ),
                seen=seen[(student_id, topic.pk)],
                total=topic.published,
            )
            for topic in bank.topics
        }
        for student_id in student_ids
    }


def accuracy_table(student_ids: Iterable[int]) -> dict[tuple[int, int], tuple[int, int, int]]:
    """{(student id, topic id): (answers, correct, questions seen)} in one query.

    Counted as quiz.progress counts them for one learner: all their answers to published
    questions, wherever they gave them.
    """
    rows = (
        Answer.objects.filter(
            user_id__in=list(student_ids), question__status=QuestionStatus.PUBLISHED
        )
        .values_list("user_id", "question__topics")
        .annotate(
            n=Count("id"),
            correct=Count("id", filter=Q(is_correct=True)),
            seen=Count("question", distinct=True),
        )
        .order_by()
    )
    return {(user_id, topic_id): (n, correct, seen) for user_id, topic_id, n, correct, seen in rows}


# --- the class dashboard ------------------------------------------------------------------


@dataclass
class DashboardRow:
    membership: Membership
    cells: list[TopicMastery]
    assignments_done: int
    assignments_late: int
    mean_score: int | None
    last_activity: datetime | None

    @property
    def student(self):
        return self.membership.student

    @property
    def last_activity_words(self) -> str:
        if self.last_activity is None:
            return "never"
        return days_phrase(self.last_activity, timezone.now(), past=True)


@dataclass
class Dashboard:
    classroom: Classroom
    topics: list[Topic]
    rows: list[DashboardRow]
    assignments: list[AssignmentSummary]
    sort: str = "name"

    @property
    def assignment_count(self) -> int:
        return len(self.assignments)

    def columns(self) -> list[SortColumn]:
        """The sortable columns, each with the ?sort= its header links to and its aria-sort."""
        keys = [("name", "Student", None)]
        keys += [(f"topic-{t.slug}", t.name, t) for t in self.topics]
        keys += [("done", "Assignments done", None), ("score", "Mean score", None)]
        keys += [("last", "Last activity", None)]
        current, descending = self.sort.removeprefix("-"), self.sort.startswith("-")
        columns = []
        for key, label, topic in keys:
            if key == current:
                aria = "descending" if descending else "ascending"
                link = key if descending else f"-{key}"
            else:
                aria, link = "none", key
            columns.append(SortColumn(key=key, label=label, topic=topic, aria_sort=aria, link=link))
        return columns


@dataclass(frozen=True)
class SortColumn:
    key: str
    label: str
    topic: Topic | None
    aria_sort: str
    link: str


class BadSort(ValueError):
    pass


def _sort_key(sort: str, topics: list[Topic]):
    """The whitelist of ?sort= values: name, done, score, last, topic-<slug>; "-" reverses."""
    key = sort.removeprefix("-")
    if key == "name":
        return lambda row: row.student.get_username().casefold()
    if key == "done":
        return lambda row: row.assignments_done + row.assignments_late
    if key == "score":
        return lambda row: row.mean_score
    if key == "last":
        return lambda row: row.last_activity
    for index, topic in enumerate(topics):
        if key == f"topic-{topic.slug}":
            return lambda row, index=index: row.cells[index].mastery
    raise BadSort(f"Can't sort by “{sort[:40]}”.")


def sort_rows(rows: list[DashboardRow], sort: str, topics: list[Topic]) -> list[DashboardRow]:
    key = _sort_key(sort, topics)
    by_name = sorted(rows, key=lambda row: row.student.get_username().casefold())
    known = [row for row in by_name if key(row) is not None]
    unknown = [row for row in by_name if key(row) is None]
    # A stable sort, reversed or not, keeps equals in name order.
    known.sort(key=key, reverse=sort.startswith("-"))
    # Students with nothing to compare (no score, never active) go last either way.
    return known + unknown


def class_dashboard(
    classroom: Classroom, *, now: datetime | None = None, sort: str = "name"
) -> Dashboard:
    """Students × topics mastery, assignment completion and scores, last activity.

    Six queries: members (with their last answer), topics, published questions' topics,
    card states, assignments, attempts counted per student and assignment. Raises BadSort
    for a ?sort= outside the whitelist.
    """
    now = now or timezone.now()
    # The latest answer of each student, found through the (user, answered_at) index.
    latest = Answer.objects.filter(user=OuterRef("student_id")).order_by("-answered_at")
    members = list(
        Membership.objects.filter(classroom=classroom)
        .select_related("student")
        .annotate(last_activity=Subquery(latest.values("answered_at")[:1]))
        .order_by("student__username")
    )
    student_ids = [m.student_id for m in members]
    bank = bank_topics(student_ids)
    topics = bank.topics
    _sort_key(sort, topics)  # refuse a bad sort before doing the work
    mastery = mastery_table(student_ids, bank, now)
    assignments = list(classroom.assignments.order_by("due_at", "title", "pk"))
    tallies = class_tallies(classroom, student_ids)
    summaries = summarize_assignments(assignments, student_ids, tallies)
    rows = []
    for membership in members:
        mine = [tallies.get((a.pk, membership.student_id), Tally()) for a in assignments]
        statuses = [t.status for t in mine]
        scores = [t.best_score for t in mine if t.best_score is not None]
        rows.append(
            DashboardRow(
                membership=membership,
                cells=[mastery[membership.student_id][t.pk] for t in topics],
                assignments_done=statuses.count(DONE),
                assignments_late=statuses.count(LATE),
                mean_score=round(sum(scores) / len(scores)) if scores else None,
                last_activity=membership.last_activity,
            )
        )
    return Dashboard(
        classroom=classroom,
        topics=topics,
        rows=sort_rows(rows, sort, topics),
        assignments=summaries,
        sort=sort,
    )


# --- item analysis ------------------------------------------------------------------------


@dataclass(frozen=True)
class ChoiceCount:
    letter: str
    text: str
    is_correct: bool
    count: int


@dataclass
class ItemStats:
    """How the class did on one question.

    facility: the mean over students of their share of right answers to it, in percent.
    discrimination: Pearson's r between a student's score on this question and their score on
    the rest (all their other answers in the same scope), as Moodle defines it; None when
    fewer than MIN_STUDENTS students answered or when either score does not vary.
    ``question`` (with its sentence, report and choices) is loaded by load_questions, only for
    the items a page shows.
    """

    question_id: int
    students: int
    answers: int
    correct: int
    facility: float
    discrimination: float | None
    choice_counts: dict[int, int] = field(default_factory=dict)
    wrong_responses: list[tuple[str, int]] = field(default_factory=list)
    question: Question | None = None

    @property
    def too_few(self) -> bool:
        return self.students < MIN_STUDENTS

    @property
    def choices(self) -> list[ChoiceCount]:
        """Each choice of the question, lettered in the bank's order, with how often picked."""
        return [
            ChoiceCount(
                letter="ABCDEFGH"[i] if i < 8 else str(i + 1),
                text=choice.text,
                is_correct=choice.is_correct,
                count=self.choice_counts.get(choice.pk, 0),
            )
            for i, choice in enumerate(self.question.choices.all())
        ]

    @property
    def reader_url(self) -> str:
        sentence_pk = self.question.sentence_id
        url = reverse("reader", args=[self.question.report.slug])
        return f"{url}?highlight={sentence_pk}#s-{sentence_pk}"


def _correlation(xs: list[float], ys: list[float]) -> float | None:
    if len(xs) < 2:
        return None
    try:
        return statistics.correlation(xs, ys)
    except statistics.StatisticsError:
        # One of the two scores is the same for everyone: no correlation to speak of.
        return None


def item_stats(classroom: Classroom, *, assignment: Assignment | None = None) -> list[ItemStats]:
    """Per question: facility, discrimination, choice counts; hardest first. Two queries.

    The scope is the answers the class's current students gave in the attempts at this
    class's assignments (or at one of them): what the teacher set, not their private study.
    Judged questions come first, the hardest (lowest facility) at the top; then the ones
    answered by too few students to judge.
    """
    scope = Answer.objects.filter(
        session__assignment__classroom=classroom,
        user_id__in=Membership.objects.filter(classroom=classroom).values("student_id"),
    )
    if assignment is not None:
        scope = scope.filter(session__assignment=assignment)
    # One row per student, question and choice picked: enough for both the scores and the
    # choice counts (typed answers have no choice: one row per student and question).
    grouped = (
        scope.values_list("user_id", "question_id", "choice_id")
        .annotate(n=Count("id"), correct=Count("id", filter=Q(is_correct=True)))
        .order_by()
    )
    per_pair: dict[tuple[int, int], list[int]] = {}
    choice_counts: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for user_id, question_id, choice_id, n, correct in grouped:
        pair = per_pair.setdefault((user_id, question_id), [0, 0])
        pair[0] += n
        pair[1] += correct
        if choice_id is not None:
            choice_counts[question_id][choice_id] += n
    if not per_pair:
        return []
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    by_question: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for (user_id, question_id), (n, correct) in per_pair.items():
        totals[user_id][0] += n
        totals[user_id][1] += correct
        by_question[question_id].append((user_id, n, correct))

    # A flashcard's "response" is its grade, not something the student typed: only fill-ins.
    typed: dict[int, dict[str, list]] = defaultdict(dict)
    wrong_typed = (
        scope.filter(question__type=Question.Type.FILL_IN, is_correct=False)
        .values_list("question_id", "response")
        .annotate(n=Count("id"))
        .order_by()
    )
    for question_id, response, n in wrong_typed:
        if response.strip():
            # Typed answers that differ only in case or spacing are the same mistake.
            key = " ".join(response.split()).casefold()
            entry = typed[question_id].setdefault(key, [response.strip(), 0])
            entry[1] += n

    items = []
    for question_id, pairs in by_question.items():
        scores = [correct / n for _, n, correct in pairs]
        xs, ys = [], []
        for (user_id, n, correct), score in zip(pairs, scores, strict=True):
            total_n, total_correct = totals[user_id]
            if total_n > n:
                xs.append(score)
                ys.append((total_correct - correct) / (total_n - n))
        items.append(
            ItemStats(
                question_id=question_id,
                students=len(pairs),
                answers=sum(n for _, n, _ in pairs),
                correct=sum(c for _, _, c in pairs),
                facility=100 * sum(scores) / len(scores),
                discrimination=_correlation(xs, ys) if len(pairs) >= MIN_STUDENTS else None,
                choice_counts=dict(choice_counts.get(question_id, {})),
                wrong_responses=sorted(
                    ((text, n) for text, n in typed[question_id].values()),
                    key=lambda pair: (-pair[1], pair[0]),
                )[:5],
            )
        )
    items.sort(key=lambda item: (item.too_few, item.facility, -item.students, item.question_id))
    return items


def load_questions(items: list[ItemStats]) -> list[ItemStats]:
    """Attach each item's question, sentence, report and choices: two queries for any number.

    Items whose question can't be found (never, while answers protect questions) are dropped.
    """
    if not items:
        return items
    # The report's slug and title are all a page needs: never its two copies of the chapter.
    questions = (
        Question.objects.filter(pk__in=[item.question_id for item in items])
        .select_related("sentence", "report")
        .only(
            "id",
            "type",
            "prompt",
            "answer",
            "explanation",
            "status",
            "sentence__id",
            "sentence__text",
            "report__id",
            "report__slug",
            "report__title",
        )
        .prefetch_related(
            Prefetch(
                "choices",
                Choice.objects.only("id", "question_id", "text", "is_correct", "order"),
            )
        )
        .in_bulk()
    )
    for item in items:
        item.question = questions.get(item.question_id)
    return [item for item in items if item.question is not None]


def item_analysis(classroom: Classroom, *, assignment: Assignment | None = None) -> list[ItemStats]:
    """Every question's stats with its question loaded, hardest first (four queries)."""
    return load_questions(item_stats(classroom, assignment=assignment))
