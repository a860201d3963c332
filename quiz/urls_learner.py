"""URLs of the learner pages (included by quiz/urls.py)."""

from __future__ import annotations

urlpatterns: list = []
