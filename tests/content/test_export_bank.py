"""export_bank: the JSON and CSV formats other tools read."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from content.models import Question
from content.services import report_import

pytestmark = pytest.mark.django_db

QUESTION_KEYS = {
    "id",
    "report",
    "section",
    "topics",
    "type",
    "prompt",
    "answer",
    "choices",
    "explanation",
    "context",
    "source",
    "answer_span",
    "status",
    "origin",
}


def export(*args: str) -> str:
    out = io.StringIO()
    call_command("export_bank", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_json_has_the_documented_shape_and_exact_offsets(seed_report):
    data = json.loads(export("--format", "json"))

    assert set(data) == {"reports", "topics", "questions"}
    [report] = data["reports"]
    assert set(report) == {"slug", "title", "period", "text", "sections"}
    assert report["slug"] == seed_report.slug
    assert report["text"] == seed_report.cleaned_text
    assert [s["order"] for s in report["sections"]] == list(range(len(report["sections"])))
    headings = {s["heading"] for s in report["sections"]}
    topic_slugs = {t["slug"] for t in data["topics"]}
    assert all(set(t) == {"slug", "name"} for t in data["topics"])

    assert len(data["questions"]) == seed_report.questions.count()
    for q in data["questions"]:
        assert set(q) == QUESTION_KEYS
        assert q["report"] == report["slug"]
        assert q["section"] in headings
        assert q["topics"] and set(q["topics"]) <= topic_slugs
        assert q["type"] in {"multiple_choice", "true_false", "fill_in", "flashcard"}
        source = q["source"]
        assert report["text"][source["start"] : source["end"]] == source["sentence"]
        assert all(set(c) == {"text", "correct"} for c in q["choices"])
        span = q["answer_span"]
        assert set(span) == {"start", "end", "text"}
        assert source["sentence"][span["start"] : span["end"]] == span["text"]
        if q["type"] in ("multiple_choice", "fill_in"):
            assert span["text"] == q["answer"]
        if q["type"] == "flashcard":
            assert f"“{span['text']}”" in q["prompt"]
        if q["type"] == "true_false" and q["answer"] == "False":
            # The value the false statement swapped out: in the sentence, not the prompt.
            assert span["text"] not in q["prompt"]
        if q["type"] == "true_false":
            assert q["answer"] in {"True", "False"}
            assert [c["text"] for c in q["choices"] if c["correct"]] == [q["answer"]]
        if q["type"] == "multiple_choice":
            assert len(q["choices"]) == 4
            assert [c["text"] for c in q["choices"] if c["correct"]] == [q["answer"]]
        assert q["status"] in {"published", "needs_review", "retired"}
        assert q["origin"] in {"generated", "edited", "manual"}


def test_csv_has_a_header_and_one_row_per_exported_question(seed_report):
    rows = list(csv.DictReader(io.StringIO(export("--format", "csv"))))

    assert len(rows) == seed_report.questions.count()
    by_id = {int(r["id"]): r for r in rows}
    question = seed_report.questions.filter(type="multiple_choice").first()
    row = by_id[question.pk]
    assert row["prompt"] == question.prompt
    assert row["correct_choice"] == question.answer
    assert row["answer_span"] == question.answer
    assert row["source_sentence"] == question.sentence.text
    text = seed_report.cleaned_text
    assert text[int(row["source_start"]) : int(row["source_end"])] == row["source_sentence"]


def test_report_option_limits_the_export_and_an_unknown_slug_is_an_error(seed_text):
    report_import(raw_text=seed_text)
    report_import(raw_text=seed_text, slug="other")

    data = json.loads(export("--format", "json", "--report", "other"))

    assert [r["slug"] for r in data["reports"]] == ["other"]
    assert {q["report"] for q in data["questions"]} == {"other"}
    with pytest.raises(CommandError, match="no report"):
        export("--format", "json", "--report", "missing")


def test_output_option_writes_the_file_and_refuses_a_bad_path(seed_report, tmp_path):
    target = tmp_path / "bank.json"
    assert export("--format", "json", "--output", str(target)) == ""
    assert (
        json.loads(target.read_text(encoding="utf-8"))["reports"][0]["slug"] == "north-korea-2018"
    )

    with pytest.raises(CommandError, match="cannot write"):
        export("--format", "json", "--output", str(tmp_path / "no" / "such" / "dir.json"))
    with pytest.raises(CommandError, match="directory"):
        export("--format", "csv", "--output", str(tmp_path))


def test_a_format_is_required_and_checked():
    with pytest.raises(CommandError):
        export()
    with pytest.raises(CommandError):
        export("--format", "xml")


def test_questions_whose_source_left_the_report_are_not_exported(seed_text):
    report_import(raw_text=seed_text)
    gone = "Beijing denies permission to the staff of the UN Refugee Agency"
    start = seed_text.index(gone)
    report_import(raw_text=seed_text[:start] + seed_text[seed_text.index("\n", start) :])

    data = json.loads(export("--format", "json"))

    exported = {q["id"] for q in data["questions"]}
    retired = set(Question.objects.filter(sentence__present=False).values_list("pk", flat=True))
    assert retired and not (exported & retired)


def test_an_exported_file_gets_the_usual_permissions(seed_report, tmp_path):
    import os
    import stat

    target = tmp_path / "bank.csv"
    umask = os.umask(0o022)
    try:
        export("--format", "csv", "--output", str(target))
    finally:
        os.umask(umask)

    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_a_question_written_by_hand_exports_no_answer_span(seed_report):
    sentence = seed_report.sentences.filter(present=True).first()
    manual = Question.objects.create(
        report=seed_report,
        sentence=sentence,
        type="fill_in",
        prompt="Who wrote this _____?",
        answer="nobody",
        origin="manual",
    )

    data = json.loads(export("--format", "json"))

    [record] = [q for q in data["questions"] if q["id"] == manual.pk]
    assert record["answer_span"] is None
