from __future__ import annotations

from django.apps import AppConfig


class QuizConfig(AppConfig):
    name = "quiz"
    label = "quiz"
    verbose_name = "Quizzes and classes"
