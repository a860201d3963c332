"""Admin pages that are not a model's list or form: uploading a report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin import ModelAdmin
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods

from content.forms import ReportUploadForm
from content.management.commands.import_report import format_summary
from content.models import Report
from content.pipeline import PipelineError
from content.services import report_import

SUMMARY_TAG = "import-summary"


@require_http_methods(["GET", "POST"])
def report_upload(request: HttpRequest, *, model_admin: ModelAdmin) -> HttpResponse:
    """Import a chapter from a file: the same import as ``import_report``, with its summary.

    A file that cannot be a chapter comes back as a message on the form (400) and writes
    nothing: the checks run before the import, and the import is one transaction.
    """
    if not request.user.has_perm("content.add_report"):
        raise PermissionDenied
    form = ReportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = request.FILES["file"]
        try:
            summary = report_import(
                data=form.cleaned_data["file"],
                source=upload.name,
                title=form.cleaned_data["title"],
                period=form.cleaned_data["period"],
                slug=form.cleaned_data["slug"],
            )
        except PipelineError as exc:
            form.add_error("file", f"This file can't be imported: {exc}")
        else:
            report = summary.report
            if not summary.unchanged:
                LogEntry.objects.log_actions(
                    user_id=request.user.pk,
                    queryset=[report],
                    action_flag=ADDITION if summary.created else CHANGE,
                    change_message=f"Imported from the uploaded file {upload.name}.",
                )
            messages.success(request, format_summary(summary), extra_tags=SUMMARY_TAG)
            questions = reverse("admin:content_question_changelist")
            messages.info(
                request,
                format_html(
                    'See <a href="{}?report={}">its questions</a> or '
                    '<a href="{}?report={}&amp;status__exact=needs_review">those held for '
                    "review</a>.",
                    questions,
                    report.pk,
                    questions,
                    report.pk,
                ),
            )
            # Post/redirect/get: reloading the summary page never imports twice.
            return HttpResponseRedirect(reverse("admin:content_report_upload"))
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Report._meta,
        "title": "Upload a report",
        "form": form,
        "summary_tag": SUMMARY_TAG,
    }
    status = 400 if form.is_bound and form.errors else 200
    return TemplateResponse(request, "admin/content/report/upload.html", context, status=status)
