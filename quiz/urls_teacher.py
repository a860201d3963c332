"""URLs of the teacher pages (included by quiz/urls.py)."""

from __future__ import annotations

urlpatterns: list = []
