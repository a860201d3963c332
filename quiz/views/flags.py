""" "Report a problem" on a question: a small form, logged-in learners only."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_http_methods

from content.ids import parse_pk
from content.models import Question
from quiz.flags import AlreadyFlagged, flag_create, has_open_flag
from quiz.http import HtmxHttpRequest
from quiz.models import Flag

TEMPLATE = "quiz/flag_form.html"


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        choices=Flag.Reason.choices,
        widget=forms.RadioSelect,
        label="What's wrong?",
        error_messages={
            "required": "Choose what is wrong with the question.",
            "invalid_choice": "Choose one of the reasons listed.",
        },
    )
    comment = forms.CharField(
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Anything to add? (optional)",
        help_text="For example, what the report actually says.",
    )


def _flaggable_question(request: HtmxHttpRequest, pk: int) -> Question:
    # Published questions, and any question this learner has answered: one may drop to
    # review while they read its feedback, and they should still be able to report it.
    if parse_pk(pk) is None:
        raise Http404("No such question.")
    question = (
        Question.objects.filter(pk=pk)
        .filter(Q(status=Question.Status.PUBLISHED) | Q(answers__user=request.user))
        .distinct()
        .first()
    )
    if question is None:
        raise Http404("No such question.")
    return question


def _next_url(request: HtmxHttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


@require_http_methods(["GET", "POST"])
@login_required
def flag_question(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    question = _flaggable_question(request, pk)
    next_url = _next_url(request)
    context = {"question": question, "next": next_url, "thanks": False, "already": False}
    status = 200
    if request.method == "POST":
        form = FlagForm(request.POST)
        if form.is_valid():
            try:
                flag_create(question=question, user=request.user, **form.cleaned_data)
            except AlreadyFlagged:
                context["already"] = True
                status = 409
            else:
                if not request.htmx:
                    query = urlencode({"sent": 1, **({"next": next_url} if next_url else {})})
                    return redirect(f"{reverse('flag_question', args=[question.pk])}?{query}")
                context["thanks"] = True
        else:
            status = 400
    else:
        form = FlagForm()
        context["thanks"] = request.GET.get("sent") == "1" and has_open_flag(
            question=question, user=request.user
        )
        context["already"] = not context["thanks"] and has_open_flag(
            question=question, user=request.user
        )
    context["form"] = form
    template = f"{TEMPLATE}#panel" if request.htmx else TEMPLATE
    return render(request, template, context, status=status)
