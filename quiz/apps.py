from __future__ import annotations

from django.apps import AppConfig


class QuizConfig(AppConfig):
    name = "quiz"
    label = "quiz"
    verbose_name = "Quizzes and classes"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.urls import register_converter

        from content.ids import IdConverter
        from quiz.visitors import hand_over_on_login

        # Our URLs write ids as <id:pk>: an overlong id is a 404 at the URL instead of a
        # number that overflows the key column in a query. Registered before any URL loads.
        register_converter(IdConverter, "id")

        # A visitor who logs in or signs up keeps the quizzes and cards they did as a visitor.
        user_logged_in.connect(hand_over_on_login, dispatch_uid="quiz.visitor_handover")
