"""A class from start to finish in a real browser.

A teacher makes a class and an assignment; a student joins with the code and completes the
assignment on the quiz pages; the teacher sees the result on the dashboard and in the CSV.
"""

from __future__ import annotations

import csv
import io
import re

import pytest

from tests.factories import PASSWORD, StudentFactory, TeacherFactory, topic_bank

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/$"))


def test_a_class_from_its_creation_to_the_teachers_csv(browser, live_server, page):
    TeacherFactory(username="ms_kim")
    StudentFactory(username="ana")
    (topic,) = topic_bank(topics=1, per_topic=5)

    # The teacher makes a class and reads its code.
    teacher = page
    log_in(teacher, "ms_kim")
    teacher.goto("/teach/")
    teacher.get_by_label("Class name").fill("History 10B")
    teacher.get_by_role("button", name="Create class").click()
    teacher.wait_for_url(re.compile(r"/teach/classes/\d+/$"))
    class_url = teacher.url
    code = teacher.locator("#join-code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)

    # ... and an assignment of five questions on the topic.
    teacher.get_by_role("link", name="New assignment").click()
    teacher.get_by_label("Title").fill("Week 1: borders")
    teacher.get_by_label(f"{topic.name} (5 questions)").check()
    teacher.get_by_label("Number of questions").fill("5")
    teacher.get_by_role("button", name="Create the assignment").click()
    teacher.wait_for_url(re.compile(r"/teach/assignments/\d+/$"))
    assert "0 of 0 done" in teacher.locator(".completion").inner_text()

    # The student joins with the code, typed in lower case.
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(10_000)
    student = context.new_page()
    log_in(student, "ana")
    student.goto("/join/")
    student.get_by_label("Join code").fill(code.lower())
    student.get_by_role("button", name="Join").click()
    student.wait_for_url(re.compile(r"/classes/$"))
    assert "You joined “History 10B”" in student.content()

    # ... opens the assignment and completes it on the quiz pages: one wrong, four right.
    student.get_by_role("link", name="Week 1: borders").click()
    student.get_by_role("button", name="Start").click()
    student.wait_for_url(re.compile(r"/quiz/\d+/$"))
    for number in range(1, 6):
        expect_text(student, f"Question {number} of 5")
        answer = "7" if number == 1 else "12"
        student.locator("button.choice", has_text=re.compile(rf"^\s*\w\s+{answer}\s*$")).click()
        verdict = student.locator("#verdict")
        verdict.wait_for()
        assert ("Not quite" in verdict.inner_text()) == (number == 1)
        if number < 5:
            student.get_by_role("link", name=re.compile("^Next")).click()
        else:
            student.get_by_role("link", name=re.compile("^See your results")).click()
    student.wait_for_url(re.compile(r"/quiz/\d+/results/$"))
    student.goto("/classes/")
    assert "done" in student.locator(".assignment-list .status").inner_text()
    context.close()

    # The teacher sees it on the dashboard ...
    teacher.goto(class_url)
    row = teacher.locator("table.dashboard tbody tr", has_text="ana")
    cells = row.locator("td").all_inner_texts()
    assert "1 of 1" in cells and "80%" in cells
    assert "1 of 1 done" in teacher.locator(".assignment-list .completion").inner_text()

    # ... and in the CSV, downloaded through the page's link.
    with teacher.expect_download() as download_info:
        teacher.get_by_role("link", name="Results by assignment (CSV)").click()
    path = download_info.value.path()
    with open(path, encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(io.StringIO(handle.read())))
    summary = [(r["student"], r["assignment"], r["status"], r["best_score_percent"]) for r in rows]
    assert summary == [("ana", "Week 1: borders", "done", "80")]


def expect_text(page, text: str) -> None:
    page.get_by_text(text).first.wait_for()
