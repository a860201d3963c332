"""URLs of the study pages (included by quiz/urls.py)."""

from __future__ import annotations

from django.urls import path

from quiz.views import study

urlpatterns = [
    path("progress/", study.progress_page, name="progress"),
    path("reports/", study.report_list, name="reports"),
    path("reports/<slug:slug>/", study.reader, name="reader"),
]
