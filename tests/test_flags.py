"""Report a problem: the flag service and its page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from quiz.flags import FLAGGED_REASON, AlreadyFlagged, flag_create
from quiz.models import Flag
from tests.factories import AnswerFactory, FlagFactory, QuestionFactory, StudentFactory

pytestmark = pytest.mark.django_db


def flag_url(question) -> str:
    return reverse("flag_question", args=[question.pk])


# --- the service -------------------------------------------------------------------------


def test_a_flag_records_the_reason_and_the_comment(student):
    question = QuestionFactory()

    flag = flag_create(question=question, user=student, reason="typo", comment="  'Jong-un'  ")

    assert (flag.question, flag.user, flag.reason, flag.comment) == (
        question,
        student,
        "typo",
        "'Jong-un'",
    )
    assert flag.resolved_at is None


def test_a_second_open_flag_by_the_same_learner_is_refused(student):
    question = QuestionFactory()
    flag_create(question=question, user=student, reason="typo")

    with pytest.raises(AlreadyFlagged, match="already reported"):
        flag_create(question=question, user=student, reason="unclear")
    assert Flag.objects.count() == 1


def test_after_a_flag_is_resolved_the_learner_may_report_again(student, admin_user):
    from django.utils import timezone

    question = QuestionFactory()
    FlagFactory(question=question, user=student, resolved_at=timezone.now(), resolved_by=admin_user)

    flag_create(question=question, user=student, reason="other")

    assert Flag.objects.filter(question=question, user=student).count() == 2


def test_an_unknown_reason_is_refused(student):
    with pytest.raises(ValueError):
        flag_create(question=QuestionFactory(), user=student, reason="boring")
    assert not Flag.objects.exists()


def test_the_threshold_th_open_flag_sends_the_question_back_to_review(settings):
    settings.REPORTCARD_FLAG_THRESHOLD = 3
    question = QuestionFactory(review_reasons=[])
    learners = StudentFactory.create_batch(3)

    flag_create(question=question, user=learners[0], reason="wrong_answer")
    flag_create(question=question, user=learners[1], reason="unclear")
    question.refresh_from_db()
    assert question.status == "published"

    flag_create(question=question, user=learners[2], reason="typo")
    question.refresh_from_db()
    assert question.status == "needs_review"
    assert question.review_reasons == [FLAGGED_REASON]


def test_resolved_flags_do_not_count_toward_the_threshold(settings, admin_user):
    from django.utils import timezone

    settings.REPORTCARD_FLAG_THRESHOLD = 2
    question = QuestionFactory()
    FlagFactory(question=question, resolved_at=timezone.now(), resolved_by=admin_user)

    flag_create(question=question, user=StudentFactory(), reason="typo")

    question.refresh_from_db()
    assert question.status == "published"


def test_a_retired_question_stays_retired_however_often_it_is_flagged(settings):
    settings.REPORTCARD_FLAG_THRESHOLD = 1
    question = QuestionFactory(status="retired")

    flag_create(question=question, user=StudentFactory(), reason="typo")

    question.refresh_from_db()
    assert question.status == "retired"


# --- the page ----------------------------------------------------------------------------


def test_a_visitor_is_sent_to_log_in_and_back(client):
    question = QuestionFactory()

    response = client.get(flag_url(question))
    posted = client.post(flag_url(question), {"reason": "typo"})

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={flag_url(question)}"
    assert posted.status_code == 302 and reverse("login") in posted["Location"]
    assert not Flag.objects.exists()


def test_the_form_offers_every_reason_and_a_comment(student_client):
    question = QuestionFactory(prompt="According to the report, how many?")

    response = student_client.get(flag_url(question))

    assert response.status_code == 200
    page = response.content.decode()
    assert "According to the report, how many?" in page
    for value, label in Flag.Reason.choices:
        assert f'value="{value}"' in page
        assert escape(label) in page
    assert 'name="comment"' in page
    assert "csrfmiddlewaretoken" in page


def test_the_form_never_shows_the_answer(student_client):
    question = QuestionFactory(type="fill_in", answer="kwanliso", choices=[], explanation="")

    page = student_client.get(flag_url(question)).content.decode()

    assert "kwanliso" not in page


def test_posting_records_a_flag_and_redirects_to_a_thank_you(student_client, student):
    question = QuestionFactory()

    response = student_client.post(
        flag_url(question), {"reason": "not_in_source", "comment": "The source says 2017."}
    )

    assert response.status_code == 302
    flag = Flag.objects.get()
    assert (flag.user, flag.question, flag.reason) == (student, question, "not_in_source")
    assert flag.comment == "The source says 2017."
    thanks = student_client.get(response["Location"]).content.decode()
    assert "Thank you" in thanks


def test_posting_with_htmx_swaps_in_the_thank_you(student_client):
    question = QuestionFactory()

    response = student_client.post(flag_url(question), {"reason": "typo"}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Thank you" in page
    assert "<html" not in page
    assert Flag.objects.count() == 1


def test_the_htmx_form_is_a_fragment(student_client):
    response = student_client.get(flag_url(QuestionFactory()), HTTP_HX_REQUEST="true")

    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in page and 'name="reason"' in page


def test_a_second_report_says_so_and_adds_no_row(student_client, student):
    question = QuestionFactory()
    FlagFactory(question=question, user=student)

    form = student_client.get(flag_url(question)).content.decode()
    response = student_client.post(flag_url(question), {"reason": "typo"})

    assert "You already reported this question" in form
    assert response.status_code == 409
    assert "You already reported this question" in response.content.decode()
    assert Flag.objects.count() == 1


@pytest.mark.parametrize(
    "data",
    [{}, {"reason": "boring"}, {"reason": "typo", "comment": "x" * 1001}],
)
def test_a_bad_form_answers_400_with_a_message(student_client, data):
    question = QuestionFactory()

    response = student_client.post(flag_url(question), data)

    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    assert not Flag.objects.exists()


def test_an_unknown_question_is_404(student_client):
    assert student_client.get(reverse("flag_question", args=[10**9])).status_code == 404
    assert (
        student_client.post(reverse("flag_question", args=[10**9]), {"reason": "typo"}).status_code
        == 404
    )


def test_an_unpublished_question_can_be_flagged_only_by_someone_who_answered_it(student):
    question = QuestionFactory(status="needs_review")
    stranger, answerer = Client(), Client()
    stranger.force_login(StudentFactory())
    answer = AnswerFactory(question=question)
    answerer.force_login(answer.user)

    assert stranger.get(flag_url(question)).status_code == 404
    assert answerer.get(flag_url(question)).status_code == 200


def test_next_leads_back_to_the_quiz_but_never_off_site(student_client):
    question = QuestionFactory()

    safe = student_client.get(flag_url(question) + "?next=/quiz/5/").content.decode()
    unsafe = student_client.get(flag_url(question) + "?next=https://evil.example/").content.decode()

    assert 'href="/quiz/5/"' in safe
    assert "evil.example" not in unsafe
