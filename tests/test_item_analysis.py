"""What to reteach: facility, discrimination, distractor counts, and the page that shows them."""

from __future__ import annotations

import math

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from quiz.analysis import MIN_STUDENTS, item_analysis
from tests.factories import (
    AnswerFactory,
    AssignmentFactory,
    ClassroomFactory,
    MembershipFactory,
    QuestionFactory,
    QuizSessionFactory,
    StudentFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic():
    return TopicFactory(slug="borders")


@pytest.fixture
def classroom(teacher):
    return ClassroomFactory(teacher=teacher)


@pytest.fixture
def assignment(classroom, topic):
    return AssignmentFactory(classroom=classroom, topics=[topic])


def students(classroom, count):
    made = [StudentFactory(username=f"s{n}") for n in range(count)]
    for student in made:
        MembershipFactory(classroom=classroom, student=student)
    return made


def answer(student, question, right, *, assignment=None, session=None, choice=None, response=""):
    """One answer in an attempt at ``assignment`` (a fresh session unless one is given)."""
    session = session or QuizSessionFactory(user=student, assignment=assignment)
    if choice is None and question.choices.exists():
        choice = question.choices.get(is_correct=True) if right else None
    return AnswerFactory(
        session=session,
        question=question,
        is_correct=right,
        choice=choice,
        response=response or (choice.text if choice else ""),
    )


def grid(assignment, people, questions, marks):
    """Each student answers each question once, in one attempt; marks[s][q] is right/wrong."""
    for student, row in zip(people, marks, strict=True):
        session = QuizSessionFactory(user=student, assignment=assignment, length=len(questions))
        for question, right in zip(questions, row, strict=True):
            if right is not None:
                wrong = question.choices.filter(is_correct=False).first()
                answer(student, question, right, session=session, choice=None if right else wrong)


def stats_for(items, question):
    return next(item for item in items if item.question == question)


def test_facility_and_discrimination_by_hand(classroom, assignment, topic):
    """Q1 against the rest (Q2, Q3) for five students.

    x (Q1) = 1 1 1 0 0, rest = 1 1 .5 .5 0: means .6 and .6; sums of products of deviations
    .70, of squares 1.2 and .70, so r = .70 / sqrt(1.2 × .70) = sqrt(7/12).
    """
    people = students(classroom, 5)
    q1, q2, q3 = (QuestionFactory(topics=[topic]) for _ in range(3))
    marks = [
        [True, True, True],
        [True, True, True],
        [True, True, False],
        [False, False, True],
        [False, False, False],
    ]
    grid(assignment, people, [q1, q2, q3], marks)

    item = stats_for(item_analysis(classroom), q1)

    assert (item.students, item.answers, item.correct) == (5, 5, 3)
    assert item.facility == pytest.approx(60)
    assert item.discrimination == pytest.approx(math.sqrt(7 / 12))
    assert not item.too_few


def test_a_question_the_strong_get_wrong_discriminates_negatively(classroom, assignment, topic):
    people = students(classroom, 6)
    odd, *others = (QuestionFactory(topics=[topic]) for _ in range(3))
    marks = [[False, True, True]] * 3 + [[True, False, False]] * 3
    grid(assignment, people, [odd, *others], marks)

    item = stats_for(item_analysis(classroom), odd)

    assert item.discrimination == pytest.approx(-1)


def test_when_everyone_is_right_there_is_no_correlation_to_report(classroom, assignment, topic):
    people = students(classroom, 5)
    easy, other = QuestionFactory(topics=[topic]), QuestionFactory(topics=[topic])
    grid(assignment, people, [easy, other], [[True, n % 2 == 0] for n in range(5)])

    item = stats_for(item_analysis(classroom), easy)

    assert item.facility == 100
    assert item.discrimination is None


def test_each_student_counts_once_in_the_facility(classroom, assignment, topic):
    """Ana answers three times (one right), Ben once (right): (1/3 + 1) / 2 = 66.7 %."""
    ana, ben = students(classroom, 2)
    question = QuestionFactory(topics=[topic])
    for right in (True, False, False):
        answer(ana, question, right, assignment=assignment)
    answer(ben, question, True, assignment=assignment)

    item = stats_for(item_analysis(classroom), question)

    assert item.facility == pytest.approx(200 / 3)
    assert (item.students, item.answers, item.correct) == (2, 4, 2)


def test_fewer_than_five_students_is_too_few_to_judge_and_listed_last(classroom, assignment, topic):
    people = students(classroom, MIN_STUDENTS)
    judged, sparse = QuestionFactory(topics=[topic]), QuestionFactory(topics=[topic])
    grid(
        assignment,
        people,
        [judged, sparse],
        [[True, False], [True, False], [True, False], [False, False], [True, None]],
    )

    items = item_analysis(classroom)

    assert [item.question for item in items] == [judged, sparse]
    sparse_item = items[1]
    assert sparse_item.students == MIN_STUDENTS - 1
    assert sparse_item.too_few
    assert sparse_item.facility == 0
    assert sparse_item.discrimination is None


def test_hardest_questions_come_first(classroom, assignment, topic):
    people = students(classroom, 5)
    questions = [QuestionFactory(topics=[topic]) for _ in range(3)]
    rights = {questions[0]: 4, questions[1]: 1, questions[2]: 3}
    marks = [[n < rights[q] for q in questions] for n in range(5)]
    grid(assignment, people, questions, marks)

    items = item_analysis(classroom)

    assert [item.facility for item in items] == [20, 60, 80]
    assert [item.question for item in items] == [questions[1], questions[2], questions[0]]


def test_each_choice_is_counted(classroom, assignment, topic):
    people = students(classroom, 5)
    question = QuestionFactory(topics=[topic])  # 12 (correct), 7, 16, 30
    picks = ["12", "7", "7", "30", "12"]
    for student, text in zip(people, picks, strict=True):
        choice = question.choices.get(text=text)
        answer(student, question, choice.is_correct, assignment=assignment, choice=choice)

    item = stats_for(item_analysis(classroom), question)

    counts = {c.text: (c.count, c.is_correct) for c in item.choices}
    assert counts == {"12": (2, True), "7": (2, False), "16": (0, False), "30": (1, False)}
    assert [c.letter for c in item.choices] == ["A", "B", "C", "D"]


def test_typed_wrong_answers_are_grouped_whatever_their_case(classroom, assignment, topic):
    people = students(classroom, 4)
    question = QuestionFactory(type="fill_in", answer="kwanliso", choices=[], topics=[topic])
    for student, typed in zip(
        people, ["Kyohwaso", "kyohwaso ", "songbun", "kwanliso"], strict=True
    ):
        answer(student, question, typed == "kwanliso", assignment=assignment, response=typed)

    item = stats_for(item_analysis(classroom), question)

    assert item.choices == []
    assert item.wrong_responses == [("Kyohwaso", 2), ("songbun", 1)]


def test_only_this_classs_assignment_attempts_by_current_students_count(
    classroom, assignment, topic
):
    ana, ben = students(classroom, 2)
    question = QuestionFactory(topics=[topic])
    answer(ana, question, True, assignment=assignment)
    answer(ana, question, False)  # own study
    answer(ana, question, False, assignment=AssignmentFactory())  # another class
    answer(ben, question, False, assignment=assignment)
    ben.memberships.all().delete()  # ben left the class
    answer(StudentFactory(), question, False, assignment=assignment)  # never a member

    (item,) = item_analysis(classroom)

    assert (item.students, item.answers, item.correct) == (1, 1, 1)


def test_one_assignment_at_a_time(classroom, assignment, topic):
    (ana,) = students(classroom, 1)
    second = AssignmentFactory(classroom=classroom, topics=[topic])
    question = QuestionFactory(topics=[topic])
    answer(ana, question, True, assignment=assignment)
    answer(ana, question, False, assignment=second)

    (only_second,) = item_analysis(classroom, assignment=second)

    assert only_second.facility == 0
    assert item_analysis(classroom)[0].answers == 2


def test_no_answers_no_rows(classroom):
    assert item_analysis(classroom) == []


# --- the page ------------------------------------------------------------------------------


def test_the_reteach_page_lists_questions_with_links_to_the_question_and_its_source(
    teacher_client, classroom, assignment, topic
):
    people = students(classroom, 5)
    hard, easy = QuestionFactory(topics=[topic]), QuestionFactory(topics=[topic])
    grid(assignment, people, [easy, hard], [[True, n == 0] for n in range(5)])

    response = teacher_client.get(reverse("teach_reteach", args=[classroom.pk]))

    assert response.status_code == 200
    page = BeautifulSoup(response.content.decode(), "html.parser")
    items = page.select("li.item")
    assert [li.h2.get_text(strip=True) for li in items] == [hard.prompt, easy.prompt]
    first = items[0]
    assert first.h2.a["href"] == reverse("teach_question", args=[classroom.pk, hard.pk])
    sentence = hard.sentence
    reader = reverse("reader", args=[hard.report.slug])
    assert first.find("a", string="Read in context →")["href"] == (
        f"{reader}?highlight={sentence.pk}#s-{sentence.pk}"
    )
    assert "20% right" in " ".join(first.get_text(" ").split())
    assert sentence.text in first.blockquote.get_text()


def test_the_reteach_page_marks_too_few_to_judge(teacher_client, classroom, assignment, topic):
    (ana,) = students(classroom, 1)
    answer(ana, QuestionFactory(topics=[topic]), False, assignment=assignment)

    response = teacher_client.get(reverse("teach_reteach", args=[classroom.pk]))

    assert "Too few to judge" in response.content.decode()


def test_the_reteach_page_filters_by_assignment(teacher_client, classroom, assignment, topic):
    (ana,) = students(classroom, 1)
    second = AssignmentFactory(classroom=classroom, topics=[topic], title="Second")
    shown, hidden = QuestionFactory(topics=[topic]), QuestionFactory(topics=[topic])
    answer(ana, shown, True, assignment=second)
    answer(ana, hidden, True, assignment=assignment)

    response = teacher_client.get(
        reverse("teach_reteach", args=[classroom.pk]), {"assignment": second.pk}
    )

    body = response.content.decode()
    assert shown.prompt in body
    assert hidden.prompt not in body


def test_the_class_page_preview_loads_the_hardest_questions_by_htmx(
    teacher_client, classroom, assignment, topic
):
    people = students(classroom, 5)
    questions = [QuestionFactory(topics=[topic]) for _ in range(7)]
    grid(assignment, people, questions, [[(n + q) % 3 == 0 for q in range(7)] for n in range(5)])

    response = teacher_client.get(
        reverse("teach_reteach", args=[classroom.pk]), {"preview": 1}, HTTP_HX_REQUEST="true"
    )

    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert "<html" not in response.content.decode()
    assert len(page.select("ol.reteach-preview li")) == 5
    class_page = teacher_client.get(reverse("teach_class", args=[classroom.pk])).content.decode()
    assert f'hx-get="{reverse("teach_reteach", args=[classroom.pk])}?preview=1"' in class_page


def test_the_question_page_shows_the_key_the_counts_and_the_source(
    teacher_client, classroom, assignment, topic
):
    people = students(classroom, 2)
    question = QuestionFactory(topics=[topic], explanation="The report counts them.")
    answer(people[0], question, True, assignment=assignment)
    answer(people[1], question, False, assignment=assignment, choice=question.choices.get(text="7"))

    response = teacher_client.get(reverse("teach_question", args=[classroom.pk, question.pk]))

    page = BeautifulSoup(response.content.decode(), "html.parser")
    rows = {
        row.th.get_text(" ", strip=True): row.td.get_text(strip=True)
        for row in page.select("table.choices tbody tr")
    }
    assert rows == {"A. 12 correct answer": "1", "B. 7": "1", "C. 16": "0", "D. 30": "0"}
    assert "The report counts them." in page.get_text()
    assert question.sentence.text in page.blockquote.get_text()


def test_a_published_question_nobody_answered_still_has_a_page(teacher_client, classroom):
    question = QuestionFactory()

    response = teacher_client.get(reverse("teach_question", args=[classroom.pk, question.pk]))

    assert response.status_code == 200
    assert "Nobody in this class has answered it" in response.content.decode()


def test_the_reteach_list_comes_a_page_at_a_time(teacher_client, classroom, assignment, topic):
    (ana,) = students(classroom, 1)
    questions = [QuestionFactory(topics=[topic]) for _ in range(30)]
    for question in questions:
        answer(ana, question, True, assignment=assignment)
    url = reverse("teach_reteach", args=[classroom.pk])

    first = BeautifulSoup(teacher_client.get(url).content.decode(), "html.parser")
    second = BeautifulSoup(teacher_client.get(url, {"page": 2}).content.decode(), "html.parser")

    assert len(first.select("li.item")) == 25
    assert "Questions 1–25 of 30." in first.get_text()
    assert first.find("a", string="Easier →")["href"] == "?page=2"
    assert len(second.select("li.item")) == 5
    assert second.select_one("ol.items")["start"] == "26"
    shown = {
        li.h2.get_text(strip=True) for li in first.select("li.item") + second.select("li.item")
    }
    assert shown == {q.prompt for q in questions}


@pytest.mark.parametrize("page", ["0", "3", "abc", "-1", "99999999"])
def test_a_reteach_page_that_does_not_exist_is_a_404(
    teacher_client, classroom, assignment, topic, page
):
    (ana,) = students(classroom, 1)
    for _ in range(30):
        answer(ana, QuestionFactory(topics=[topic]), True, assignment=assignment)

    response = teacher_client.get(reverse("teach_reteach", args=[classroom.pk]), {"page": page})

    assert response.status_code == 404
