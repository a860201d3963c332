"""quiz.sessions: choosing questions, recording answers and grades, ownership."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.http import Http404
from django.test import RequestFactory
from django.utils import timezone

from quiz import scheduling
from quiz.models import Answer, CardState, QuizSession
from quiz.sessions import (
    AnswerRejected,
    NoQuestions,
    SessionFinished,
    answer_submit,
    card_grade,
    get_session_for_user,
    lettered_choices,
    session_results,
    session_start,
    shuffled_choices,
)
from quiz.visitors import SESSION_KEY
from tests.factories import (
    AssignmentFactory,
    QuestionFactory,
    SentenceFactory,
    StudentFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def questions_of(session: QuizSession) -> list:
    return [item.question for item in session.items.select_related("question").order_by("position")]


def letter_of(session, question, *, correct: bool) -> str:
    return next(
        letter for letter, c in lettered_choices(session, question) if c.is_correct == correct
    )


def give_card(owner_user, question, *, due, reviews=1):
    card = scheduling.review(None, 3, due - timedelta(days=1))
    card["due"] = due.isoformat()
    return CardState.objects.create(
        user=owner_user, question=question, **scheduling.card_columns(card), reviews=reviews
    )


# --- choosing questions ------------------------------------------------------------------


def test_a_quiz_asks_only_published_quiz_questions_never_flashcards(student):
    topic = TopicFactory()
    asked = [
        QuestionFactory(topics=[topic]),
        QuestionFactory(type="true_false", answer="True", topics=[topic]),
        QuestionFactory(type="fill_in", answer="kwanliso", choices=[], topics=[topic]),
    ]
    QuestionFactory(type="flashcard", answer="x", choices=[], topics=[topic])
    QuestionFactory(status="needs_review", topics=[topic])
    QuestionFactory(status="retired", topics=[topic])

    session = session_start(user=student, length=10, topics=[topic])

    assert sorted(q.pk for q in questions_of(session)) == sorted(q.pk for q in asked)
    assert session.length == 3
    assert session.mode == "quiz"
    assert list(session.topics.all()) == [topic]


def test_a_quiz_is_as_long_as_asked_when_there_are_enough_questions(student):
    topic = TopicFactory()
    QuestionFactory.create_batch(12, topics=[topic])

    session = session_start(user=student, length=5, topics=[topic])

    assert session.length == 5
    assert [i.position for i in session.items.order_by("position")] == [1, 2, 3, 4, 5]


def test_topics_filter_the_questions_and_no_topics_means_all(student):
    mine, other = TopicFactory(), TopicFactory()
    on_mine = QuestionFactory.create_batch(3, topics=[mine])
    on_both = QuestionFactory(topics=[mine, other])
    on_other = QuestionFactory(topics=[other])

    just_mine = session_start(user=student, length=20, topics=[mine])
    everything = session_start(user=student, length=20)

    assert {q.pk for q in questions_of(just_mine)} == {q.pk for q in [*on_mine, on_both]}
    assert {q.pk for q in questions_of(everything)} == {q.pk for q in [*on_mine, on_both, on_other]}


def test_a_section_quiz_asks_questions_from_that_sections_sentences(student):
    sentence = SentenceFactory()
    in_section = [
        QuestionFactory(sentence=sentence),
        QuestionFactory(sentence=SentenceFactory(section=sentence.section)),
    ]
    QuestionFactory()  # elsewhere

    session = session_start(user=student, length=10, section=sentence.section)

    assert {q.pk for q in questions_of(session)} == {q.pk for q in in_section}


def test_given_questions_are_used_but_unpublished_ones_are_left_out(student):
    wanted = QuestionFactory.create_batch(3)
    held = QuestionFactory(status="needs_review")

    session = session_start(user=student, length=10, questions=[*wanted, held.pk])

    assert {q.pk for q in questions_of(session)} == {q.pk for q in wanted}


def test_nothing_to_ask_raises_no_questions_with_a_message_for_the_learner(student):
    empty = TopicFactory()

    with pytest.raises(NoQuestions, match="no questions on these topics"):
        session_start(user=student, topics=[empty])
    assert not QuizSession.objects.exists()


def test_bad_arguments_are_programming_errors(student):
    QuestionFactory()
    with pytest.raises(ValueError):
        session_start(user=student, length=0)
    with pytest.raises(ValueError):
        session_start(user=student, mode="exam")
    with pytest.raises(ValueError):
        session_start(length=5)  # nobody owns it
    with pytest.raises(ValueError):
        session_start(user=student, visitor_key="abc", length=5)


def test_unseen_questions_come_before_ones_already_studied(student):
    topic = TopicFactory()
    questions = QuestionFactory.create_batch(10, topics=[topic])
    now = timezone.now()
    for question in questions[:5]:
        give_card(student, question, due=now - timedelta(days=1))

    session = session_start(user=student, length=5, topics=[topic], now=now)

    assert {q.pk for q in questions_of(session)} == {q.pk for q in questions[5:]}


def test_review_asks_only_what_is_due_soonest_first(student):
    now = timezone.now()
    overdue = QuestionFactory()
    due_today = QuestionFactory(type="true_false", answer="False")
    not_yet = QuestionFactory()
    QuestionFactory()  # never seen: not part of a review
    give_card(student, due_today, due=now - timedelta(hours=1))
    give_card(student, overdue, due=now - timedelta(days=3))
    give_card(student, not_yet, due=now + timedelta(days=2))

    session = session_start(user=student, mode="review", length=10, now=now)

    assert questions_of(session) == [overdue, due_today]
    assert session.mode == "review"


def test_review_with_nothing_due_says_so(student):
    question = QuestionFactory()
    give_card(student, question, due=timezone.now() + timedelta(days=1))

    with pytest.raises(NoQuestions, match="Nothing is due"):
        session_start(user=student, mode="review")


def test_a_learners_cards_do_not_count_for_another(student, other_student):
    question = QuestionFactory()
    give_card(other_student, question, due=timezone.now() - timedelta(days=1))

    with pytest.raises(NoQuestions):
        session_start(user=student, mode="review")


def test_a_flashcard_deck_puts_flashcards_first_and_never_true_false(student):
    topic = TopicFactory()
    fill_in = QuestionFactory(type="fill_in", answer="songbun", choices=[], topics=[topic])
    cards = [
        QuestionFactory(type="flashcard", answer=f"meaning {i}", choices=[], topics=[topic])
        for i in range(3)
    ]
    multiple = QuestionFactory(topics=[topic])
    QuestionFactory(type="true_false", answer="True", topics=[topic])

    session = session_start(user=student, mode="flashcards", length=10, topics=[topic])

    asked = questions_of(session)
    assert {q.pk for q in asked[:3]} == {q.pk for q in cards}
    assert {q.pk for q in asked[3:]} == {fill_in.pk, multiple.pk}


def test_a_retry_keeps_the_order_of_the_missed_questions(student):
    first, second, third = QuestionFactory.create_batch(3)

    session = session_start(user=student, mode="retry", length=3, questions=[third, first, second])

    assert questions_of(session) == [third, first, second]


def test_an_assignment_brings_its_own_questions(student):
    assignment = AssignmentFactory()
    chosen = QuestionFactory.create_batch(2)
    QuestionFactory()
    assignment.questions.set(chosen)

    session = session_start(user=student, assignment=assignment, length=5)

    assert {q.pk for q in questions_of(session)} == {q.pk for q in chosen}
    assert session.assignment == assignment


def test_an_assignment_by_topics_asks_from_those_topics(student):
    topic = TopicFactory()
    on_topic = QuestionFactory.create_batch(2, topics=[topic])
    QuestionFactory()
    assignment = AssignmentFactory(topics=[topic])

    session = session_start(user=student, assignment=assignment, length=5)

    assert {q.pk for q in questions_of(session)} == {q.pk for q in on_topic}


def test_a_visitor_owns_a_session_by_key():
    QuestionFactory.create_batch(2)

    session = session_start(visitor_key="visitor-1", length=5)

    assert session.user is None
    assert session.visitor_key == "visitor-1"


# --- the order of choices ----------------------------------------------------------------


def test_choices_are_shuffled_per_session_and_stable_on_reload(student):
    question = QuestionFactory()  # the bank stores the correct choice first
    sessions = [session_start(user=student, length=1, questions=[question]) for _ in range(24)]

    orders = [tuple(c.pk for c in shuffled_choices(s, question)) for s in sessions]
    correct_at = Counter(
        next(i for i, c in enumerate(shuffled_choices(s, question)) if c.is_correct)
        for s in sessions
    )

    assert all(shuffled_choices(s, question) == shuffled_choices(s, question) for s in sessions)
    assert len(set(orders)) > 1
    assert correct_at[0] < len(sessions)  # the first choice is not always the right one
    assert len(correct_at) >= 3


# --- answering ---------------------------------------------------------------------------


def test_a_right_choice_is_recorded_counted_and_reviews_the_card_as_good(student):
    question = QuestionFactory()
    session = session_start(user=student, length=5, questions=[question, QuestionFactory()])

    answer = answer_submit(
        session=session, question=question, response=letter_of(session, question, correct=True)
    )

    assert answer.is_correct
    assert answer.rating == Answer.Rating.GOOD
    assert answer.choice.is_correct
    assert answer.response == question.answer
    assert answer.user == student
    session.refresh_from_db()
    assert (session.answered_count, session.correct_count) == (1, 1)
    assert session.finished_at is None
    card = CardState.objects.get(user=student, question=question)
    assert card.reviews == 1
    assert card.last_review == answer.answered_at
    assert card.due > answer.answered_at
    assert card.last_rating == Answer.Rating.GOOD


def test_a_wrong_choice_counts_as_again(student):
    question = QuestionFactory()
    session = session_start(user=student, length=5, questions=[question])

    answer = answer_submit(
        session=session, question=question, response=letter_of(session, question, correct=False)
    )

    assert not answer.is_correct
    assert answer.rating == Answer.Rating.AGAIN
    session.refresh_from_db()
    assert (session.answered_count, session.correct_count) == (1, 0)
    assert CardState.objects.get(user=student, question=question).last_rating == 1


def test_true_false_is_graded_against_the_answer(student):
    false_one = QuestionFactory(type="true_false", answer="False")
    true_one = QuestionFactory(type="true_false", answer="True")
    session = session_start(user=student, length=5, questions=[false_one, true_one])

    said_true = answer_submit(session=session, question=false_one, response="true")
    said_true_again = answer_submit(session=session, question=true_one, response="True")

    assert not said_true.is_correct
    assert said_true.response == "True"
    assert said_true.choice.text == "True"
    assert said_true_again.is_correct


def test_fill_in_forgives_case_punctuation_and_a_small_typo(student):
    question = QuestionFactory(type="fill_in", answer="rodong dallyeondae", choices=[])
    other = QuestionFactory(type="fill_in", answer="23", choices=[])
    session = session_start(user=student, length=5, questions=[question, other])

    typo = answer_submit(session=session, question=question, response="  Rodong dalyeondae ")
    wrong_number = answer_submit(session=session, question=other, response="24")

    assert typo.is_correct
    assert typo.response == "Rodong dalyeondae"
    assert not wrong_number.is_correct


def test_a_second_submission_returns_the_first_answer_and_counts_once(student):
    question = QuestionFactory()
    session = session_start(user=student, length=5, questions=[question, QuestionFactory()])
    right = letter_of(session, question, correct=True)
    wrong = letter_of(session, question, correct=False)

    first = answer_submit(session=session, question=question, response=right)
    again = answer_submit(session=session, question=question, response=wrong)

    assert again.pk == first.pk
    assert again.is_correct
    assert Answer.objects.filter(session=session).count() == 1
    session.refresh_from_db()
    assert (session.answered_count, session.correct_count) == (1, 1)
    assert CardState.objects.get(user=student, question=question).reviews == 1


@pytest.mark.parametrize("response", ["E", "", "1", "A' OR 1=1", "Z" * 400])
def test_a_tampered_choice_is_rejected_and_nothing_is_recorded(student, response):
    question = QuestionFactory()
    session = session_start(user=student, length=5, questions=[question])

    with pytest.raises(AnswerRejected):
        answer_submit(session=session, question=question, response=response)
    assert not Answer.objects.exists()
    assert not CardState.objects.exists()


@pytest.mark.parametrize("response", ["yes", "", "T"])
def test_true_false_accepts_only_true_or_false(student, response):
    question = QuestionFactory(type="true_false", answer="True")
    session = session_start(user=student, length=5, questions=[question])

    with pytest.raises(AnswerRejected):
        answer_submit(session=session, question=question, response=response)


def test_an_empty_or_overlong_fill_in_is_rejected(student):
    question = QuestionFactory(type="fill_in", answer="songbun", choices=[])
    session = session_start(user=student, length=5, questions=[question])

    with pytest.raises(AnswerRejected, match="Type an answer"):
        answer_submit(session=session, question=question, response="   ")
    with pytest.raises(AnswerRejected, match="too long"):
        answer_submit(session=session, question=question, response="x" * 301)


def test_a_question_outside_the_session_is_rejected(student):
    session = session_start(user=student, length=5, questions=[QuestionFactory()])
    outsider = QuestionFactory()

    with pytest.raises(AnswerRejected, match="isn't part of this session"):
        answer_submit(session=session, question=outsider, response="A")
    assert not Answer.objects.exists()


def test_the_last_answer_finishes_the_session(student):
    first, last = QuestionFactory.create_batch(2)
    session = session_start(user=student, length=2, questions=[first, last])

    answer_submit(session=session, question=first, response="A")
    assert session.finished_at is None
    answer_submit(session=session, question=last, response="B")

    assert session.finished_at is not None
    session.refresh_from_db()
    assert session.is_finished
    assert session.answered_count == 2
    assert not session.is_late


def test_finishing_after_the_assignment_is_due_is_late(student):
    assignment = AssignmentFactory(
        opens_at=timezone.now() - timedelta(days=5), due_at=timezone.now() - timedelta(days=1)
    )
    question = QuestionFactory()
    session = session_start(user=student, length=1, questions=[question], assignment=assignment)

    answer_submit(session=session, question=question, response="A")

    session.refresh_from_db()
    assert session.is_late


def test_finishing_before_the_assignment_is_due_is_not_late(student):
    assignment = AssignmentFactory()
    question = QuestionFactory()
    session = session_start(user=student, length=1, questions=[question], assignment=assignment)

    answer_submit(session=session, question=question, response="A")

    session.refresh_from_db()
    assert session.is_finished and not session.is_late


def test_a_finished_session_takes_no_new_answer_but_replays_the_old_one(student):
    question = QuestionFactory()
    session = session_start(user=student, length=1, questions=[question])
    first = answer_submit(session=session, question=question, response="A")
    session.items.create(question=QuestionFactory(), position=9)  # even if one were added

    replay = answer_submit(session=session, question=question, response="B")
    assert replay.pk == first.pk
    with pytest.raises(SessionFinished):
        answer_submit(
            session=session, question=session.items.get(position=9).question, response="A"
        )


def test_quiz_answers_and_flashcards_share_one_card_per_learner_and_question(student):
    question = QuestionFactory(type="fill_in", answer="songbun", choices=[])
    quiz = session_start(user=student, length=1, questions=[question])
    deck = session_start(user=student, mode="flashcards", length=1, questions=[question])

    answer_submit(session=quiz, question=question, response="songbun")
    card_grade(session=deck, question=question, rating=4)

    card = CardState.objects.get(user=student, question=question)
    assert card.reviews == 2
    assert card.last_rating == 4  # the latest review's grade


def test_a_wrong_answer_on_a_graduated_card_is_a_lapse(student):
    question = QuestionFactory()
    deck = session_start(user=student, mode="flashcards", length=1, questions=[question])
    card_grade(session=deck, question=question, rating=4)  # Easy graduates a new card
    quiz = session_start(user=student, length=1, questions=[question])

    answer_submit(
        session=quiz, question=question, response=letter_of(quiz, question, correct=False)
    )

    card = CardState.objects.get(user=student, question=question)
    assert (card.reviews, card.lapses) == (2, 1)


# --- flashcard grades --------------------------------------------------------------------


def test_a_grade_reviews_the_card_with_that_rating(student):
    question = QuestionFactory(type="flashcard", answer="political prison camps", choices=[])
    deck = session_start(user=student, mode="flashcards", length=1, questions=[question])

    answer = card_grade(session=deck, question=question, rating=1)

    assert answer.rating == 1
    assert not answer.is_correct
    assert answer.response == "Again"
    card = CardState.objects.get(user=student, question=question)
    assert card.due - answer.answered_at < timedelta(hours=1)
    deck.refresh_from_db()
    assert deck.is_finished


@pytest.mark.parametrize("rating", [0, 5, -1, 99])
def test_an_unknown_rating_is_rejected(student, rating):
    question = QuestionFactory(type="flashcard", answer="x", choices=[])
    deck = session_start(user=student, mode="flashcards", length=1, questions=[question])

    with pytest.raises(AnswerRejected):
        card_grade(session=deck, question=question, rating=rating)
    assert not Answer.objects.exists()


def test_quizzes_are_answered_and_decks_are_graded_not_the_other_way(student):
    question = QuestionFactory(type="fill_in", answer="songbun", choices=[])
    quiz = session_start(user=student, length=1, questions=[question])
    deck = session_start(user=student, mode="flashcards", length=1, questions=[question])

    with pytest.raises(AnswerRejected):
        card_grade(session=quiz, question=question, rating=3)
    with pytest.raises(AnswerRejected):
        answer_submit(session=deck, question=question, response="songbun")


def test_a_regrade_returns_the_first_grade(student):
    question = QuestionFactory(type="flashcard", answer="x", choices=[])
    deck = session_start(user=student, mode="flashcards", length=2, questions=[question])

    first = card_grade(session=deck, question=question, rating=3)
    second = card_grade(session=deck, question=question, rating=1)

    assert second.pk == first.pk and second.rating == 3
    assert CardState.objects.get(user=student, question=question).reviews == 1


# --- results -----------------------------------------------------------------------------


def test_results_score_each_topic_and_list_the_missed_questions(student):
    history, labor = TopicFactory(name="History"), TopicFactory(name="Labor")
    right = QuestionFactory(topics=[history])
    wrong = QuestionFactory(topics=[history, labor])
    session = session_start(user=student, length=2, questions=[right, wrong])
    answer_submit(session=session, question=right, response=letter_of(session, right, correct=True))
    answer_submit(
        session=session, question=wrong, response=letter_of(session, wrong, correct=False)
    )

    results = session_results(session)

    assert (results.correct, results.total, results.percent) == (1, 2, 50)
    assert [a.question for a in results.missed] == [wrong]
    scores = {s.topic.name: (s.correct, s.total) for s in results.topics}
    assert scores == {"History": (1, 2), "Labor": (0, 1)}


# --- ownership ---------------------------------------------------------------------------


def request_for(user=None, visitor_key=""):
    request = RequestFactory().get("/")
    request.session = SessionStore()
    if visitor_key:
        request.session[SESSION_KEY] = visitor_key
    from django.contrib.auth.models import AnonymousUser

    request.user = user or AnonymousUser()
    return request


def test_get_session_for_user_returns_only_the_owners_session(student, other_student):
    QuestionFactory()
    mine = session_start(user=student, length=1)
    visitors = session_start(visitor_key="key-1", length=1)

    assert get_session_for_user(request_for(student), mine.pk) == mine
    assert get_session_for_user(request_for(visitor_key="key-1"), visitors.pk) == visitors
    for request, pk in [
        (request_for(other_student), mine.pk),
        (request_for(), mine.pk),
        (request_for(visitor_key="key-2"), visitors.pk),
        (request_for(student), visitors.pk),
        (request_for(visitor_key="key-1"), mine.pk),
        (request_for(student), 10**9),
    ]:
        with pytest.raises(Http404):
            get_session_for_user(request, pk)


def test_a_new_student_is_a_stranger_to_existing_sessions():
    QuestionFactory()
    session = session_start(user=StudentFactory(), length=1)

    with pytest.raises(Http404):
        get_session_for_user(request_for(StudentFactory()), session.pk)


def test_a_quiz_asks_one_fact_once(student):
    # Three questions on one sentence answer each other: a quiz draws one of them.
    sentence = SentenceFactory()
    same_fact = [
        QuestionFactory(sentence=sentence),
        QuestionFactory(sentence=sentence, type="fill_in", choices=[], answer="kwanliso"),
        QuestionFactory(sentence=sentence, type="true_false", choices=[], answer="True"),
    ]
    others = QuestionFactory.create_batch(3)

    session = session_start(user=student, length=10)

    drawn = {q.pk for q in questions_of(session)}
    assert len(drawn & {q.pk for q in same_fact}) == 1
    assert {q.pk for q in others} <= drawn


def test_a_context_line_counts_as_its_sentences_fact(student):
    # A stem's context line is another question's source sentence: it would answer it.
    earlier = SentenceFactory(text="Police arrested the journalist Lee Min-ho on March 2.")
    leaning = QuestionFactory(context=earlier.text)
    on_earlier = QuestionFactory(sentence=earlier)

    session = session_start(user=student, length=10)

    assert len({q.pk for q in questions_of(session)} & {leaning.pk, on_earlier.pk}) == 1


def test_a_deck_never_shows_the_same_answer_twice(student):
    cards = [
        QuestionFactory(type="flashcard", choices=[], answer="Political prison camps")
        for _ in range(3)
    ]
    other = QuestionFactory(type="flashcard", choices=[], answer="Reeducation camps")

    session = session_start(user=student, length=10, mode="flashcards")

    drawn = {q.pk for q in questions_of(session)}
    assert len(drawn & {q.pk for q in cards}) == 1 and other.pk in drawn


@pytest.mark.parametrize("seed", range(5))
def test_true_false_in_a_drawn_quiz_stay_balanced(student, seed):
    trues = [QuestionFactory(type="true_false", choices=[], answer="True") for _ in range(8)]
    falses = [QuestionFactory(type="true_false", choices=[], answer="False") for _ in range(2)]
    QuestionFactory.create_batch(6, type="fill_in", choices=[])

    session = session_start(user=student, length=8)

    drawn = {q.pk for q in questions_of(session)}
    drawn_true = len(drawn & {q.pk for q in trues})
    drawn_false = len(drawn & {q.pk for q in falses})
    assert drawn_true <= drawn_false + 1
    assert len(drawn) == 8


def test_a_two_sentence_context_counts_each_sentence_as_a_fact(student):
    first = SentenceFactory(text="Police arrested the journalist Lee Min-ho on March 2.")
    second = SentenceFactory(text="He was held in Port Ellis.")
    leaning = QuestionFactory(context=f"{first.text} {second.text}")
    on_first = QuestionFactory(sentence=first)

    session = session_start(user=student, length=10)

    assert len({q.pk for q in questions_of(session)} & {leaning.pk, on_first.pk}) == 1
