"""The student's side of classes: join with a code or a link, leave, and do assignments.

An attempt itself runs on the learner's quiz and flashcard pages (quiz.sessions): these views
only check the class's rules and hand the student over.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from quiz.assignments import (
    IN_PROGRESS,
    attempt_status,
    best_attempt,
    due_phrase,
    get_assignment_for_student,
    student_assignments,
    student_attempts,
    student_classrooms,
)
from quiz.class_forms import JoinForm
from quiz.classrooms import (
    ClassArchived,
    ClassroomError,
    assignment_attempt_start,
    class_join,
    class_leave,
    classroom_for_code,
)
from quiz.http import HtmxHttpRequest
from quiz.models import Assignment, Membership
from quiz.sessions import NoQuestions


def _redirect(request: HtmxHttpRequest, url: str) -> HttpResponse:
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def attempt_url(assignment: Assignment, session_pk: int, *, finished: bool) -> str:
    """Where an attempt lives on the learner's pages: its results, or the quiz or deck itself."""
    if assignment.mode == Assignment.Mode.FLASHCARDS:
        return reverse("flashcard_deck", args=[session_pk])
    return reverse("session_results" if finished else "session_detail", args=[session_pk])


# --- joining and leaving ------------------------------------------------------------------


def _joined(request: HtmxHttpRequest, membership: Membership, created: bool) -> HttpResponse:
    name = membership.classroom.name
    if created:
        messages.success(request, f"You joined “{name}”. Its assignments appear below.")
    else:
        messages.info(request, f"You are already in “{name}”.")
    return _redirect(request, reverse("my_classes"))


@require_http_methods(["GET", "POST"])
@login_required
def join(request: HtmxHttpRequest) -> HttpResponse:
    """Join a class by typing its code."""
    form = JoinForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            membership, created = class_join(student=request.user, code=form.cleaned_data["code"])
        except ClassroomError as error:
            form.add_error("code", str(error))
        else:
            return _joined(request, membership, created)
    status = 400 if form.is_bound else 200
    return render(request, "classes/join.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def join_class(request: HtmxHttpRequest, code: str) -> HttpResponse:
    """The join link: shows the class and asks to confirm (a GET never joins anyone)."""
    try:
        classroom = classroom_for_code(code)
    except ClassroomError as error:
        status = 410 if isinstance(error, ClassArchived) else 404
        context = {"form": JoinForm(), "link_error": str(error)}
        return render(request, "classes/join.html", context, status=status)
    if request.method == "POST":
        try:
            membership, created = class_join(student=request.user, code=classroom.join_code)
        except ClassroomError as error:
            context = {"classroom": classroom, "link_error": str(error)}
            return render(request, "classes/join.html", context, status=400)
        return _joined(request, membership, created)
    already = Membership.objects.filter(classroom=classroom, student=request.user).exists()
    return render(
        request,
        "classes/join.html",
        {
            "classroom": classroom,
            "already": already,
            "own_class": classroom.teacher_id == request.user.pk,
        },
    )


@require_GET
@login_required
def my_classes(request: HtmxHttpRequest) -> HttpResponse:
    """The student's classes, each with its open assignments, and a form to join another."""
    classrooms = student_classrooms(request.user)
    by_class = defaultdict(list)
    for row in student_assignments(request.user):
        by_class[row.assignment.classroom_id].append(row)
    return render(
        request,
        "classes/my_classes.html",
        {
            "classes": [(c, by_class[c.pk]) for c in classrooms],
            "form": JoinForm(),
        },
    )


@require_POST
@login_required
def leave(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(
        Membership.objects.select_related("classroom"), classroom_id=pk, student=request.user
    )
    class_leave(student=request.user, classroom=membership.classroom)
    messages.success(
        request,
        f"You left “{membership.classroom.name}”. Your own study and results stay yours.",
    )
    return _redirect(request, reverse("my_classes"))


# --- assignments --------------------------------------------------------------------------


def _assignment_page(
    request: HtmxHttpRequest, assignment: Assignment, error: str = "", status: int = 200
) -> HttpResponse:
    now = timezone.now()
    attempts = student_attempts(assignment, request.user)
    in_progress = next((a for a in attempts if a.finished_at is None), None)
    is_open = assignment.opens_at <= now
    can_start = is_open and (in_progress is not None or len(attempts) < assignment.attempts_allowed)
    if in_progress is not None:
        start_label = "Continue"
    elif attempts:
        start_label = "Try again"
    else:
        start_label = "Start"
    status_word = attempt_status(attempts)
    return render(
        request,
        "classes/assignment.html",
        {
            "assignment": assignment,
            "classroom": assignment.classroom,
            "topics": list(assignment.topics.all()),
            "attempts": [
                (
                    number,
                    attempt,
                    attempt_url(assignment, attempt.pk, finished=attempt.finished_at is not None),
                )
                for number, attempt in enumerate(attempts, start=1)
            ],
            "best": best_attempt(attempts),
            "status": status_word,
            "in_progress": status_word == IN_PROGRESS,
            "is_open": is_open,
            "is_overdue": assignment.due_at < now,
            "due_label": due_phrase(assignment.due_at, now),
            "can_start": can_start,
            "start_label": start_label,
            "attempts_left": max(0, assignment.attempts_allowed - len(attempts)),
            "error": error,
        },
        status=status,
    )


@require_GET
@login_required
def assignment_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _assignment_page(request, get_assignment_for_student(request, pk))


@require_POST
@login_required
def assignment_start(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Start an attempt (or continue the one in progress) and go to it."""
    assignment = get_assignment_for_student(request, pk)
    try:
        session, _created = assignment_attempt_start(assignment=assignment, student=request.user)
    except (ClassroomError, NoQuestions) as error:
        return _assignment_page(request, assignment, error=str(error), status=409)
    return _redirect(request, attempt_url(assignment, session.pk, finished=False))
