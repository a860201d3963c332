"""The teacher's pages: classes, the class dashboard, students, assignments, reteaching, CSV.

Every view is for members of the Teachers group only (anonymous → log in, others → 403), and
every object is fetched through a ``get_<thing>_for_teacher`` helper: another teacher's class,
assignment or student is a 404, never a glimpse.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from content.ids import parse_pk
from content.models import Question
from quiz import exports
from quiz.analysis import BadSort, class_dashboard, item_stats, load_questions
from quiz.assignments import (
    assignment_results,
    attempt_status,
    best_attempt,
    class_attempts,
    class_members,
    get_assignment_for_teacher,
    get_classroom_for_teacher,
    get_member_for_teacher,
    summarize_assignments,
    tally,
    teacher_classrooms,
)
from quiz.class_forms import AssignmentForm, ClassroomForm
from quiz.classrooms import (
    ClassroomError,
    assignment_create,
    assignment_update,
    classroom_archive,
    classroom_create,
    classroom_regenerate_code,
    classroom_rename,
    classroom_restore,
    format_code,
    student_remove,
)
from quiz.http import HtmxHttpRequest
from quiz.models import Answer, Assignment, Classroom
from quiz.progress import topic_progress
from quiz.roles import teacher_required

RETEACH_PREVIEW = 5
RETEACH_PER_PAGE = 25
ANSWERS_PER_PAGE = 25


def _redirect(request: HtmxHttpRequest, url: str) -> HttpResponse:
    # After a POST made by htmx, a plain 302 would be followed inside the swap; ask for a visit.
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _join_context(request: HtmxHttpRequest, classroom: Classroom) -> dict:
    link = request.build_absolute_uri(reverse("join_class", args=[classroom.join_code]))
    return {"join_code": format_code(classroom.join_code), "join_link": link}


# --- classes ------------------------------------------------------------------------------


@require_GET
@teacher_required
def classes(request: HtmxHttpRequest) -> HttpResponse:
    classrooms = teacher_classrooms(request.user)
    return render(
        request,
        "teach/classes.html",
        {
            "active": [c for c in classrooms if not c.is_archived],
            "archived": [c for c in classrooms if c.is_archived],
            "form": ClassroomForm(),
        },
    )


@require_http_methods(["GET", "POST"])
@teacher_required
def class_create(request: HtmxHttpRequest) -> HttpResponse:
    form = ClassroomForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            classroom = classroom_create(teacher=request.user, name=form.cleaned_data["name"])
        except ClassroomError as error:
            form.add_error("name", str(error))
        else:
            messages.success(request, f"Class “{classroom.name}” created. Share its join code.")
            return _redirect(request, reverse("teach_class", args=[classroom.pk]))
    status = 400 if form.is_bound else 200
    return render(request, "teach/class_form.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
@teacher_required
def class_rename(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    classroom = get_classroom_for_teacher(request, pk)
    if request.method == "POST":
        form = ClassroomForm(request.POST)
        if form.is_valid():
            try:
                classroom_rename(classroom=classroom, name=form.cleaned_data["name"])
            except ClassroomError as error:
                form.add_error("name", str(error))
            else:
                messages.success(request, "Class renamed.")
                return _redirect(request, reverse("teach_class", args=[classroom.pk]))
    else:
        form = ClassroomForm(initial={"name": classroom.name})
    status = 400 if form.is_bound else 200
    return render(
        request, "teach/class_form.html", {"form": form, "classroom": classroom}, status=status
    )


@require_POST
@teacher_required
def class_archive(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    classroom = classroom_archive(classroom=get_classroom_for_teacher(request, pk))
    messages.success(
        request,
        f"“{classroom.name}” is archived: nobody can join it and its assignments left the "
        "students' home pages. Its results stay here.",
    )
    return _redirect(request, reverse("teach_class", args=[classroom.pk]))


@require_POST
@teacher_required
def class_restore(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    classroom = classroom_restore(classroom=get_classroom_for_teacher(request, pk))
    messages.success(request, f"“{classroom.name}” is back: students can join it again.")
    return _redirect(request, reverse("teach_class", args=[classroom.pk]))


@require_POST
@teacher_required
def class_code(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A new join code and link; the old ones stop working."""
    classroom = get_classroom_for_teacher(request, pk)
    try:
        classroom_regenerate_code(classroom=classroom)
    except ClassroomError as error:
        messages.error(request, str(error))
        return _redirect(request, reverse("teach_class", args=[classroom.pk]))
    if request.htmx:
        context = {"classroom": classroom, "code_replaced": True}
        context.update(_join_context(request, classroom))
        return render(request, "teach/class_detail.html#join-panel", context)
    messages.success(request, "New join code made; the old code and link no longer work.")
    return redirect("teach_class", pk=classroom.pk)


@require_GET
@teacher_required
def class_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The dashboard: students × topics mastery, assignments, last activity; ?sort= sorts."""
    classroom = get_classroom_for_teacher(request, pk)
    sort = request.GET.get("sort", "name")
    status = 200
    sort_error = ""
    try:
        dashboard = class_dashboard(classroom, sort=sort)
    except BadSort as error:
        sort_error = f"{error} Showing the class by name."
        dashboard = class_dashboard(classroom, sort="name")
        status = 400
    context = {
        "classroom": classroom,
        "dashboard": dashboard,
        "sort_error": sort_error,
        **_join_context(request, classroom),
    }
    if request.htmx:
        return render(request, "teach/class_detail.html#students-table", context, status=status)
    return render(request, "teach/class_detail.html", context, status=status)


# --- students -----------------------------------------------------------------------------


def _page_number(request: HtmxHttpRequest) -> int:
    page = parse_pk(request.GET.get("page", "1"))
    if page is None or page > 10_000:
        raise Http404("No such page.")
    return page


@require_GET
@teacher_required
def student_detail(request: HtmxHttpRequest, pk: int, student_pk: int) -> HttpResponse:
    """One student of the class: per-topic mastery, assignment history, their answers."""
    classroom = get_classroom_for_teacher(request, pk)
    membership = get_member_for_teacher(classroom, student_pk)
    student = membership.student
    now = timezone.now()
    assignments = list(classroom.assignments.order_by("due_at", "title", "pk"))
    attempts = class_attempts(classroom, [student.pk])
    history = []
    for assignment in assignments:
        mine = [a for a in attempts if a.assignment_id == assignment.pk]
        history.append(
            {
                "assignment": assignment,
                "status": attempt_status(mine),
                "attempts": mine,
                "best": best_attempt(mine),
                "last_finished": max(
                    (a for a in mine if a.finished_at), key=lambda a: a.finished_at, default=None
                ),
            }
        )
    # Newest first, a page at a time; one row more than a page tells whether there is an
    # older page, which spares counting all of the student's answers.
    page = _page_number(request)
    start = (page - 1) * ANSWERS_PER_PAGE
    answers = list(
        Answer.objects.filter(user=student)
        .select_related("question", "session__assignment")
        .order_by("-answered_at", "-pk")[start : start + ANSWERS_PER_PAGE + 1]
    )
    return render(
        request,
        "teach/student_detail.html",
        {
            "classroom": classroom,
            "membership": membership,
            "student": student,
            "progress": topic_progress(student, now),
            "history": history,
            "answers": answers[:ANSWERS_PER_PAGE],
            "page": page,
            "first_answer": start + 1,
            "last_answer": start + len(answers[:ANSWERS_PER_PAGE]),
            "has_older": len(answers) > ANSWERS_PER_PAGE,
        },
    )


@require_POST
@teacher_required
def student_remove_view(request: HtmxHttpRequest, pk: int, student_pk: int) -> HttpResponse:
    classroom = get_classroom_for_teacher(request, pk)
    membership = get_member_for_teacher(classroom, student_pk)
    student_remove(classroom=classroom, student=membership.student)
    messages.success(
        request,
        f"{membership.student.get_username()} is no longer in “{classroom.name}”.",
    )
    return _redirect(request, reverse("teach_class", args=[classroom.pk]))


# --- what to reteach ----------------------------------------------------------------------


def _assignment_filter(request: HtmxHttpRequest, classroom: Classroom) -> Assignment | None:
    """?assignment=<id>: one of this class's assignments; anything else is a 404."""
    raw = request.GET.get("assignment", "")
    if not raw:
        return None
    pk = parse_pk(raw)
    if pk is None:
        raise Http404("No such assignment in this class.")
    return get_object_or_404(Assignment, pk=pk, classroom=classroom)


@require_GET
@teacher_required
def reteach(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Item analysis over the class's assignment attempts, hardest questions first."""
    classroom = get_classroom_for_teacher(request, pk)
    assignment = _assignment_filter(request, classroom)
    items = item_stats(classroom, assignment=assignment)
    context = {"classroom": classroom, "assignment": assignment}
    if request.htmx and request.GET.get("preview"):
        judged = [item for item in items if not item.too_few]
        context["preview"] = load_questions(judged[:RETEACH_PREVIEW])
        return render(request, "teach/class_detail.html#reteach-preview", context)
    # Computing every question is cheap; showing them is not: a page of them at a time.
    page = _page_number(request)
    start = (page - 1) * RETEACH_PER_PAGE
    if items and start >= len(items):
        raise Http404("No such page.")
    context.update(
        {
            "assignments": list(classroom.assignments.order_by("due_at", "title", "pk")),
            "items": load_questions(items[start : start + RETEACH_PER_PAGE]),
            "total": len(items),
            "first": start + 1,
            "last": min(start + RETEACH_PER_PAGE, len(items)),
            "page": page,
            "has_more": start + RETEACH_PER_PAGE < len(items),
        }
    )
    return render(request, "teach/reteach.html", context)


@require_GET
@teacher_required
def question_detail(request: HtmxHttpRequest, pk: int, question_pk: int) -> HttpResponse:
    """A question with its answer key, source, and how this class answered it."""
    classroom = get_classroom_for_teacher(request, pk)
    assignment = _assignment_filter(request, classroom)
    stats = item_stats(classroom, assignment=assignment)
    item = next((i for i in stats if i.question_id == question_pk), None)
    if item is not None:
        load_questions([item])
        question = item.question
    else:
        # Not answered in this class yet: any published question may be shown (it can be
        # assigned); anything else stays hidden.
        question = get_object_or_404(
            Question.objects.published().select_related("sentence", "report"), pk=question_pk
        )
    return render(
        request,
        "teach/question.html",
        {
            "classroom": classroom,
            "assignment": assignment,
            "question": question,
            "choices": list(question.choices.all()) if item is None else None,
            "item": item,
        },
    )


# --- assignments --------------------------------------------------------------------------


def _assignment_form_page(
    request: HtmxHttpRequest,
    form: AssignmentForm,
    classroom: Classroom,
    assignment: Assignment | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "teach/assignment_form.html",
        {"form": form, "classroom": classroom, "assignment": assignment},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@teacher_required
def assignment_new(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    classroom = get_classroom_for_teacher(request, pk)
    if request.method == "GET":
        status = 409 if classroom.is_archived else 200
        return _assignment_form_page(request, AssignmentForm(), classroom, status=status)
    form = AssignmentForm(request.POST)
    if form.is_valid():
        try:
            assignment = assignment_create(classroom=classroom, **form.service_arguments())
        except ClassroomError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Assignment “{assignment.title}” created.")
            return _redirect(request, reverse("teach_assignment", args=[assignment.pk]))
    return _assignment_form_page(request, form, classroom, status=400)


@require_http_methods(["GET", "POST"])
@teacher_required
def assignment_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    assignment = get_assignment_for_teacher(request, pk)
    classroom = assignment.classroom
    if request.method == "GET":
        form = AssignmentForm(initial=AssignmentForm.initial_for(assignment))
        return _assignment_form_page(request, form, classroom, assignment)
    form = AssignmentForm(request.POST)
    if form.is_valid():
        try:
            assignment_update(assignment=assignment, **form.service_arguments())
        except ClassroomError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Assignment saved.")
            return _redirect(request, reverse("teach_assignment", args=[assignment.pk]))
    return _assignment_form_page(request, form, classroom, assignment, status=400)


@require_GET
@teacher_required
def assignment_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The assignment's settings, then each student's status, attempts and best score."""
    assignment = get_assignment_for_teacher(request, pk)
    members = class_members(assignment.classroom)
    results = assignment_results(assignment, members)
    tallies = {(assignment.pk, r.student.pk): tally(r.attempts) for r in results}
    (summary,) = summarize_assignments([assignment], [m.student_id for m in members], tallies)
    return render(
        request,
        "teach/assignment_detail.html",
        {
            "classroom": assignment.classroom,
            "assignment": assignment,
            "topics": list(assignment.topics.all()),
            "picked": list(assignment.questions.all()),
            "results": results,
            "summary": summary,
        },
    )


# --- CSV ----------------------------------------------------------------------------------


@require_GET
@teacher_required
def assignment_csv(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return exports.assignment_csv(get_assignment_for_teacher(request, pk))


@require_GET
@teacher_required
def class_assignments_csv(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return exports.class_assignments_csv(get_classroom_for_teacher(request, pk))


@require_GET
@teacher_required
def class_topics_csv(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return exports.class_topics_csv(get_classroom_for_teacher(request, pk))
