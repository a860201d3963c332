"""Flashcards: a deck per topic or of what's due; flip a card, grade it, see when it returns.

The back of a card is never in the page before it is flipped: flipping is a request
(``?show=<question>``), so the answer cannot be read ahead in the page source.
"""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from content.ids import parse_pk
from content.models import Topic
from quiz import scheduling
from quiz.http import HtmxHttpRequest
from quiz.models import QuizSession
from quiz.sessions import (
    CARD_TYPES,
    QUIZ_LENGTHS,
    Answered,
    AnswerRejected,
    NoQuestions,
    SessionFinished,
    answered_item,
    card_for,
    card_grade,
    card_state_for,
    current_item,
    due_question_count,
    session_item,
    session_owner,
    session_start,
    topics_with_counts,
)
from quiz.views.quiz import learner_session, redirect_htmx
from quiz.visitors import owner_for

TEMPLATE = "quiz/flashcard_deck.html"


class DeckStartForm(forms.Form):
    topic = forms.ModelChoiceField(
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        error_messages={"invalid_choice": "There is no such topic."},
    )
    due = forms.BooleanField(required=False)
    length = forms.TypedChoiceField(
        choices=[(n, n) for n in QUIZ_LENGTHS],
        coerce=int,
        required=False,
        empty_value=10,
        error_messages={"invalid_choice": "Choose 5, 10 or 20 cards."},
    )

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("topic") and not data.get("due"):
            raise forms.ValidationError("Choose a topic, or the cards that are due.")
        return data


def _render_decks(request: HtmxHttpRequest, *, form=None, error: str = "", status: int = 200):
    context = {
        "topics": topics_with_counts(CARD_TYPES, minimum=1),
        "due_count": due_question_count(owner_for(request), timezone.now(), CARD_TYPES),
        "form": form,
        "error": error,
    }
    return render(request, "quiz/flashcards.html", context, status=status)


@require_GET
def flashcards(request: HtmxHttpRequest) -> HttpResponse:
    return _render_decks(request)


@require_POST
def flashcards_start(request: HtmxHttpRequest) -> HttpResponse:
    form = DeckStartForm(request.POST)
    if not form.is_valid():
        return _render_decks(request, form=form, status=400)
    owner = owner_for(request, create=True)
    topic = form.cleaned_data["topic"]
    try:
        session = session_start(
            **owner.fields,
            mode=QuizSession.Mode.FLASHCARDS,
            length=form.cleaned_data["length"],
            topics=[topic] if topic else [],
            due=form.cleaned_data["due"],
        )
    except NoQuestions as empty:
        return _render_decks(request, error=str(empty), status=409)
    return redirect_htmx(request, reverse("flashcard_deck", args=[session.pk]))


def _front_context(session: QuizSession, *, graded=None) -> dict:
    """The next card's front (or the end of the deck), after an optional grading notice."""
    context = {"session": session, "item": current_item(session), "graded": None}
    if graded is not None:
        answer = graded.answer
        state = card_state_for(session_owner(session), graded.item.question)
        due = state.due if state else answer.answered_at
        context["graded"] = {
            "answer": answer,
            "due": due,
            "interval": scheduling.format_interval(due - answer.answered_at),
        }
    return context


def _render_front(request: HtmxHttpRequest, context: dict, *, status: int = 200):
    partial = "card" if context["item"] is not None else "done"
    template = f"{TEMPLATE}#{partial}" if request.htmx else TEMPLATE
    return render(request, template, context, status=status)


def _back_context(session: QuizSession, item, *, error: str = "") -> dict:
    now = timezone.now()
    question = item.question
    intervals = scheduling.next_intervals(card_for(session_owner(session), question), now)
    return {
        "session": session,
        "item": item,
        "question": question,
        "sentence": question.sentence,
        "back": True,
        "grades": [
            (rating, label, scheduling.format_interval(intervals[rating]))
            for rating, label in scheduling.RATINGS
        ],
        "error": error,
    }


@require_GET
def flashcard_deck(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """One card: its front; ``?show=<question>`` its back; ``?graded=<question>`` what's next."""
    session = learner_session(request, pk, mode="flashcards")
    if "show" in request.GET:
        question_id = parse_pk(request.GET["show"])
        item = session_item(session, question_id) if question_id else None
        if item is None:
            raise Http404("No such card in this deck.")
        if answered_item(session, item.question_id) is not None:
            return redirect("flashcard_deck", pk=session.pk)  # already graded: move on
        context = _back_context(session, item)
        return render(request, f"{TEMPLATE}#back" if request.htmx else TEMPLATE, context)
    graded = None
    if "graded" in request.GET:
        question_id = parse_pk(request.GET["graded"])
        graded = answered_item(session, question_id) if question_id else None
        if graded is None:
            raise Http404("No such card in this deck.")
    return _render_front(request, _front_context(session, graded=graded))


@require_POST
def flashcard_grade(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    session = learner_session(request, pk, mode="flashcards")
    question_id = parse_pk(request.POST.get("question", ""))
    item = session_item(session, question_id) if question_id else None
    if item is None:
        context = {
            "session": session,
            "item": None,
            "problem": "That card isn't part of this deck. Go back to the deck and try again.",
        }
        return render(
            request, f"{TEMPLATE}#problem" if request.htmx else TEMPLATE, context, status=400
        )
    rating = parse_pk(request.POST.get("rating", ""))
    try:
        answer = card_grade(session=session, question=item.question, rating=rating or 0)
    except SessionFinished:
        return redirect_htmx(request, reverse("flashcard_deck", args=[session.pk]))
    except AnswerRejected as rejected:
        context = _back_context(session, item, error=str(rejected))
        return render(
            request, f"{TEMPLATE}#back" if request.htmx else TEMPLATE, context, status=400
        )
    if not request.htmx:
        url = reverse("flashcard_deck", args=[session.pk])
        return redirect(f"{url}?graded={item.question_id}")
    return _render_front(request, _front_context(session, graded=Answered(item, answer)))
