"""The question admin: the list with its statistics and filters, the form with its source,
edits that re-imports keep, the history, and the review queue."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.admin.models import CHANGE, LogEntry
from django.test import Client
from django.urls import reverse

from content.models import Question, Sentence
from content.services import report_import
from tests.factories import (
    AnswerFactory,
    FlagFactory,
    QuestionFactory,
    ReportFactory,
    SectionFactory,
    SentenceFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

SEED_PATH = Path(__file__).resolve().parents[1] / "content" / "reports" / "north-korea-2018.txt"
CHANGELIST = "admin:content_question_changelist"


# --- helpers shared by the admin tests --------------------------------------------------------


def change_url(question: Question) -> str:
    return reverse("admin:content_question_change", args=[question.pk])


def form_data(client: Client, url: str, **overrides) -> dict:
    """What the browser would post from the admin form at ``url``, with ``overrides``.

    Reads the real page, so the tests post exactly the fields the form renders (and its
    inline management forms). An override of None drops the field (an unticked box).
    """
    response = client.get(url)
    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser").select_one("form[id$=_form][method=post]")
    data: dict[str, list[str] | str] = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.name == "input" and field.get("type") == "submit":
            continue
        if field.name == "select":
            values = [
                o.get("value", "") for o in field.find_all("option") if o.has_attr("selected")
            ]
            data[name] = values if field.has_attr("multiple") else (values[0] if values else "")
        elif field.name == "textarea":
            data[name] = field.text.removeprefix("\n")
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                existing = data.get(name)
                value = field.get("value", "on")
                if field.get("type") == "checkbox" and existing is not None:
                    data[name] = [*([existing] if isinstance(existing, str) else existing), value]
                else:
                    data[name] = value
        else:
            data[name] = field.get("value", "")
    for name, value in overrides.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def page_text(response) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())


def changelist_rows(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [" ".join(row.get_text(" ").split()) for row in soup.select("#result_list tbody tr")]


def import_seed():
    """The bundled chapter, imported as ``make run`` does (an ImportSummary)."""
    return report_import(raw_text=SEED_PATH.read_text(encoding="utf-8"), source=SEED_PATH.name)


@pytest.fixture
def seed(db):
    return import_seed()


# --- the list ---------------------------------------------------------------------------------


def test_the_list_shows_type_status_origin_topics_report_section_flags_facility_and_answers(
    admin_client,
):
    topic = TopicFactory(name="Forced labor")
    section = SectionFactory(heading="Freedom of Movement", report__title="Norland")
    question = QuestionFactory(
        prompt="According to the report, how many camps held prisoners?",
        sentence__section=section,
        origin="edited",
        topics=[topic],
    )
    for correct in (True, True, True, False):
        AnswerFactory(question=question, is_correct=correct)
    FlagFactory(question=question)
    FlagFactory(question=question)
    FlagFactory(question=question, resolved_at="2024-01-01T00:00Z")

    response = admin_client.get(reverse(CHANGELIST))

    [row] = changelist_rows(response)
    assert "how many camps held prisoners" in row
    for shown in ("Multiple choice", "Published", "Edited by an admin", "Forced labor"):
        assert shown in row
    assert "Norland — Events of 2018" in row
    assert "Freedom of Movement" in row
    # 2 open flags (the resolved one does not count), 75% of 4 answers correct.
    soup = BeautifulSoup(response.content, "html.parser")
    cell = soup.select_one("#result_list tbody tr")
    assert cell.select_one(".field-open_flags_display").get_text() == "2"
    assert cell.select_one(".field-facility_display").get_text() == "75%"
    assert cell.select_one(".field-answer_count_display").get_text() == "4"


def test_a_question_nobody_answered_has_no_facility_yet(admin_client):
    QuestionFactory()
    soup = BeautifulSoup(admin_client.get(reverse(CHANGELIST)).content, "html.parser")
    assert soup.select_one(".field-facility_display").get_text() == "—"
    assert soup.select_one(".field-answer_count_display").get_text() == "0"


def _listed(admin_client, query: str) -> set[str]:
    response = admin_client.get(f"{reverse(CHANGELIST)}?{query}")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return {cell.get_text() for cell in soup.select("#result_list tbody .field-short_prompt")}


def test_the_list_filters_by_type_status_and_origin(admin_client):
    QuestionFactory(prompt="Mc published generated.")
    QuestionFactory(prompt="Fill in _____ edited.", type="fill_in", choices=[], origin="edited")
    QuestionFactory(prompt="Held question.", status="needs_review")

    assert _listed(admin_client, "type__exact=fill_in") == {"Fill in _____ edited."}
    assert _listed(admin_client, "status__exact=needs_review") == {"Held question."}
    assert _listed(admin_client, "origin__exact=edited") == {"Fill in _____ edited."}


def test_the_list_filters_by_topic_report_and_section(admin_client):
    labor, border = TopicFactory(slug="labor"), TopicFactory(slug="border")
    first = QuestionFactory(prompt="First report question.", topics=[labor])
    section = SectionFactory(report=first.report, heading="Second section")
    QuestionFactory(
        prompt="Same report, other section.", sentence__section=section, topics=[border]
    )
    QuestionFactory(prompt="Another report.", topics=[border])

    assert _listed(admin_client, f"topics__id__exact={labor.pk}") == {"First report question."}
    assert _listed(admin_client, f"report={first.report_id}") == {
        "First report question.",
        "Same report, other section.",
    }
    assert _listed(admin_client, f"section={section.pk}") == {"Same report, other section."}


def test_the_list_filters_by_open_flags_facility_and_answer_count(admin_client):
    flagged = QuestionFactory(prompt="Flagged.")
    FlagFactory(question=flagged)
    resolved = QuestionFactory(prompt="Only a resolved flag.")
    FlagFactory(question=resolved, resolved_at="2024-01-01T00:00Z")
    hard = QuestionFactory(prompt="Hard.")
    for correct in (True, False, False):
        AnswerFactory(question=hard, is_correct=correct)
    easy = QuestionFactory(prompt="Easy.")
    for _ in range(10):
        AnswerFactory(question=easy, is_correct=True)

    assert _listed(admin_client, "open_flags=yes") == {"Flagged."}
    assert "Only a resolved flag." in _listed(admin_client, "open_flags=no")
    assert _listed(admin_client, "facility=low") == {"Hard."}
    assert _listed(admin_client, "facility=high") == {"Easy."}
    assert _listed(admin_client, "facility=none") == {"Flagged.", "Only a resolved flag."}
    assert _listed(admin_client, "answers=1-9") == {"Hard."}
    assert _listed(admin_client, "answers=10%2B") == {"Easy."}


def test_a_tampered_filter_value_is_ignored_not_an_error(admin_client):
    QuestionFactory(prompt="Still listed.")
    assert _listed(admin_client, "report=abc&section=1;drop") == {"Still listed."}


def test_search_finds_questions_by_prompt_answer_and_source_sentence(admin_client):
    QuestionFactory(prompt="Which camp is named in the prompt?", answer="Kaechon")
    QuestionFactory(prompt="By answer.", answer="Yodok", choices=[("Yodok", True), ("A", False)])
    QuestionFactory(prompt="By sentence.", sentence__text="The songbun system ranks people.")

    assert _listed(admin_client, "q=named+in+the") == {"Which camp is named in the prompt?"}
    assert _listed(admin_client, "q=yodok") == {"By answer."}
    assert _listed(admin_client, "q=songbun") == {"By sentence."}


def test_the_list_shows_the_review_reasons(admin_client):
    QuestionFactory(status="needs_review", review_reasons=["prompt_gives_answer_away"])
    soup = BeautifulSoup(admin_client.get(reverse(CHANGELIST)).content, "html.parser")
    assert soup.select_one(".field-reasons_display").get_text() == "prompt_gives_answer_away"


# --- the review queue -------------------------------------------------------------------------


def test_the_review_queue_is_the_list_of_questions_that_need_review(admin_client):
    QuestionFactory(prompt="Published one.")
    QuestionFactory(prompt="Held one.", status="needs_review", review_reasons=["web_chrome"])

    response = admin_client.get(reverse("admin:content_question_review"), follow=True)

    assert response.redirect_chain[-1][0].endswith("?status__exact=needs_review")
    assert [r.split(" Multiple")[0] for r in changelist_rows(response)] == ["Held one."]
    assert "web_chrome" in changelist_rows(response)[0]


def test_the_admin_index_links_to_the_review_queue_and_the_upload(admin_client):
    soup = BeautifulSoup(admin_client.get(reverse("admin:index")).content, "html.parser")
    links = {a.get_text(): a["href"] for a in soup.select("#review-module a")}
    assert links["Review queue"] == reverse("admin:content_question_review")
    assert links["Upload a report"] == reverse("admin:content_report_upload")
    assert links["Open learner flags"].endswith("?open_flags=yes")


# --- the form ---------------------------------------------------------------------------------


def test_the_form_shows_the_source_sentence_highlighted_inside_its_paragraph(admin_client, seed):
    report = seed.report
    question = report.questions.filter(sentence__text__contains="808").first()
    sentence = question.sentence
    paragraph_start = report.cleaned_text.rfind("\n\n", 0, sentence.start) + 2
    before = report.cleaned_text[paragraph_start : sentence.start]
    assert before, "the sentence chosen should not open its paragraph"

    response = admin_client.get(change_url(question))

    soup = BeautifulSoup(response.content, "html.parser")
    source = soup.select_one(".rc-source")
    assert source.select_one("mark").get_text() == sentence.text
    quoted = source.select_one("blockquote").get_text()
    assert quoted.startswith(before)
    assert "\n\n" not in quoted  # the paragraph, not the chapter
    assert source.select_one("figcaption").get_text() == sentence.section.heading
    # The sentence is shown, not offered for editing.
    assert soup.find(attrs={"name": "sentence"}) is None


def test_the_form_shows_the_fact_the_question_tests_in_bold(admin_client, seed):
    question = seed.report.questions.filter(type="fill_in", answer="Kim Jong-un").first()
    assert question is not None, "the seed asks who had not met any world leader as a fill-in"

    soup = BeautifulSoup(admin_client.get(change_url(question)).content, "html.parser")

    assert soup.select_one(".rc-source mark strong").get_text() == "Kim Jong-un"
    assert soup.select_one(".rc-source mark").get_text() == question.sentence.text


def test_changing_the_answer_moves_the_recorded_fact_or_clears_it(admin_client, seed):
    question = seed.report.questions.filter(type="fill_in", answer="Kim Jong-un").first()
    text = question.sentence.text
    other = "Donald Trump"
    assert text.count(other) == 1
    url = change_url(question)

    assert admin_client.post(url, form_data(admin_client, url, answer=other)).status_code == 302
    question.refresh_from_db()
    assert question.answer_span_text == other
    assert (question.answer_start, question.answer_end) == (
        text.index(other),
        text.index(other) + len(other),
    )

    data = form_data(admin_client, url, answer="a figure not in the sentence")
    assert admin_client.post(url, data).status_code == 302
    question.refresh_from_db()
    assert question.answer_start is None and question.answer_end is None
    assert question.answer_span_text == ""


def test_a_sentence_no_longer_in_the_text_is_shown_alone_with_a_note(admin_client):
    question = QuestionFactory(sentence__present=False, sentence__text="An old sentence.")
    soup = BeautifulSoup(admin_client.get(change_url(question)).content, "html.parser")
    assert soup.select_one(".rc-source mark").get_text() == "An old sentence."
    assert "no longer in the report" in soup.select_one(".rc-note").get_text()


def test_the_form_shows_the_gate_review_reasons_in_words(admin_client):
    question = QuestionFactory(
        status="needs_review", review_reasons=["prompt_gives_answer_away", "web_chrome"]
    )
    text = page_text(admin_client.get(change_url(question)))
    assert "The question gives the answer away. prompt_gives_answer_away" in text
    assert "Web page text (credits, links, navigation) got into the question." in text


def test_saving_a_generated_question_marks_it_edited_and_logs_who_changed_what(
    admin_client, admin_user
):
    question = QuestionFactory(prompt="According to the report, how many were held?")
    data = form_data(
        admin_client, change_url(question), prompt="According to the report, how many left?"
    )

    response = admin_client.post(change_url(question), data)

    assert response.status_code == 302, page_text(response)
    question.refresh_from_db()
    assert question.prompt == "According to the report, how many left?"
    assert question.origin == Question.Origin.EDITED
    entry = LogEntry.objects.get(object_id=str(question.pk))
    assert entry.user == admin_user
    assert entry.action_flag == CHANGE
    assert "Prompt" in entry.get_change_message()


def test_saving_a_generated_question_without_a_change_leaves_it_generated(admin_client):
    question = QuestionFactory()
    response = admin_client.post(
        change_url(question), form_data(admin_client, change_url(question))
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.origin == Question.Origin.GENERATED


def test_editing_only_a_choice_also_marks_the_question_edited(admin_client):
    question = QuestionFactory()
    data = form_data(admin_client, change_url(question), **{"choices-1-text": "8"})
    assert admin_client.post(change_url(question), data).status_code == 302
    question.refresh_from_db()
    assert question.origin == Question.Origin.EDITED
    assert sorted(question.choices.values_list("text", flat=True)) == ["12", "16", "30", "8"]


def test_a_reimport_after_an_admin_edit_keeps_the_edit(admin_client, seed):
    question = seed.report.questions.filter(type="multiple_choice", status="published").first()
    new_prompt = "According to the report, how many arrived in the whole of 2018?"
    data = form_data(admin_client, change_url(question), prompt=new_prompt)
    assert admin_client.post(change_url(question), data).status_code == 302

    # A changed text takes the import's full path (not the "unchanged" shortcut).
    summary = report_import(raw_text=SEED_PATH.read_text(encoding="utf-8") + "\n\n")

    assert not summary.unchanged
    assert summary.edited_kept >= 1
    question.refresh_from_db()
    assert question.prompt == new_prompt
    assert question.origin == Question.Origin.EDITED
    assert question.status == Question.Status.PUBLISHED


def test_save_and_publish_publishes_a_held_question_in_one_click_and_clears_its_reasons(
    admin_client,
):
    question = QuestionFactory(status="needs_review", review_reasons=["malformed_stem"])
    url = change_url(question)
    changelist = reverse(CHANGELIST) + "?status__exact=needs_review"
    data = form_data(
        admin_client, url, prompt="According to the report, how many were held in 2018?"
    )
    data["_publish"] = "Save and publish"
    data["_changelist_filters"] = "status__exact=needs_review"

    response = admin_client.post(f"{url}?_changelist_filters=status__exact%3Dneeds_review", data)

    assert response.status_code == 302
    assert response["Location"] == changelist  # back to the queue
    question.refresh_from_db()
    assert question.status == Question.Status.PUBLISHED
    assert question.review_reasons == []
    assert question.origin == Question.Origin.EDITED


def test_swapping_the_correct_choice_saves_without_tripping_the_one_correct_constraint(
    admin_client,
):
    question = QuestionFactory(answer="12")
    data = form_data(
        admin_client,
        change_url(question),
        answer="7",
        **{"choices-0-is_correct": None, "choices-1-is_correct": "on"},
    )

    response = admin_client.post(change_url(question), data)

    assert response.status_code == 302, page_text(response)
    assert list(question.choices.filter(is_correct=True).values_list("text", flat=True)) == ["7"]


def test_swapping_two_choice_texts_saves(admin_client):
    question = QuestionFactory(answer="12")
    data = form_data(
        admin_client, change_url(question), **{"choices-1-text": "16", "choices-2-text": "7"}
    )
    assert admin_client.post(change_url(question), data).status_code == 302
    assert list(question.choices.order_by("order").values_list("text", flat=True)) == [
        "12",
        "16",
        "7",
        "30",
    ]


def _add_data(sentence: Sentence, topic, **fields) -> dict:
    data = {
        "sentence": sentence.pk,
        "type": "fill_in",
        "prompt": "According to the report, Testland held _____ prisoners.",
        "answer": "12",
        "explanation": "The report says Testland held 12 prisoners.",
        "topics": [topic.pk],
        "status": "needs_review",
        "choices-TOTAL_FORMS": "0",
        "choices-INITIAL_FORMS": "0",
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "1000",
        "flags-TOTAL_FORMS": "0",
        "flags-INITIAL_FORMS": "0",
        "flags-MIN_NUM_FORMS": "0",
        "flags-MAX_NUM_FORMS": "0",
    }
    data.update(fields)
    return data


def test_an_admin_writes_a_new_question_on_a_sentence_of_a_report(admin_client, admin_user):
    sentence = SentenceFactory(text="Testland held 12 prisoners.")
    topic = TopicFactory()

    response = admin_client.post(
        reverse("admin:content_question_add"), _add_data(sentence, topic, _publish="1")
    )

    assert response.status_code == 302, page_text(response)
    question = Question.objects.get()
    assert question.report == sentence.report
    assert question.origin == Question.Origin.MANUAL
    assert question.status == Question.Status.PUBLISHED
    assert question.fingerprint == ""
    assert LogEntry.objects.get(object_id=str(question.pk)).user == admin_user


def test_a_new_true_false_question_gets_its_true_and_false_choices(admin_client):
    sentence = SentenceFactory()
    response = admin_client.post(
        reverse("admin:content_question_add"),
        _add_data(
            sentence,
            TopicFactory(),
            type="true_false",
            prompt="According to the report, Testland held 12 prisoners.",
            answer="false",
        ),
    )
    assert response.status_code == 302, page_text(response)
    question = Question.objects.get()
    assert question.answer == "False"
    assert sorted(question.choices.values_list("text", "is_correct")) == [
        ("False", True),
        ("True", False),
    ]


def test_the_sentence_picker_offers_only_sentences_still_in_the_text(admin_client):
    report = ReportFactory()
    SentenceFactory(section__report=report, text="Still here: the camps.")
    SentenceFactory(section__report=report, text="Gone: the camps.", present=False)
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "camps",
            "app_label": "content",
            "model_name": "question",
            "field_name": "sentence",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Still here: the camps."]


def test_editing_a_choice_text_drops_the_sentence_it_came_from(admin_client):
    question = QuestionFactory(answer="12")
    source = SentenceFactory(report=question.report, text="In 2017, Testland held 16 prisoners.")
    question.choices.filter(order=1).update(sentence=source)
    kept = question.choices.get(order=2)
    kept.sentence = source
    kept.save()
    data = form_data(admin_client, change_url(question), **{"choices-1-text": "17"})

    assert admin_client.post(change_url(question), data).status_code == 302

    assert question.choices.get(order=1).sentence_id is None
    assert question.choices.get(order=2).sentence_id == source.pk
