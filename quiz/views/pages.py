"""The home page and one page per role; later issues replace the role pages with real ones."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from quiz.http import HtmxHttpRequest
from quiz.roles import admin_required, teacher_required


def _bundled_report_title() -> str | None:
    # The bank's models arrive in their own issue; until then the home page simply has no title.
    try:
        report_model = apps.get_model("content", "Report")
    except LookupError:
        return None
    # Only the title: a report row also holds the whole chapter text twice.
    return report_model.objects.order_by("pk").values_list("title", flat=True).first()


@require_GET
def home(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "home.html", {"report_title": _bundled_report_title()})


@require_GET
@login_required
def study(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "quiz/study.html")


@require_GET
@teacher_required
def teach(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "quiz/teach.html")


@require_GET
@admin_required
def staff(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "quiz/staff.html")
