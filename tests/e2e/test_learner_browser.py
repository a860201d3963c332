"""A student studies in a real browser: a quiz and three flashcards by keyboard alone, and
a quiz with JavaScript off."""

from __future__ import annotations

import pytest

from content.models import Question
from content.services import report_import
from quiz.models import Answer, CardState, Flag, QuizSession
from quiz.sessions import lettered_choices
from tests.bench import SEED_PATH
from tests.factories import PASSWORD, StudentFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def seeded():
    report_import(raw_text=SEED_PATH.read_text(encoding="utf-8"))
    return StudentFactory(username="keyboard_student")


def log_in(page, user) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url("**/")


def start_five_question_quiz(page) -> QuizSession:
    page.goto("/quiz/")
    page.check('input[name="length"][value="5"]')
    page.click("button.start")
    page.wait_for_selector("#question-card form")
    page.wait_for_load_state("load")  # htmx takes over the forms once the page has loaded
    return QuizSession.objects.latest("created_at")


def current_question(page) -> Question:
    return Question.objects.get(
        pk=page.get_attribute('#question-card input[name="question"]', "value")
    )


def wait_for_focus(page, selector: str) -> None:
    """htmx makes swapped-in content live and then focuses it; keys pressed before that
    would fall back to plain form posts, which is fine for people but not for this test."""
    page.wait_for_function(f"document.activeElement.matches({selector!r})")


def focused(page, attribute: str) -> str | None:
    return page.evaluate(
        f"document.activeElement && document.activeElement.getAttribute('{attribute}')"
    )


def test_a_quiz_and_three_flashcards_by_keyboard_alone(seeded, page):
    log_in(page, seeded)
    session = start_five_question_quiz(page)

    for number in range(1, 6):
        card = page.locator("#question-card")
        assert f"Question {number} of 5" in card.inner_text()
        wait_for_focus(page, "#prompt, #response")
        question = current_question(page)
        answer_right = number != 1  # miss the first one on purpose
        if question.type == "fill_in":
            page.keyboard.type(question.answer if answer_right else "not the answer")
        elif question.type == "true_false":
            said = (
                question.answer
                if answer_right
                else {"True": "False", "False": "True"}[question.answer]
            )
            page.keyboard.press(said[0].lower())
            assert focused(page, "value") == said
        else:
            letters = lettered_choices(session, question)
            letter = next(key for key, c in letters if c.is_correct == answer_right)
            page.keyboard.press(str("ABCD".index(letter) + 1))
            assert focused(page, "value") == letter
        page.keyboard.press("Enter")

        verdict = page.locator("#verdict")
        verdict.wait_for()
        expected = "Correct" if answer_right else "Not quite"
        assert verdict.inner_text().startswith(expected)
        assert page.locator("#quiz-status").inner_text().startswith(expected)
        assert page.locator("figure.source blockquote").inner_text() == question.sentence.text
        # Focus moves to Next (or See your results) as soon as the swap settles.
        wait_for_focus(page, "[data-key=enter]")
        assert page.url.endswith(f"/quiz/{session.pk}/")  # swapped in place by htmx
        page.keyboard.press("Enter")
        if number < 5:
            page.wait_for_selector(f"#question-card >> text=Question {number + 1} of 5")

    page.wait_for_url(f"**/quiz/{session.pk}/results/")
    assert "4 of 5 right (80%)" in page.locator("main").inner_text()
    assert page.locator("ol.missed > li").count() == 1
    assert Answer.objects.filter(session=session).count() == 5

    # Three flashcards: Space flips, 3 grades Good.
    page.goto("/cards/")
    page.locator(".decks li", has_text="UN and accountability").locator("button").click()
    page.wait_for_selector("#card")
    page.wait_for_load_state("load")
    deck = QuizSession.objects.get(mode="flashcards")
    for number in range(1, 4):
        assert f"Card {number} of" in page.locator("#card").inner_text()
        wait_for_focus(page, "#card-front")
        assert page.locator(".card-answer").count() == 0  # the back is not in the page
        page.keyboard.press(" ")
        wait_for_focus(page, ".card-answer")
        assert page.locator("button.grade").count() == 4
        page.keyboard.press("3")
        page.locator(".graded-note").wait_for()
        assert "back in" in page.locator(".graded-note").inner_text()
        assert page.url.endswith(f"/cards/{deck.pk}/")  # flipped and graded in place
        assert page.locator(".graded-note time").get_attribute("datetime")

    graded = Answer.objects.filter(session=deck)
    assert graded.count() == 3 and {a.rating for a in graded} == {3}
    assert (
        CardState.objects.filter(user=seeded, question__in=graded.values("question")).count() == 3
    )


def test_a_quiz_without_javascript(seeded, page_without_js):
    page = page_without_js
    log_in(page, seeded)
    session = start_five_question_quiz(page)

    for number in range(1, 6):
        assert f"Question {number} of 5" in page.locator("#question-card").inner_text()
        question = current_question(page)
        if question.type == "fill_in":
            page.fill('input[name="response"]', question.answer)
            page.click('#question-card button[type="submit"]')
        elif question.type == "true_false":
            page.click(f'button.choice[value="{question.answer}"]')
        else:
            letter = next(key for key, c in lettered_choices(session, question) if c.is_correct)
            page.click(f'button.choice[value="{letter}"]')
        page.wait_for_url(f"**/quiz/{session.pk}/?answered={question.pk}")
        assert page.locator("#verdict").inner_text() == "Correct"
        page.click('a[data-key="enter"]')

    page.wait_for_url(f"**/quiz/{session.pk}/results/")
    assert "5 of 5 right (100%)" in page.locator("main").inner_text()
    session.refresh_from_db()
    assert session.is_finished and session.correct_count == 5


def test_typing_an_answer_is_never_taken_for_shortcuts(seeded, page):
    """Letters and digits that are shortcuts elsewhere (a, t, f, 1–4, space) stay in the field."""
    question = Question.objects.filter(type="fill_in", status="published").first()
    question.answer = "tfa 1234 b"
    question.save()
    session = QuizSession.objects.create(user=seeded, shuffle_seed=1, length=1)
    session.items.create(question=question, position=1)
    log_in(page, seeded)
    page.goto(f"/quiz/{session.pk}/")
    page.wait_for_load_state("load")
    wait_for_focus(page, "#response")

    page.keyboard.type("tfa 1234 b")
    assert page.input_value("#response") == "tfa 1234 b"
    page.keyboard.press("Enter")

    page.locator("#verdict").wait_for()
    assert page.locator("#verdict").inner_text() == "Correct"


def test_the_card_turns_over_without_animation_when_motion_is_reduced(seeded, page):
    deck_question = Question.objects.filter(type="flashcard", status="published").first()
    session = QuizSession.objects.create(user=seeded, mode="flashcards", shuffle_seed=1, length=1)
    session.items.create(question=deck_question, position=1)
    log_in(page, seeded)

    animations = {}
    for motion in ("no-preference", "reduce"):
        page.emulate_media(reduced_motion=motion)
        page.goto(f"/cards/{session.pk}/?show={deck_question.pk}")
        animations[motion] = page.eval_on_selector(
            ".card-back", "el => getComputedStyle(el).animationName"
        )

    assert animations == {"no-preference": "card-flip", "reduce": "none"}


def test_reporting_a_problem_from_the_feedback_panel(seeded, page):
    first, second = Question.objects.filter(type="true_false", status="published")[:2]
    session = QuizSession.objects.create(user=seeded, shuffle_seed=1, length=2)
    session.items.create(question=first, position=1)
    session.items.create(question=second, position=2)
    log_in(page, seeded)
    page.goto(f"/quiz/{session.pk}/")
    page.wait_for_load_state("load")

    page.click('button.choice[value="True"]')
    page.click("text=Report a problem")
    page.check('input[value="unclear"]')
    page.click("text=Send report")
    page.locator("#flag-panel >> text=Thank you").wait_for()
    assert Flag.objects.filter(question=first, user=seeded).count() == 1
    assert page.url.endswith(f"/quiz/{session.pk}/")

    # A report that crosses another one (sent from a second tab) is refused in place (409).
    page.click('a[data-key="enter"]')
    page.wait_for_selector("text=Question 2 of 2")
    page.wait_for_load_state("networkidle")
    page.click('button.choice[value="False"]')
    page.click("text=Report a problem")
    page.wait_for_selector('input[value="typo"]')
    Flag.objects.create(question=second, user=seeded, reason="other")
    page.check('input[value="typo"]')
    page.click("text=Send report")
    page.locator("#flag-panel >> text=You already reported this question").wait_for()
    assert Flag.objects.filter(question=second, user=seeded).count() == 1
