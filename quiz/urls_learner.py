"""URLs of the learner pages (included by quiz/urls.py): quizzes, flashcards, flags."""

from __future__ import annotations

from django.urls import path

from quiz.views import flags, flashcards, quiz

urlpatterns = [
    path("quiz/", quiz.quiz_setup, name="quiz_setup"),
    path("quiz/start/", quiz.quiz_start, name="quiz_start"),
    path("quiz/<id:pk>/", quiz.session_detail, name="session_detail"),
    path("quiz/<id:pk>/answer/", quiz.session_answer, name="session_answer"),
    path("quiz/<id:pk>/results/", quiz.session_results, name="session_results"),
    path("quiz/<id:pk>/retry/", quiz.session_retry, name="session_retry"),
    path("cards/", flashcards.flashcards, name="flashcards"),
    path("cards/start/", flashcards.flashcards_start, name="flashcards_start"),
    path("cards/<id:pk>/", flashcards.flashcard_deck, name="flashcard_deck"),
    path("cards/<id:pk>/grade/", flashcards.flashcard_grade, name="flashcard_grade"),
    path("questions/<id:pk>/flag/", flags.flag_question, name="flag_question"),
]
