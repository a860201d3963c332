"""Quizzes: choose topics, answer one question per screen, see what was missed, retry it.

Every step works as a plain form post (JavaScript off) and through htmx, where the
answer swaps a feedback panel in place of the question card. The same template serves
both: the full page, or one of its partials when ``request.htmx``.
"""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from content.ids import parse_pk
from content.models import QuestionType, Section, Topic
from quiz.http import HtmxHttpRequest
from quiz.models import QuizSession
from quiz.sessions import (
    QUIZ_LENGTHS,
    QUIZ_TYPES,
    AnswerRejected,
    NoQuestions,
    SessionFinished,
    answer_submit,
    answered_item,
    current_item,
    due_question_count,
    get_session_for_user,
    lettered_choices,
    session_item,
    session_start,
    topics_with_counts,
)
from quiz.sessions import (
    session_results as results_of,
)
from quiz.visitors import owner_for

TEMPLATE = "quiz/session_detail.html"


class QuizStartForm(forms.Form):
    topics = forms.ModelMultipleChoiceField(
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        error_messages={"invalid_choice": "There is no topic called “%(value)s”."},
    )
    length = forms.TypedChoiceField(
        choices=[(n, f"{n} questions") for n in QUIZ_LENGTHS],
        coerce=int,
        required=False,
        empty_value=10,
        error_messages={"invalid_choice": "Choose 5, 10 or 20 questions."},
    )
    mode = forms.ChoiceField(
        choices=[(QuizSession.Mode.QUIZ, "Quiz"), (QuizSession.Mode.REVIEW, "Review")],
        required=False,
        error_messages={"invalid_choice": "Start a quiz or a review."},
    )
    section = forms.ModelChoiceField(
        queryset=Section.objects.all(),
        required=False,
        error_messages={"invalid_choice": "That section does not exist."},
    )


def redirect_htmx(request: HtmxHttpRequest, url: str) -> HttpResponse:
    # htmx would swap a followed redirect into the card; tell it to navigate instead.
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return redirect(url)


def _render_setup(request: HtmxHttpRequest, *, form=None, error: str = "", status: int = 200):
    owner = owner_for(request)
    selected = set(request.POST.getlist("topics") or request.GET.getlist("topic"))
    length = request.POST.get("length") or "10"
    context = {
        "topics": topics_with_counts(),
        "selected": selected,
        "lengths": QUIZ_LENGTHS,
        "length": length,
        "due_count": due_question_count(owner, timezone.now(), QUIZ_TYPES),
        "form": form,
        "error": error,
    }
    return render(request, "quiz/quiz_setup.html", context, status=status)


@require_GET
def quiz_setup(request: HtmxHttpRequest) -> HttpResponse:
    return _render_setup(request)


@require_POST
def quiz_start(request: HtmxHttpRequest) -> HttpResponse:
    form = QuizStartForm(request.POST)
    if not form.is_valid():
        return _render_setup(request, form=form, status=400)
    owner = owner_for(request, create=True)
    try:
        session = session_start(
            **owner.fields,
            mode=form.cleaned_data["mode"] or QuizSession.Mode.QUIZ,
            length=form.cleaned_data["length"],
            topics=form.cleaned_data["topics"],
            section=form.cleaned_data["section"],
        )
    except NoQuestions as empty:
        return _render_setup(request, error=str(empty), status=409)
    return redirect_htmx(request, reverse("session_detail", args=[session.pk]))


def learner_session(request: HtmxHttpRequest, pk: int, *, mode: str = "quiz") -> QuizSession:
    session = get_session_for_user(request, pk)
    is_deck = session.mode == QuizSession.Mode.FLASHCARDS
    if is_deck != (mode == "flashcards"):
        raise Http404("No such quiz.")
    return session


def _question_context(session: QuizSession, item, *, error: str = "") -> dict:
    question = item.question
    return {
        "session": session,
        "question": question,
        "choices": (
            lettered_choices(session, question)
            if question.type == QuestionType.MULTIPLE_CHOICE
            else []
        ),
        "number": item.position,
        "error": error,
    }


def _picked_source(question, answer):
    """The distractor a learner picked, with the sentence the chapter gives it in (None
    when they were right, typed, or picked a value the chapter does not give). Read from
    the question's prefetched choices: no query of its own."""
    if answer.is_correct or not answer.choice_id:
        return None
    for choice in question.choices.all():
        if choice.pk == answer.choice_id and choice.sentence_id and choice.sentence.present:
            return choice
    return None


def _feedback_context(request: HtmxHttpRequest, session: QuizSession, item, answer) -> dict:
    question = item.question
    finished = session.answered_count >= session.length
    here = f"{reverse('session_detail', args=[session.pk])}?answered={question.pk}"
    return {
        "session": session,
        "question": question,
        "sentence": question.sentence,
        "answer": answer,
        "picked_source": _picked_source(question, answer),
        "feedback": True,
        "number": item.position,
        "finished": finished,
        "next_url": reverse("session_results" if finished else "session_detail", args=[session.pk]),
        "flag_url": f"{reverse('flag_question', args=[question.pk])}?{urlencode({'next': here})}",
    }


@require_GET
def session_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The current question; or, with ``?answered=<question>``, the feedback on an answer."""
    session = learner_session(request, pk)
    if "answered" in request.GET:
        question_id = parse_pk(request.GET["answered"])
        found = answered_item(session, question_id) if question_id else None
        if found is None:
            raise Http404("No answer to show.")
        context = _feedback_context(request, session, found.item, found.answer)
        return render(request, f"{TEMPLATE}#feedback" if request.htmx else TEMPLATE, context)
    item = current_item(session)
    if item is None:
        return redirect_htmx(request, reverse("session_results", args=[session.pk]))
    context = _question_context(session, item)
    return render(request, f"{TEMPLATE}#question" if request.htmx else TEMPLATE, context)


@require_POST
def session_answer(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    session = learner_session(request, pk)
    question_id = parse_pk(request.POST.get("question", ""))
    item = session_item(session, question_id) if question_id else None
    if item is None:
        context = {
            "session": session,
            "problem": "That question isn't part of this quiz. Go back to it and try again.",
        }
        return render(
            request, f"{TEMPLATE}#problem" if request.htmx else TEMPLATE, context, status=400
        )
    try:
        answer = answer_submit(
            session=session, question=item.question, response=request.POST.get("response", "")
        )
    except SessionFinished:
        return redirect_htmx(request, reverse("session_results", args=[session.pk]))
    except AnswerRejected as rejected:
        context = _question_context(session, item, error=str(rejected))
        return render(
            request, f"{TEMPLATE}#question" if request.htmx else TEMPLATE, context, status=400
        )
    if not request.htmx:
        # Post/redirect/get: reloading the feedback page never re-posts the answer.
        url = reverse("session_detail", args=[session.pk])
        return redirect(f"{url}?answered={item.question_id}")
    return render(
        request, f"{TEMPLATE}#feedback", _feedback_context(request, session, item, answer)
    )


@require_GET
def session_results(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    session = learner_session(request, pk)
    if not session.is_finished:
        return redirect("session_detail", pk=session.pk)
    return _render_results(request, session)


def _render_results(request, session, *, error: str = "", status: int = 200) -> HttpResponse:
    context = {"session": session, "results": results_of(session), "error": error}
    return render(request, "quiz/session_results.html", context, status=status)


@require_POST
def session_retry(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    session = learner_session(request, pk)
    if not session.is_finished:
        return redirect_htmx(request, reverse("session_detail", args=[session.pk]))
    missed = [a.question_id for a in session.answers.filter(is_correct=False).order_by("pk")]
    if not missed:
        return _render_results(
            request, session, error="Nothing was missed in this quiz.", status=409
        )
    owner = owner_for(request)
    try:
        retry = session_start(
            **owner.fields,
            mode=QuizSession.Mode.RETRY,
            length=len(missed),
            questions=missed,
            retry_of=session,
        )
    except NoQuestions as gone:
        return _render_results(request, session, error=str(gone), status=409)
    return redirect_htmx(request, reverse("session_detail", args=[retry.pk]))
