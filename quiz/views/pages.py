"""The home page (a visitor's welcome, a learner's topics) and the admins' landing page."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from content.models import Question, Report
from quiz import progress
from quiz.assignments import student_assignments
from quiz.http import HtmxHttpRequest
from quiz.models import Flag
from quiz.roles import admin_required
from quiz.visitors import Owner, visitor_key

# A topic appears on the home page once it can fill a five-question quiz.
HOME_MIN_QUESTIONS = 5


@require_GET
def home(request: HtmxHttpRequest) -> HttpResponse:
    # Only the names: a report row also holds the whole chapter text twice.
    report = Report.objects.order_by("pk").values("slug", "title", "period").first()
    context: dict = {"report": report}
    if request.user.is_authenticated:
        context.update(_learner_home(request))
    else:
        # Looking never creates a key; a visitor has one only once they have studied.
        context["visitor_has_progress"] = bool(visitor_key(request))
    return render(request, "home.html", context)


def _learner_home(request: HtmxHttpRequest) -> dict:
    now = timezone.now()
    owner = Owner(user=request.user)
    topics = progress.topic_progress(owner, now, min_questions=HOME_MIN_QUESTIONS)
    due = progress.due_cards(owner, now)
    # Rendered by the names the assignments module promises (title, due_at, status, url),
    # reading anything else defensively.
    assignments = [
        (item, getattr(item, "due_label", "") or _due_phrase(getattr(item, "due_at", None), now))
        for item in student_assignments(request.user)
    ]
    return {
        "topics": topics,
        "due": due,
        "next_step": _next_step(owner, topics, due.total),
        "assignments": assignments,
    }


def _due_phrase(due_at, now) -> str:
    if due_at is None:
        return ""
    if due_at < now:
        return f"was due {progress.days_phrase(due_at, now, past=True)}"
    return f"due {progress.days_phrase(due_at, now, past=False)}"


def _next_step(owner: Owner, topics: list[progress.TopicProgress], due: int) -> dict:
    """The most useful thing to do now: due cards, else the unfinished session, else the
    weakest topic (a newcomer, who has none yet, is offered a first short quiz)."""
    if due:
        return {"kind": "due"}
    session = progress.unfinished_session(owner)
    if session is not None:
        return {"kind": "session", "session": session}
    if any(row.seen for row in topics):
        return {"kind": "topic", "row": progress.weakest(topics)}
    return {"kind": "start"}


@require_GET
@admin_required
def staff(request: HtmxHttpRequest) -> HttpResponse:
    """The admins' landing page: what waits for review, with links into the admin."""
    return render(
        request,
        "quiz/staff.html",
        {
            "needs_review": Question.objects.filter(status=Question.Status.NEEDS_REVIEW).count(),
            "open_flags": Flag.objects.filter(resolved_at__isnull=True).count(),
        },
    )
