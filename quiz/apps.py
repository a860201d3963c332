from __future__ import annotations

from django.apps import AppConfig


class QuizConfig(AppConfig):
    name = "quiz"
    label = "quiz"
    verbose_name = "Quizzes and classes"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from quiz.visitors import hand_over_on_login

        # A visitor who logs in or signs up keeps the quizzes and cards they did as a visitor.
        user_logged_in.connect(hand_over_on_login, dispatch_uid="quiz.visitor_handover")
