"""The progress page and the report reader: open to everyone, each learner sees only their own."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from content.ids import parse_pk
from content.models import Report
from quiz import charts, progress
from quiz.http import HtmxHttpRequest
from quiz.visitors import owner_for


@require_GET
def progress_page(request: HtmxHttpRequest) -> HttpResponse:
    """Mastery per topic and 30 days of activity, for the user or the visitor behind the request.

    A visitor who has not studied yet gets no key (nothing is written by looking), and so sees
    an invitation instead of empty charts.
    """
    owner = progress.as_owner(owner_for(request))
    now = timezone.now()
    context: dict = {"owner": owner}
    if owner is not None:
        topics = progress.topic_progress(owner, now)
        days = progress.activity(owner, 30, now=now)
        context.update(
            topics=[
                (
                    row,
                    progress.days_phrase(row.last_studied, now, past=True)
                    if row.last_studied
                    else "",
                )
                for row in topics
            ],
            days=days,
            answers_30=sum(day.answers for day in days),
            mastery_chart=charts.mastery_chart([(row.topic.name, row.mastery) for row in topics]),
            activity_chart=charts.activity_chart([(day.day, day.answers) for day in days]),
        )
    return render(request, "quiz/progress.html", context)


@require_GET
def report_list(request: HtmxHttpRequest) -> HttpResponse:
    """The reports to read; with only one (the usual case) the list is skipped."""
    reports = list(Report.objects.order_by("title", "period").only("slug", "title", "period")[:2])
    if len(reports) == 1:
        return redirect("reader", slug=reports[0].slug)
    reports = Report.objects.order_by("title", "period").only("slug", "title", "period")
    return render(request, "quiz/report_list.html", {"reports": reports})


@require_GET
def reader(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The cleaned chapter; ``?highlight=<sentence id>`` marks the sentence a question came from.

    A highlight that is not a sentence id of this report is ignored: the link came from a
    feedback panel, and a stale or edited link should still open the report.
    """
    report = get_object_or_404(Report.objects.defer("raw_text"), slug=slug)
    raw = request.GET.get("highlight", "")
    highlight = parse_pk(raw)
    sections = progress.report_reading(report, highlight=highlight)
    return render(
        request,
        "quiz/reader.html",
        {"report": report, "sections": sections, "highlight": highlight},
    )
