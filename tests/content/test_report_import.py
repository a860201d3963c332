"""report_import: what it stores, and what re-imports may and may not change."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.db.models.deletion import ProtectedError

from content.models import Choice, Question, Report, Sentence, Topic
from content.services import report_import

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    """Every bank row that an import writes, as comparable values."""
    return {
        "questions": sorted(
            Question.objects.values_list(
                "pk", "sentence_id", "type", "prompt", "answer", "status", "origin", "updated_at"
            )
        ),
        "choices": sorted(Choice.objects.values_list("pk", "question_id", "text", "is_correct")),
        "sentences": sorted(
            Sentence.objects.values_list("pk", "section_id", "start", "end", "present")
        ),
        "question_topics": sorted(Question.topics.through.objects.values_list("pk")),
        "sentence_topics": sorted(Sentence.topics.through.objects.values_list("pk")),
        "topics": sorted(Topic.objects.values_list("pk", "slug", "name")),
    }


def test_every_stored_sentence_points_at_its_exact_place_in_the_cleaned_text(seed_report):
    sentences = list(seed_report.sentences.all())
    assert len(sentences) > 50
    for sentence in sentences:
        assert seed_report.cleaned_text[sentence.start : sentence.end] == sentence.text
        assert sentence.section.report_id == seed_report.pk
        assert sentence.section.start <= sentence.start < sentence.end <= sentence.section.end


def test_every_question_has_a_topic_and_every_published_one_has_no_review_reasons(seed_report):
    questions = seed_report.questions.prefetch_related("topics", "choices")
    for question in questions:
        assert question.topics.exists()
        if question.status == Question.Status.PUBLISHED:
            assert question.review_reasons == []
        else:
            assert question.review_reasons
        if question.type in ("multiple_choice", "true_false"):
            assert sum(c.is_correct for c in question.choices.all()) == 1


def test_the_seed_bank_meets_the_targets(seed_report):
    published = seed_report.questions.published()
    assert published.count() >= 60
    assert set(published.values_list("type", flat=True)) == {
        "multiple_choice",
        "true_false",
        "fill_in",
        "flashcard",
    }
    for section in seed_report.sections.all():
        assert published.filter(sentence__section=section).count() >= 5, section.heading


def test_a_second_import_of_a_trivially_different_file_changes_no_question(seed_text):
    report_import(raw_text=seed_text)
    before = snapshot()

    # Another checksum forces the full path; the cleaned text is the same.
    summary = report_import(raw_text=seed_text + "\n\n")

    assert not summary.unchanged
    assert (summary.questions_created, summary.questions_updated, summary.questions_retired) == (
        0,
        0,
        0,
    )
    assert snapshot() == before


def test_a_changed_sentence_retires_its_questions_and_leaves_the_others_alone(seed_text):
    report_import(raw_text=seed_text)
    old = "and only 808 between January and September 2018"
    assert old in seed_text
    affected = set(
        Question.objects.filter(sentence__text__contains="808").values_list("pk", flat=True)
    )
    assert affected
    # Other questions keep their rows and wording (their distractors may change).
    untouched = {
        q.pk: (q.prompt, q.status)
        for q in Question.objects.exclude(pk__in=affected).exclude(sentence__text__contains="2,706")
    }

    summary = report_import(raw_text=seed_text.replace(old, old.replace("808", "818")))

    assert summary.questions_retired >= len(affected)
    assert summary.questions_created >= 1
    for question in Question.objects.filter(pk__in=affected):
        assert question.status == Question.Status.RETIRED
        assert question.sentence.present is False
    new = Question.objects.filter(sentence__text__contains="818").exclude(status="retired")
    assert new.exists()
    assert all(q.sentence.present for q in new)
    after = {q.pk: (q.prompt, q.status) for q in Question.objects.filter(pk__in=untouched)}
    # The bank's true/false balance may move one other sentence's question, never more.
    moved = {pk for pk in untouched if after[pk] != untouched[pk]}
    assert len(moved) <= 1
    assert len({Question.objects.get(pk=pk).sentence_id for pk in moved}) <= 1


def test_a_reimport_never_overwrites_an_admin_edit(seed_text):
    report_import(raw_text=seed_text)
    question = Question.objects.filter(status="published").first()
    question.prompt = "According to the report, what did the admin rewrite?"
    question.origin = Question.Origin.EDITED
    question.save()

    summary = report_import(raw_text=seed_text + "\n")

    question.refresh_from_db()
    assert question.prompt == "According to the report, what did the admin rewrite?"
    assert question.origin == Question.Origin.EDITED
    assert question.status == Question.Status.PUBLISHED
    assert summary.edited_kept >= 1


def test_removing_a_sentence_retires_its_questions_and_keeps_them(seed_text):
    report_import(raw_text=seed_text)
    gone_text = "Beijing denies permission to the staff of the UN Refugee Agency"
    sentence = Sentence.objects.get(text__startswith=gone_text)
    question_ids = set(sentence.questions.values_list("pk", flat=True))
    assert question_ids
    edited = sentence.questions.first()
    edited.origin = Question.Origin.EDITED
    edited.save()
    paragraph_end = seed_text.index(gone_text)
    line_end = seed_text.index("\n", paragraph_end)

    report_import(raw_text=seed_text[:paragraph_end] + seed_text[line_end:])

    kept = Question.objects.filter(pk__in=question_ids)
    assert set(kept.values_list("pk", flat=True)) == question_ids
    assert set(kept.values_list("status", flat=True)) == {"retired"}
    sentence.refresh_from_db()
    assert sentence.present is False


def test_a_question_retired_by_an_admin_stays_retired_after_a_reimport(seed_text):
    report_import(raw_text=seed_text)
    question = Question.objects.filter(status="published").first()
    question.status = Question.Status.RETIRED
    question.save()

    report_import(raw_text=seed_text + "\n")

    question.refresh_from_db()
    assert question.status == Question.Status.RETIRED


def test_two_reports_share_topics_and_keep_their_own_questions(seed_text):
    first = report_import(raw_text=seed_text).report
    second = report_import(raw_text=seed_text, slug="north-korea-copy").report

    assert Report.objects.count() == 2
    assert first.questions.count() == second.questions.count()
    assert Topic.objects.count() == len({*Topic.objects.values_list("slug", flat=True)})


def test_the_database_refuses_duplicate_fingerprints_choices_and_two_correct_choices(
    seed_report,
):
    question = seed_report.questions.filter(type="multiple_choice").first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Question.objects.create(
            report=seed_report,
            sentence=question.sentence,
            type="fill_in",
            prompt="Copy?",
            answer="x",
            fingerprint=question.fingerprint,
        )
    choice = question.choices.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Choice.objects.create(question=question, text=choice.text, order=9)
    with pytest.raises(IntegrityError), transaction.atomic():
        Choice.objects.create(question=question, text="Another right answer", is_correct=True)


def test_a_sentence_with_questions_cannot_be_deleted(seed_report):
    sentence = Sentence.objects.filter(questions__isnull=False).first()
    with pytest.raises(ProtectedError):
        sentence.delete()


def test_a_source_that_comes_back_brings_its_questions_back(seed_text):
    report_import(raw_text=seed_text)
    published_before = set(
        Question.objects.filter(status="published").values_list("fingerprint", flat=True)
    )
    changed = seed_text.replace("fired 23 missiles", "fired 22 missiles")
    report_import(raw_text=changed)
    assert Question.objects.filter(status="retired", retired_by_import=True).exists()

    report_import(raw_text=seed_text)

    published_after = set(
        Question.objects.filter(status="published").values_list("fingerprint", flat=True)
    )
    assert published_after == published_before
    assert not Question.objects.filter(
        fingerprint__in=published_before, retired_by_import=True
    ).exists()


def test_an_answered_question_keeps_its_choice_rows_when_distractors_change(seed_text, student):
    from tests.factories import AnswerFactory, QuizSessionFactory

    report_import(raw_text=seed_text)
    answered = list(Question.objects.filter(type="multiple_choice", status="published"))
    session = QuizSessionFactory(user=student, length=len(answered))
    for question in answered:
        AnswerFactory(
            session=session, question=question, choice=question.choices.first(), is_correct=True
        )
    choices_before = sorted(Choice.objects.filter(question__in=answered).values_list("pk", "text"))

    # A leader named once elsewhere in the chapter is renamed: person distractors drawn
    # from the chapter change, while the questions themselves (their fingerprints) stay.
    assert seed_text.count("Moon Jae-in") == 1
    summary = report_import(raw_text=seed_text.replace("Moon Jae-in", "Moon Jae-ho"))

    assert summary.questions_retired + summary.questions_created > 0
    assert sorted(Choice.objects.filter(question__in=answered).values_list("pk", "text")) == (
        choices_before
    )
    assert all(a.choice_id for a in session.answers.all())


def test_another_chapter_under_an_existing_slug_is_refused_and_nothing_changes(seed_text):
    from content.pipeline import PipelineError

    report_import(raw_text=seed_text)
    before = snapshot()
    other = seed_text.replace("North Korea", "Testland")

    with pytest.raises(PipelineError, match="already holds"):
        report_import(raw_text=other, slug="north-korea-2018")

    assert snapshot() == before
    assert Report.objects.get().title == "North Korea"


def test_a_title_too_long_for_the_database_is_a_one_line_error(seed_text):
    from content.pipeline import PipelineError

    with pytest.raises(PipelineError, match="longer than 200"):
        report_import(raw_text=seed_text, title="X" * 201)
    assert not Report.objects.exists()


def test_a_reimport_points_kept_choices_at_the_sentences_that_give_them(seed_text):
    report_import(raw_text=seed_text)
    sourced = Choice.objects.filter(sentence__isnull=False, is_correct=False)
    assert sourced.exists()  # distractors the chapter gives know their sentence
    expected = set(sourced.values_list("pk", "sentence_id"))
    Choice.objects.update(sentence=None)  # a bank imported before choices had sources

    report_import(raw_text=seed_text + "\n\n")

    assert set(sourced.values_list("pk", "sentence_id")) == expected
    for choice in sourced.select_related("sentence"):
        assert choice.text in choice.sentence.text or choice.text.lower() in (
            choice.sentence.text.lower()
        )
