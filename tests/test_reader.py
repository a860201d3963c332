"""The report reader: the chapter's exact words, anchors on sentences with questions, highlights."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from content.models import Question, Section, Sentence
from content.services import report_import
from quiz.models import QuizSession
from tests.bench import SEED_PATH
from tests.bench_progress import build_bank
from tests.factories import ReportFactory, SentenceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    return report_import(raw_text=SEED_PATH.read_text(encoding="utf-8")).report


def read(client: Client, report, query: str = "") -> BeautifulSoup:
    response = client.get(reverse("reader", args=[report.slug]) + query)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def body_paragraphs(soup: BeautifulSoup) -> list:
    return soup.select("article.reader section > p")


def visible_text(tag) -> str:
    for hidden in tag.select(".visually-hidden"):
        hidden.extract()
    return tag.get_text()


def sentences_with_questions(report) -> list[Sentence]:
    return list(
        Sentence.objects.filter(report=report, present=True, questions__status="published")
        .distinct()
        .order_by("position")
    )


def test_anyone_may_read_the_report(client, report):
    soup = read(client, report)

    assert soup.h1.get_text() == report.title


def test_each_section_heading_is_an_h2_in_the_reports_order(client, report):
    soup = read(client, report)

    headings = [h2.get_text() for h2 in soup.select("article.reader h2")]
    assert headings == list(
        Section.objects.filter(report=report).order_by("order").values_list("heading", flat=True)
    )
    assert headings[0] == "Overview" and "Forced Labor" in headings


def test_the_paragraphs_are_the_reports_cleaned_text_word_for_word(client, report):
    headings = set(Section.objects.filter(report=report).values_list("heading", flat=True))
    expected = [
        p for p in report.cleaned_text.split("\n\n") if p.strip() and p.strip() not in headings
    ]

    soup = read(client, report)

    assert [visible_text(p) for p in body_paragraphs(soup)] == expected


def test_every_sentence_with_published_questions_has_an_anchor_and_a_marker(client, report):
    soup = read(client, report)

    wanted = sentences_with_questions(report)
    assert len(wanted) > 40
    for sentence in wanted:
        tag = soup.find(id=f"s-{sentence.pk}")
        assert tag is not None, sentence.text
        assert "has-questions" in tag["class"]
        assert tag.select_one(".visually-hidden").get_text().strip() == "(has questions)"
        assert visible_text(tag) == sentence.text


def test_sentences_without_published_questions_have_no_anchor_or_marker(client, report):
    quiet = Sentence.objects.filter(report=report, present=True).exclude(
        questions__status="published"
    )
    assert quiet.exists()
    held = sentences_with_questions(report)[0]
    Question.objects.filter(sentence=held).update(status="needs_review")

    soup = read(client, report)

    for sentence in [*quiet, held]:
        assert soup.find(id=f"s-{sentence.pk}") is None
    assert len(soup.select(".has-questions")) == len(sentences_with_questions(report))


def test_each_section_with_questions_offers_a_five_question_quiz_on_it(client, report):
    soup = read(client, report)

    forms = soup.select("form[action='{}']".format(reverse("quiz_start")))
    sections = list(Section.objects.filter(report=report).order_by("order"))
    assert len(forms) == len(sections)
    for form, section in zip(forms, sections, strict=True):
        assert form["method"] == "post"
        fields = {i["name"]: i["value"] for i in form.find_all("input")}
        assert fields["section"] == str(section.pk)
        assert fields["length"] == "5"
        assert fields["csrfmiddlewaretoken"]
        assert form.button.get_text() == "Quiz me on this section"


def test_quiz_me_on_this_section_starts_a_quiz_from_that_sections_sentences(client, report):
    soup = read(client, report)
    form = soup.select("form[action='{}']".format(reverse("quiz_start")))[3]
    data = {i["name"]: i["value"] for i in form.find_all("input")}

    response = client.post(form["action"], data)

    assert response.status_code == 302
    session = QuizSession.objects.get()
    assert response.url == reverse("session_detail", args=[session.pk])
    sections = {item.question.sentence.section_id for item in session.items.all()}
    assert sections == {int(data["section"])}
    assert session.items.count() == 5


def test_a_section_without_quiz_questions_offers_no_quiz(client, report):
    section = Section.objects.get(report=report, heading="Forced Labor")
    Question.objects.filter(sentence__section=section).exclude(type="flashcard").update(
        status="retired"
    )

    soup = read(client, report)

    values = [i["value"] for i in soup.select("form input[name='section']")]
    assert str(section.pk) not in values
    assert len(values) == Section.objects.filter(report=report).count() - 1


def test_the_linked_sentence_is_highlighted_and_is_the_fragments_target(client, report):
    sentence = sentences_with_questions(report)[7]

    soup = read(client, report, f"?highlight={sentence.pk}")

    marks = soup.find_all("mark")
    assert len(marks) == 1
    assert marks[0]["id"] == f"s-{sentence.pk}"
    assert visible_text(marks[0]) == sentence.text


def test_a_highlighted_sentence_without_questions_is_still_highlighted(client, report):
    quiet = (
        Sentence.objects.filter(report=report, present=True)
        .exclude(questions__status="published")
        .first()
    )

    soup = read(client, report, f"?highlight={quiet.pk}")

    assert soup.find("mark", id=f"s-{quiet.pk}").get_text() == quiet.text


@pytest.mark.parametrize(
    "value", ["abc", "-1", "1e3", "", "0", "99999999999999999999999999", "٣", "1;DROP", "%00"]
)
def test_a_bad_highlight_value_is_ignored(client, report, value):
    soup = read(client, report, f"?highlight={value}")

    assert soup.find("mark") is None
    assert len(body_paragraphs(soup)) > 10


def test_a_sentence_of_another_report_or_one_no_longer_present_is_not_highlighted(client, report):
    elsewhere = SentenceFactory()
    gone = Sentence.objects.filter(report=report).order_by("position").last()
    Sentence.objects.filter(pk=gone.pk).update(present=False)

    for pk in (elsewhere.pk, gone.pk):
        soup = read(client, report, f"?highlight={pk}")
        assert soup.find("mark") is None
        assert soup.find(id=f"s-{pk}") is None


def test_an_unknown_report_is_a_404(client, report):
    assert client.get(reverse("reader", args=["no-such-report"])).status_code == 404


def test_the_reader_only_answers_get(client, report):
    assert client.post(reverse("reader", args=[report.slug])).status_code == 405


def test_a_logged_in_student_reads_the_same_text(student_client, client, report):
    anonymous = [p.get_text() for p in body_paragraphs(read(client, report))]

    assert [p.get_text() for p in body_paragraphs(read(student_client, report))] == anonymous


def test_read_the_report_in_the_navigation_leads_to_the_only_report(client, report):
    soup = BeautifulSoup(client.get(reverse("home")).content, "html.parser")
    link = soup.find("nav").find("a", string="Read the report")

    response = client.get(link["href"])

    assert response.status_code == 302
    assert response.url == reverse("reader", args=[report.slug])


def test_with_several_reports_the_list_links_to_each(client, report):
    other = ReportFactory(slug="testland-2018", title="Testland")

    response = client.get(reverse("reports"))

    assert response.status_code == 200
    links = {a["href"] for a in BeautifulSoup(response.content, "html.parser").select("main a")}
    assert links == {reverse("reader", args=[r.slug]) for r in (report, other)}


def test_with_no_report_the_list_says_so(client):
    response = client.get(reverse("reports"))

    assert response.status_code == 200
    assert "No report has been imported yet" in response.content.decode()


def test_stale_offsets_never_put_other_words_in_the_text(client, report):
    sentence = sentences_with_questions(report)[0]
    Sentence.objects.filter(pk=sentence.pk).update(start=sentence.start + 3)

    soup = read(client, report)

    assert soup.find(id=f"s-{sentence.pk}") is None
    assert sentence.text in soup.get_text()


def test_the_reader_runs_the_same_few_queries_for_a_bank_of_1000_questions(
    client, report, django_assert_max_num_queries
):
    """Guards against a query per section, per paragraph or per sentence (N+1 over the text)."""
    highlight = f"?highlight={sentences_with_questions(report)[0].pk}"
    with django_assert_max_num_queries(3) as small:
        read(client, report, highlight)
    build_bank(report)
    assert Question.objects.filter(report=report, status="published").count() == 1000

    with django_assert_max_num_queries(3) as large:
        read(client, report, highlight)

    assert len(large.captured_queries) == len(small.captured_queries)


def test_sub_sections_of_an_imported_outline_are_h3_under_their_sections_h2(client):
    path = SEED_PATH.parents[2] / "tests" / "pipeline" / "corpus" / "usdos-somalia-1999.md"
    report = report_import(data=path.read_bytes(), source=path.name).report
    soup = read(client, report)

    headings = [
        (tag.name, tag.get_text())
        for tag in soup.select("article.reader h2, article.reader h3, article.reader h4")
    ]
    section_1 = "Section 1 Respect for the Integrity of the Person, Including Freedom From:"
    assert ("h2", section_1) in headings
    after = headings[headings.index(("h2", section_1)) + 1]
    assert after == ("h3", "a. Political and Other Extrajudicial Killing")
    assert ("h3", "Women") in headings  # a plain heading under "Section 5 Discrimination ..."
    assert Section.objects.get(report=report, heading="Women").level == 2
