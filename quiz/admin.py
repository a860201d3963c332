"""Learners' and teachers' rows in the admin: read-mostly, plus learner flags to resolve.

Classes, assignments, sessions and card states are written by the app's own pages (and
their rules); the admin only shows them. Flags are the admin's to resolve: from the flag
list (an action) or on the question's page (the flag inline added to the question admin
here, because only ``quiz`` knows the flag model).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.db.models import Count, F, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from content.admin import CheckedSelectionAdmin, QuestionAdmin
from content.models import Question
from content.review import flag_resolve
from quiz.models import (
    Answer,
    Assignment,
    CardState,
    Classroom,
    Flag,
    Membership,
    QuizSession,
)


class ReadOnlyMixin:
    """Shown, never added or edited here; deleting follows the model permission."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


def _owner(obj) -> str:
    return obj.user.get_username() if obj.user_id else "visitor (no account)"


# --- learner flags --------------------------------------------------------------------------


class OpenFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("open", "Open"), ("resolved", "Resolved")]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(resolved_at__isnull=True)
        if self.value() == "resolved":
            return queryset.filter(resolved_at__isnull=False)
        return queryset


def _state(flag: Flag) -> str:
    if flag.resolved_at is None:
        return "Open"
    who = flag.resolved_by.get_username() if flag.resolved_by_id else "someone"
    return f"Resolved by {who} on {flag.resolved_at:%Y-%m-%d}"


@admin.register(Flag)
class FlagAdmin(CheckedSelectionAdmin):
    list_display = ["created_at", "question_link", "reason", "comment", "user", "state"]
    list_filter = [OpenFilter, "reason", "created_at"]
    list_select_related = ["question", "user", "resolved_by"]
    search_fields = ["question__prompt", "comment", "user__username"]
    actions = ["resolve"]
    fields = ["question_link", "user", "reason", "comment", "created_at", "state"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False  # learners raise flags, from the question's feedback

    @admin.display(description="question", ordering="question__prompt")
    def question_link(self, flag: Flag):
        url = reverse("admin:content_question_change", args=[flag.question_id])
        return format_html('<a href="{}">{}</a>', url, flag.question.prompt[:90])

    @admin.display(description="state", ordering="resolved_at")
    def state(self, flag: Flag) -> str:
        return _state(flag)

    @admin.action(description="Resolve the selected flags", permissions=["change"])
    def resolve(self, request: HttpRequest, queryset: QuerySet) -> None:
        pks = list(queryset.filter(resolved_at__isnull=True).values_list("pk", flat=True))
        resolved = flag_resolve(flags=Flag.objects.filter(pk__in=pks), user=request.user)
        if pks:
            LogEntry.objects.log_actions(
                user_id=request.user.pk,
                queryset=Flag.objects.filter(pk__in=pks),
                action_flag=CHANGE,
                change_message="Resolved (list action).",
            )
        self.message_user(
            request,
            f"Resolved {resolved} flag{'' if resolved == 1 else 's'}. The questions keep "
            "their status: publish them again from the question list when they are fixed.",
            messages.SUCCESS,
        )


class FlagResolveForm(forms.ModelForm):
    """A flag on the question's page: nothing of it is edited, it can only be resolved."""

    resolve = forms.BooleanField(required=False, label="Resolve")

    class Meta:
        model = Flag
        fields: list[str] = []


class FlagInline(admin.TabularInline):
    model = Flag
    form = FlagResolveForm
    extra = 0
    can_delete = False
    verbose_name = "learner flag"
    readonly_fields = ["created_at", "user", "reason", "comment", "state"]

    def get_fields(self, request, obj=None):
        fields = list(self.readonly_fields)
        return [*fields, "resolve"] if self.has_change_permission(request, obj) else fields

    def get_queryset(self, request):
        # Open flags first, newest first.
        return (
            super()
            .get_queryset(request)
            .select_related("user", "resolved_by")
            .order_by(F("resolved_at").desc(nulls_first=True), "-created_at")
        )

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="state")
    def state(self, flag: Flag) -> str:
        return _state(flag)


admin.site.unregister(Question)


@admin.register(Question)
class QuestionWithFlagsAdmin(QuestionAdmin):
    """The bank's question admin, with the learners' flags listed on each question."""

    inlines = [*QuestionAdmin.inlines, FlagInline]

    def save_formset(self, request, form, formset, change: bool) -> None:
        if formset.model is not Flag:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)  # nothing of a flag is edited; this only lists the ticks
        ticked = [f.instance.pk for f in formset.forms if f.cleaned_data.get("resolve")]
        flag_resolve(
            flags=Flag.objects.filter(pk__in=ticked, question=form.instance), user=request.user
        )


# --- classes and assignments ----------------------------------------------------------------


class MembershipInline(ReadOnlyMixin, admin.TabularInline):
    model = Membership
    fields = ["student", "joined_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("student")


@admin.register(Classroom)
class ClassroomAdmin(ReadOnlyMixin, CheckedSelectionAdmin):
    list_display = ["name", "teacher", "join_code", "student_count", "created_at", "archived_at"]
    list_filter = [("archived_at", admin.EmptyFieldListFilter)]
    list_select_related = ["teacher"]
    search_fields = ["name", "join_code", "teacher__username"]
    fields = ["name", "teacher", "join_code", "created_at", "archived_at"]
    inlines = [MembershipInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_students=Count("memberships"))

    @admin.display(description="students", ordering="n_students")
    def student_count(self, classroom: Classroom) -> int:
        return classroom.n_students


@admin.register(Membership)
class MembershipAdmin(ReadOnlyMixin, CheckedSelectionAdmin):
    list_display = ["student", "classroom", "joined_at"]
    list_select_related = ["student", "classroom"]
    search_fields = ["student__username", "classroom__name"]


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyMixin, CheckedSelectionAdmin):
    list_display = [
        "title",
        "classroom",
        "teacher",
        "mode",
        "question_count",
        "opens_at",
        "due_at",
        "attempts_allowed",
    ]
    list_filter = ["mode", "due_at"]
    list_select_related = ["classroom__teacher"]
    search_fields = ["title", "classroom__name"]
    filter_horizontal = ["topics", "questions"]

    @admin.display(description="teacher", ordering="classroom__teacher__username")
    def teacher(self, assignment: Assignment) -> str:
        return assignment.classroom.teacher.get_username()


# --- learners' work -------------------------------------------------------------------------


class AnswerInline(ReadOnlyMixin, admin.TabularInline):
    model = Answer
    fields = ["question", "response", "is_correct", "rating", "answered_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("question")


class FinishedFilter(admin.SimpleListFilter):
    title = "finished"
    parameter_name = "finished"

    def lookups(self, request, model_admin):
        return [("yes", "Finished"), ("no", "Not finished")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(finished_at__isnull=self.value() == "no")
        return queryset


@admin.register(QuizSession)
class QuizSessionAdmin(ReadOnlyMixin, CheckedSelectionAdmin):
    list_display = [
        "__str__",
        "owner",
        "mode",
        "created_at",
        "score",
        "finished_at",
        "is_late",
        "assignment",
    ]
    list_filter = ["mode", FinishedFilter, "is_late"]
    list_select_related = ["user", "assignment"]
    search_fields = ["user__username"]
    fields = [
        "owner",
        "mode",
        "topic_names",
        "assignment",
        "retry_of",
        "length",
        "answered_count",
        "correct_count",
        "created_at",
        "finished_at",
        "is_late",
    ]
    readonly_fields = fields
    inlines = [AnswerInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("topics")

    @admin.display(description="learner", ordering="user__username")
    def owner(self, session: QuizSession) -> str:
        return _owner(session)

    @admin.display(description="score")
    def score(self, session: QuizSession) -> str:
        return f"{session.correct_count} / {session.answered_count} of {session.length}"

    @admin.display(description="topics")
    def topic_names(self, session: QuizSession) -> str:
        return ", ".join(t.name for t in session.topics.all()) or "all"


class DueFilter(admin.SimpleListFilter):
    title = "due"
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [("now", "Due now"), ("later", "Later")]

    def queryset(self, request, queryset):
        if self.value() == "now":
            return queryset.filter(due__lte=timezone.now())
        if self.value() == "later":
            return queryset.filter(due__gt=timezone.now())
        return queryset


@admin.register(CardState)
class CardStateAdmin(ReadOnlyMixin, CheckedSelectionAdmin):
    list_display = ["question", "owner", "due", "reviews", "lapses", "stability", "last_review"]
    list_filter = [DueFilter]
    list_select_related = ["question", "user"]
    search_fields = ["user__username", "question__prompt"]
    exclude = ["card", "visitor_key"]

    @admin.display(description="learner", ordering="user__username")
    def owner(self, card: CardState) -> str:
        return _owner(card)
