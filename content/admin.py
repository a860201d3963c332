"""The bank in Django's admin: find questions fast, fix them with the source in view.

The question list carries each question's learner statistics (answers, facility, open
flags) as subquery annotations, so a page of the list costs the same few queries however
big the bank is. Learner data lives in ``quiz``, which this app never imports: the
subqueries reach it through the reverse relations ``answers`` and ``flags``. The flag
inline on the question page is added by ``quiz/admin.py``, which knows the flag model.
"""

from __future__ import annotations

import re
from functools import partial

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.forms import CheckboxSelectMultiple
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from content.admin_views import report_upload
from content.exporters import bank_as_csv, bank_as_json, exportable_questions
from content.forms import ChoiceInlineFormSet, QuestionAdminForm
from content.ids import parse_pk
from content.management.commands.import_report import format_dropped, format_intake
from content.models import Choice, Question, Report, Section, Sentence, Topic
from content.pipeline.topics import TAXONOMY
from content.review import (
    TRUE_FALSE_ANSWERS,
    Problem,
    question_publish,
    question_regenerate,
    question_retire,
    question_send_to_review,
    reason_label,
)

REVIEW_QUEUE_QUERY = "status__exact=needs_review"
TAXONOMY_SLUGS = frozenset(topic.slug for topic in TAXONOMY)


def _count_of(relation: str, **filters) -> Coalesce:
    """How many rows of a reverse relation point at the question, as a subquery.

    Subqueries rather than ``Count`` over joins: joining answers and flags together would
    multiply the rows (and the counts) and grow with the learners' history.
    """
    model = Question._meta.get_field(relation).related_model
    rows = (
        model.objects.filter(question=OuterRef("pk"), **filters)
        .order_by()
        .values("question")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def with_learner_stats(questions: QuerySet) -> QuerySet:
    """Annotate ``answer_count``, ``correct_count``, ``facility`` (% correct, None without
    answers) and ``open_flags``."""
    return questions.annotate(
        answer_count=_count_of("answers"),
        correct_count=_count_of("answers", is_correct=True),
        open_flags=_count_of("flags", resolved_at__isnull=True),
    ).annotate(
        facility=Case(
            When(answer_count=0, then=None),
            default=Cast(F("correct_count"), FloatField()) * 100 / F("answer_count"),
            output_field=FloatField(),
        )
    )


def paragraph_around(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The paragraph of ``text`` holding ``text[start:end]``, split around it.

    Paragraphs of a report's cleaned text are separated by blank lines.
    """
    para_start = text.rfind("\n\n", 0, start)
    para_start = 0 if para_start < 0 else para_start + 2
    para_end = text.find("\n\n", end)
    para_end = len(text) if para_end < 0 else para_end
    return text[para_start:start], text[start:end], text[end:para_end]


def _locate_answer(question: Question) -> None:
    """Re-point the recorded fact after an edit: the new answer where the source sentence
    has it word for word; the whole sentence for a true/false statement; else nothing."""
    text = question.sentence.text
    if question.type == Question.Type.TRUE_FALSE:
        question.answer_start, question.answer_end = 0, len(text)
        return
    found = (
        re.search(rf"(?<!\w){re.escape(question.answer)}(?!\w)", text) if question.answer else None
    )
    question.answer_start, question.answer_end = found.span() if found else (None, None)


def _with_fact(question: Question) -> SafeString:
    """The source sentence with the span the question tests in bold."""
    text, start, end = question.sentence.text, question.answer_start, question.answer_end
    if start is None or end is None or (start, end) == (0, len(text)):
        return format_html("{}", text)
    return format_html("{}<strong>{}</strong>{}", text[:start], text[start:end], text[end:])


def _question_links(pks: list[int], limit: int = 20) -> SafeString:
    links = format_html_join(
        ", ",
        '<a href="{}">#{}</a>',
        ((reverse("admin:content_question_change", args=[pk]), pk) for pk in pks[:limit]),
    )
    more = f" and {len(pks) - limit} more" if len(pks) > limit else ""
    return format_html("{}{}", links, more)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class CheckedSelectionAdmin(admin.ModelAdmin):
    """A ModelAdmin whose actions refuse a tampered selection with a 400.

    Django's admin hands the posted ids of an action straight to the database, so an id
    that is not a number would end in a server error.
    """

    def response_action(self, request, queryset):
        if any(parse_pk(value) is None for value in request.POST.getlist(ACTION_CHECKBOX_NAME)):
            return HttpResponseBadRequest("The selection is not a list of ids: nothing was done.")
        return super().response_action(request, queryset)


# --- list filters ---------------------------------------------------------------------------


class ReportFilter(admin.SimpleListFilter):
    title = "report"
    parameter_name = "report"

    def lookups(self, request, model_admin):
        # Titles only: a report row also holds the chapter's text twice.
        return [
            (pk, f"{title} — {period}" if period else title)
            for pk, title, period in Report.objects.values_list("pk", "title", "period")
        ]

    def queryset(self, request, queryset):
        value = self.value()
        pk = parse_pk(value) if value else None
        return queryset.filter(report_id=pk) if pk else queryset


class SectionFilter(admin.SimpleListFilter):
    title = "section"
    parameter_name = "section"

    def lookups(self, request, model_admin):
        sections = Section.objects.order_by("report__title", "report_id", "order")
        report = parse_pk(request.GET.get(ReportFilter.parameter_name, ""))
        if report:
            sections = sections.filter(report_id=report)
        return [
            (pk, f"{heading} ({title})")
            for pk, heading, title in sections.values_list("pk", "heading", "report__title")
        ]

    def queryset(self, request, queryset):
        value = self.value()
        pk = parse_pk(value) if value else None
        if pk:
            return queryset.filter(sentence__section_id=pk)
        return queryset


class OpenFlagsFilter(admin.SimpleListFilter):
    title = "open learner flags"
    parameter_name = "open_flags"

    def lookups(self, request, model_admin):
        return [("yes", "Has open flags"), ("no", "No open flags")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(open_flags__gt=0)
        if self.value() == "no":
            return queryset.filter(open_flags=0)
        return queryset


class FacilityFilter(admin.SimpleListFilter):
    """Very hard questions are often wrong ones; unanswered ones have no facility yet."""

    title = "facility (% correct)"
    parameter_name = "facility"

    def lookups(self, request, model_admin):
        return [
            ("low", "Under 50%"),
            ("mid", "50–79%"),
            ("high", "80% and over"),
            ("none", "Not answered yet"),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "low":
                return queryset.filter(facility__lt=50)
            case "mid":
                return queryset.filter(facility__gte=50, facility__lt=80)
            case "high":
                return queryset.filter(facility__gte=80)
            case "none":
                return queryset.filter(answer_count=0)
        return queryset


class AnswerCountFilter(admin.SimpleListFilter):
    title = "answers"
    parameter_name = "answers"

    def lookups(self, request, model_admin):
        return [("0", "None"), ("1-9", "1 to 9"), ("10+", "10 or more")]

    def queryset(self, request, queryset):
        match self.value():
            case "0":
                return queryset.filter(answer_count=0)
            case "1-9":
                return queryset.filter(answer_count__gte=1, answer_count__lte=9)
            case "10+":
                return queryset.filter(answer_count__gte=10)
        return queryset


# --- questions ------------------------------------------------------------------------------


class ChoiceInline(admin.TabularInline):
    model = Choice
    formset = ChoiceInlineFormSet
    fields = ["text", "is_correct", "order"]
    ordering = ["order", "pk"]

    def get_extra(self, request, obj=None, **kwargs):
        # A new question gets rows for four choices; an existing one shows what it has.
        return 4 if obj is None else 0


@admin.register(Question)
class QuestionAdmin(CheckedSelectionAdmin):
    form = QuestionAdminForm
    inlines = [ChoiceInline]
    list_display = [
        "short_prompt",
        "type",
        "status",
        "origin",
        "topic_names",
        "report_title",
        "section_heading",
        "open_flags_display",
        "facility_display",
        "answer_count_display",
        "reasons_display",
    ]
    list_filter = [
        "type",
        "status",
        "origin",
        "topics",
        ReportFilter,
        SectionFilter,
        OpenFlagsFilter,
        FacilityFilter,
        AnswerCountFilter,
    ]
    search_fields = ["prompt", "answer", "sentence__text"]
    list_select_related = ["report", "sentence__section"]
    list_per_page = 50
    autocomplete_fields = ["sentence"]
    actions = [
        "publish",
        "send_to_review",
        "retire",
        "regenerate",
        "export_json",
        "export_csv",
    ]
    readonly_fields = [
        "source_in_context",
        "why_held",
        "learner_stats",
        "report",
        "section_heading",
        "origin",
        "fingerprint",
        "generator_version",
        "created_at",
        "updated_at",
    ]
    fieldsets_add = [
        (
            None,
            {
                "fields": [
                    "sentence",
                    "type",
                    "context",
                    "prompt",
                    "answer",
                    "explanation",
                    "topics",
                ]
            },
        ),
        ("Status", {"fields": ["status"]}),
    ]
    fieldsets_change = [
        ("Source", {"fields": ["source_in_context"]}),
        ("Review", {"fields": ["why_held", "learner_stats", "status"]}),
        (
            "Question",
            {"fields": ["type", "context", "prompt", "answer", "explanation", "topics"]},
        ),
        (
            "Provenance",
            {
                "classes": ["collapse"],
                "fields": [
                    "report",
                    "section_heading",
                    "origin",
                    "fingerprint",
                    "generator_version",
                    "created_at",
                    "updated_at",
                ],
            },
        ),
    ]

    # -- reading ----------------------------------------------------------------------------

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        questions = super().get_queryset(request)
        return (
            with_learner_stats(questions)
            .select_related("report", "sentence__section")
            # The list shows the report's title: never haul its two copies of the text.
            .defer("report__raw_text", "report__cleaned_text")
            .prefetch_related("topics")
        )

    def get_fieldsets(self, request, obj=None):
        return self.fieldsets_change if obj is not None else self.fieldsets_add

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "topics":
            kwargs["widget"] = CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_urls(self):
        urls = [
            path(
                "review/",
                self.admin_site.admin_view(self.review_queue),
                name="content_question_review",
            )
        ]
        return urls + super().get_urls()

    def review_queue(self, request: HttpRequest) -> HttpResponse:
        """A stable address for the queue: the list of questions that need review."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        url = reverse("admin:content_question_changelist")
        return HttpResponseRedirect(f"{url}?{REVIEW_QUEUE_QUERY}")

    @admin.display(description="question", ordering="prompt")
    def short_prompt(self, obj: Question) -> str:
        return obj.prompt if len(obj.prompt) <= 90 else obj.prompt[:89] + "…"

    @admin.display(description="topics")
    def topic_names(self, obj: Question) -> str:
        return ", ".join(t.name for t in obj.topics.all())

    @admin.display(description="report", ordering="report__title")
    def report_title(self, obj: Question) -> str:
        report = obj.report
        return f"{report.title} — {report.period}" if report.period else report.title

    @admin.display(description="section", ordering="sentence__section__heading")
    def section_heading(self, obj: Question) -> str:
        section = obj.sentence.section
        return section.heading if section else "—"

    @admin.display(description="open flags", ordering="open_flags")
    def open_flags_display(self, obj: Question) -> int:
        return obj.open_flags

    @admin.display(description="facility", ordering="facility")
    def facility_display(self, obj: Question) -> str:
        return "—" if obj.facility is None else f"{obj.facility:.0f}%"

    @admin.display(description="answers", ordering="answer_count")
    def answer_count_display(self, obj: Question) -> int:
        return obj.answer_count

    @admin.display(description="review reasons")
    def reasons_display(self, obj: Question) -> str:
        return ", ".join(obj.review_reasons) or "—"

    @admin.display(description="source sentence, in its paragraph")
    def source_in_context(self, obj: Question) -> SafeString:
        sentence = obj.sentence
        text = obj.report.cleaned_text
        section = sentence.section.heading if sentence.section else ""
        note = ""
        if sentence.present and text[sentence.start : sentence.end] == sentence.text:
            before, _, after = paragraph_around(text, sentence.start, sentence.end)
            body = format_html("{}<mark>{}</mark>{}", before, _with_fact(obj), after)
        else:
            body = format_html("<mark>{}</mark>", _with_fact(obj))
            if not sentence.present:
                note = mark_safe(
                    '<p class="rc-note">This sentence is no longer in the report’s current '
                    "text.</p>"
                )
        return format_html(
            '<figure class="rc-source"><figcaption>{}</figcaption>'
            "<blockquote><p>{}</p></blockquote>{}{}</figure>",
            section,
            body,
            note,
            self._reader_link(obj),
        )

    def _reader_link(self, obj: Question) -> SafeString | str:
        try:
            url = reverse("reader", args=[obj.report.slug])
        except NoReverseMatch:  # the reader page is another feature's; link to it when it exists
            return ""
        pk = obj.sentence_id
        return format_html(
            '<p><a href="{}?highlight={}#s-{}">Read in context →</a></p>', url, pk, pk
        )

    @admin.display(description="why it needs review")
    def why_held(self, obj: Question) -> SafeString:
        if obj.review_reasons:
            reasons = format_html(
                '<ul class="rc-reasons">{}</ul>',
                format_html_join(
                    "",
                    "<li>{} <code>{}</code></li>",
                    ((reason_label(code), code) for code in obj.review_reasons),
                ),
            )
        else:
            reasons = mark_safe("<p>No review reasons recorded.</p>")
        flags = ""
        if obj.open_flags:
            flags = format_html(
                "<p><strong>{} from learners</strong> (see below).</p>",
                _plural(obj.open_flags, "open flag"),
            )
        return format_html("{}{}", reasons, flags)

    @admin.display(description="learners")
    def learner_stats(self, obj: Question) -> str:
        if not obj.answer_count:
            answered = "Not answered yet"
        else:
            answered = f"{_plural(obj.answer_count, 'answer')}, {obj.facility:.0f}% correct"
        return f"{answered}; {_plural(obj.open_flags, 'open flag')}."

    # -- writing ----------------------------------------------------------------------------

    def has_delete_permission(self, request, obj=None) -> bool:
        # Only a hand-written question may go: an import would bring a generated one back,
        # and learners' answers keep theirs (retire those instead).
        if obj is not None and obj.origin != Question.Origin.MANUAL:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # see has_delete_permission: retire instead
        return actions

    def save_model(self, request, obj: Question, form, change: bool) -> None:
        if not change:
            obj.report = obj.sentence.report
            obj.origin = Question.Origin.MANUAL
        if "_publish" in request.POST:
            obj.status = Question.Status.PUBLISHED
        if "status" in form.changed_data or "_publish" in request.POST:
            obj.retired_by_import = False  # the admin's decision: no import undoes it
        if obj.status == Question.Status.PUBLISHED:
            # Published by an admin: the gate's objections have been looked at.
            obj.review_reasons = []
        if {"answer", "sentence", "type"} & set(form.changed_data) or not change:
            _locate_answer(obj)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change: bool) -> None:
        if formset.model is not Choice:
            return super().save_formset(request, form, formset, change)
        # Choice text is unique per question and at most one choice is correct, checked
        # row by row by the database: park the edited rows first, so that swapping the
        # correct choice or two texts never trips a constraint halfway through.
        instances = formset.save(commit=False)
        for choice in formset.deleted_objects:
            choice.delete()
        edited = [c for c in instances if c.pk is not None]
        for choice in edited:
            Choice.objects.filter(pk=choice.pk).update(
                text=f"\u2060parked {choice.pk}\u2060", is_correct=False
            )
        for choice in instances:
            choice.save()
        formset.save_m2m()

    def save_related(self, request, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        question = form.instance
        if question.type == Question.Type.TRUE_FALSE and not question.choices.exists():
            Choice.objects.bulk_create(
                Choice(question=question, text=text, is_correct=text == question.answer, order=i)
                for i, text in enumerate(TRUE_FALSE_ANSWERS)
            )
        choices_changed = any(fs.has_changed() for fs in formsets if fs.model is Choice)
        touched = form.has_changed() or choices_changed or "_publish" in request.POST
        if change and touched and question.origin == Question.Origin.GENERATED:
            # An admin's version from now on: re-imports keep it as it is.
            question.origin = Question.Origin.EDITED
            question.save(update_fields=["origin", "updated_at"])

    def response_change(self, request, obj):
        if "_publish" in request.POST:
            self.message_user(request, "Published.", messages.SUCCESS)
        return super().response_change(request, obj)

    # -- actions ----------------------------------------------------------------------------

    def _log(self, request: HttpRequest, pks: list[int], message: str) -> None:
        if pks:
            LogEntry.objects.log_actions(
                user_id=request.user.pk,
                queryset=Question.objects.filter(pk__in=pks).only("pk", "prompt"),
                action_flag=CHANGE,
                change_message=message,
            )

    def _report_problems(self, request, skipped: dict[int, list[Problem]], what: str) -> None:
        if not skipped:
            return
        items = format_html_join(
            "; ",
            '<a href="{}">#{}</a>: {}',
            (
                (
                    reverse("admin:content_question_change", args=[pk]),
                    pk,
                    " ".join(p.message for p in problems),
                )
                for pk, problems in sorted(skipped.items())
            ),
        )
        self.message_user(
            request,
            format_html("Skipped {} that {}: {}", _plural(len(skipped), "question"), what, items),
            messages.WARNING,
        )

    def _report_unchanged(self, request, pks: list[int], state: str) -> None:
        if pks:
            verb = "was" if len(pks) == 1 else "were"
            self.message_user(
                request,
                format_html("{} {} already {}: {}", len(pks), verb, state, _question_links(pks)),
                messages.INFO,
            )

    @admin.action(description="Publish the selected questions", permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet) -> None:
        result = question_publish(questions=queryset)
        self._log(request, result.changed, "Published (list action).")
        if result.changed:
            self.message_user(
                request, f"Published {_plural(len(result.changed), 'question')}.", messages.SUCCESS
            )
        self._report_unchanged(request, result.unchanged, "published")
        self._report_problems(request, result.skipped, "don't pass validation; fix them first")

    @admin.action(description="Send the selected questions to review", permissions=["change"])
    def send_to_review(self, request: HttpRequest, queryset: QuerySet) -> None:
        result = question_send_to_review(questions=queryset)
        self._log(request, result.changed, "Sent to review (list action).")
        if result.changed:
            self.message_user(
                request,
                f"Sent {_plural(len(result.changed), 'question')} to review; learners no "
                "longer see them.",
                messages.SUCCESS,
            )
        self._report_unchanged(request, result.unchanged, "in review")

    @admin.action(description="Retire the selected questions", permissions=["change"])
    def retire(self, request: HttpRequest, queryset: QuerySet) -> None:
        result = question_retire(questions=queryset)
        self._log(request, result.changed, "Retired (list action).")
        if result.changed:
            self.message_user(
                request,
                f"Retired {_plural(len(result.changed), 'question')}; imports will not "
                "bring them back.",
                messages.SUCCESS,
            )
        self._report_unchanged(request, result.unchanged, "retired")

    @admin.action(
        description="Regenerate the selected questions from source", permissions=["change"]
    )
    def regenerate(self, request: HttpRequest, queryset: QuerySet) -> None:
        result = question_regenerate(questions=queryset)
        self._log(request, result.updated, "Regenerated from source (list action).")
        done = len(result.updated) + len(result.unchanged)
        if done:
            self.message_user(
                request,
                f"Regenerated {_plural(done, 'question')}: {len(result.updated)} changed, "
                f"{len(result.unchanged)} already as the generator makes them.",
                messages.SUCCESS,
            )
        notes = [
            (
                result.edited,
                "edited or written by an admin (regenerating would undo their work)",
            ),
            (result.retired, "retired"),
            (result.not_produced, "the generator no longer produces; left as they were"),
        ]
        for pks, why in notes:
            if pks:
                self.message_user(
                    request,
                    format_html(
                        "Skipped {} {}: {}",
                        _plural(len(pks), "question"),
                        why,
                        _question_links(pks),
                    ),
                    messages.WARNING,
                )
        for slug, error in result.failed.items():
            self.message_user(
                request, f"The report {slug} could not be read again: {error}", messages.ERROR
            )

    def _export(self, request: HttpRequest, queryset: QuerySet, fmt: str) -> HttpResponse:
        selected = list(queryset.values_list("pk", flat=True))
        reports = Report.objects.filter(questions__pk__in=selected).distinct()
        questions = exportable_questions(reports).filter(pk__in=selected)
        if fmt == "json":
            payload, content_type = bank_as_json(reports, questions), "application/json"
        else:
            payload, content_type = bank_as_csv(questions), "text/csv"
        left_out = len(selected) - questions.count()
        if left_out:
            # Shown on the next page: the download itself cannot carry a message.
            self.message_user(
                request,
                f"The export left out {_plural(left_out, 'question')} whose source sentence "
                "is no longer in its report's text.",
                messages.WARNING,
            )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response = HttpResponse(payload, content_type=f"{content_type}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="reportcard-bank-{stamp}.{fmt}"'
        return response

    @admin.action(description="Export the selected questions as JSON", permissions=["view"])
    def export_json(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse:
        return self._export(request, queryset, "json")

    @admin.action(description="Export the selected questions as CSV", permissions=["view"])
    def export_csv(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse:
        return self._export(request, queryset, "csv")


# --- reports, sections, sentences, topics -------------------------------------------------


@admin.register(Report)
class ReportAdmin(CheckedSelectionAdmin):
    """Reports change only through an import (the upload page or the command)."""

    list_display = ["title", "period", "slug", "imported_at", "published", "in_review", "retired"]
    search_fields = ["title", "slug"]
    fields = [
        "title",
        "period",
        "slug",
        "source",
        "imported_at",
        "generator_version",
        "checksum",
        "question_links",
        "intake",
        "dropped_list",
        "text_preview",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        status = Question.Status
        counts = {
            name: Count("questions", filter=Q(questions__status=value))
            for name, value in [
                ("published_count", status.PUBLISHED),
                ("review_count", status.NEEDS_REVIEW),
                ("retired_count", status.RETIRED),
            ]
        }
        # The list never shows the chapter's text; the change page loads it when it does.
        return (
            super()
            .get_queryset(request)
            .defer("raw_text", "cleaned_text", "dropped")
            .annotate(**counts)
        )

    def get_urls(self):
        view = partial(report_upload, model_admin=self)
        urls = [
            path(
                "upload/",
                self.admin_site.admin_view(view),
                name="content_report_upload",
            )
        ]
        return urls + super().get_urls()

    def add_view(self, request, form_url="", extra_context=None):
        # A report is made by importing its text, never typed in field by field.
        return HttpResponseRedirect(reverse("admin:content_report_upload"))

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="published", ordering="published_count")
    def published(self, obj: Report) -> int:
        return obj.published_count

    @admin.display(description="needs review", ordering="review_count")
    def in_review(self, obj: Report) -> int:
        return obj.review_count

    @admin.display(description="retired", ordering="retired_count")
    def retired(self, obj: Report) -> int:
        return obj.retired_count

    @admin.display(description="questions")
    def question_links(self, obj: Report) -> SafeString:
        url = reverse("admin:content_question_changelist")
        return format_html(
            '<a href="{}?report={}">{} published</a> · <a href="{}?report={}&amp;{}">{} in '
            "review</a> · {} retired",
            url,
            obj.pk,
            obj.published_count,
            url,
            obj.pk,
            REVIEW_QUEUE_QUERY,
            obj.review_count,
            obj.retired_count,
        )

    @admin.display(description="what was read")
    def intake(self, obj: Report) -> SafeString:
        """The import's word counts, as the command's summary prints them."""
        return format_html('<pre class="rc-report-text">{}</pre>', "\n".join(format_intake(obj)))

    @admin.display(description="left out")
    def dropped_list(self, obj: Report) -> SafeString:
        """Every piece of the file the import left out, with its reason."""
        return format_html('<pre class="rc-report-text">{}</pre>', format_dropped(obj))

    @admin.display(description="cleaned text")
    def text_preview(self, obj: Report) -> SafeString:
        return format_html('<pre class="rc-report-text">{}</pre>', obj.cleaned_text)


class ReadOnlyAdmin(CheckedSelectionAdmin):
    """Rows an import writes: admins look, imports change."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Section)
class SectionAdmin(ReadOnlyAdmin):
    list_display = ["heading", "report", "order", "sentence_count"]
    list_filter = [ReportFilter]
    list_select_related = ["report"]
    search_fields = ["heading"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .defer("report__raw_text", "report__cleaned_text")
            .annotate(n_sentences=Count("sentences", filter=Q(sentences__present=True)))
        )

    @admin.display(description="sentences", ordering="n_sentences")
    def sentence_count(self, obj: Section) -> int:
        return obj.n_sentences


@admin.register(Sentence)
class SentenceAdmin(ReadOnlyAdmin):
    list_display = ["text", "report", "section", "position", "present"]
    list_filter = [ReportFilter, "present", "topics"]
    list_select_related = ["report", "section"]
    search_fields = ["text"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("report__raw_text", "report__cleaned_text")

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.GET.get("field_name") == "sentence":
            # Picking the source of a new question: only what the report still says.
            queryset = queryset.filter(present=True)
        return queryset, may_have_duplicates


@admin.register(Topic)
class TopicAdmin(CheckedSelectionAdmin):
    """Topics of the taxonomy (content/pipeline/topics.py) are kept in step with it by every
    import, so they are read-only here; topics an admin adds for hand-written questions are
    the admin's to edit."""

    list_display = ["name", "slug", "position", "published_questions"]
    search_fields = ["name", "slug"]
    fields = ["name", "slug", "description", "position"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        if obj.slug in TAXONOMY_SLUGS:
            return self.fields
        # Questions find their topics by row, imports by slug: a new slug would split it.
        return ["slug"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_published=Count(
                    "questions", filter=Q(questions__status=Question.Status.PUBLISHED)
                )
            )
        )

    @admin.display(description="published questions", ordering="n_published")
    def published_questions(self, obj: Topic) -> int:
        return obj.n_published
