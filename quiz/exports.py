"""CSV downloads of a class's results: per assignment, and per class by assignment or by topic.

UTF-8 with a byte-order mark, so spreadsheet programs read accented names right; one header
row; times in ISO 8601 (UTC); percentages as whole numbers, empty when there is nothing yet.
A cell that a spreadsheet would read as a formula (it starts with =, +, -, @, tab or carriage
return: a class name or an assignment title is free text) is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import UTC, datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify

from quiz.analysis import accuracy_table, bank_topics, mastery_table
from quiz.assignments import (
    Attempt,
    StudentResult,
    assignment_results,
    attempt_status,
    class_attempts,
    class_members,
)
from quiz.models import Assignment, Classroom

ASSIGNMENT_HEADER = [
    "class",
    "assignment",
    "mode",
    "due_at",
    "student",
    "status",
    "attempts_used",
    "attempts_allowed",
    "best_score_percent",
    "best_correct",
    "best_questions",
    "last_finished_at",
]
TOPIC_HEADER = [
    "class",
    "student",
    "topic",
    "mastery_percent",
    "questions_seen",
    "questions_total",
    "answers",
    "correct",
    "accuracy_percent",
]
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="seconds")
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _csv_response(filename: str, header: list[str], rows: Iterable[list]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return response


def _assignment_row(classroom: Classroom, assignment: Assignment, result: StudentResult) -> list:
    best = result.best
    return [
        classroom.name,
        assignment.title,
        assignment.mode,
        assignment.due_at,
        result.student.get_username(),
        result.status,
        result.attempts_used,
        assignment.attempts_allowed,
        best.score if best else None,
        best.correct_count if best else None,
        best.length if best else None,
        result.last_finished_at,
    ]


def _filename(*parts: str) -> str:
    return "-".join(slugify(part) or "class" for part in parts) + ".csv"


def assignment_csv(assignment: Assignment) -> HttpResponse:
    """One row per current student of the class: their standing on this assignment."""
    classroom = assignment.classroom
    rows = [
        _assignment_row(classroom, assignment, result) for result in assignment_results(assignment)
    ]
    return _csv_response(_filename(classroom.name, assignment.title), ASSIGNMENT_HEADER, rows)


def class_assignments_csv(classroom: Classroom) -> HttpResponse:
    """One row per student × assignment of the class (three queries)."""
    members = class_members(classroom)
    assignments = list(classroom.assignments.order_by("due_at", "title", "pk"))
    grouped: dict[tuple[int, int], list[Attempt]] = {}
    for attempt in class_attempts(classroom, [m.student_id for m in members]):
        grouped.setdefault((attempt.assignment_id, attempt.user_id), []).append(attempt)
    rows = []
    for membership in members:
        for assignment in assignments:
            mine = grouped.get((assignment.pk, membership.student_id), [])
            result = StudentResult(
                student=membership.student, status=attempt_status(mine), attempts=mine
            )
            rows.append(_assignment_row(classroom, assignment, result))
    return _csv_response(_filename(classroom.name, "assignments"), ASSIGNMENT_HEADER, rows)


def class_topics_csv(classroom: Classroom, now: datetime | None = None) -> HttpResponse:
    """One row per student × topic: mastery (as on the dashboard), questions seen, accuracy."""
    now = now or timezone.now()
    members = class_members(classroom)
    student_ids = [m.student_id for m in members]
    bank = bank_topics(student_ids)
    topics = bank.topics
    mastery = mastery_table(student_ids, bank, now)
    accuracy = accuracy_table(student_ids)
    rows = []
    for membership in members:
        for topic in topics:
            answers, correct, seen = accuracy.get((membership.student_id, topic.pk), (0, 0, 0))
            rows.append(
                [
                    classroom.name,
                    membership.student.get_username(),
                    topic.name,
                    mastery[membership.student_id][topic.pk].mastery,
                    seen,
                    topic.published,
                    answers,
                    correct,
                    round(100 * correct / answers) if answers else None,
                ]
            )
    return _csv_response(_filename(classroom.name, "topics"), TOPIC_HEADER, rows)
