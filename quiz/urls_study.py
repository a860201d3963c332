"""URLs of the study pages (included by quiz/urls.py)."""

from __future__ import annotations

urlpatterns: list = []
