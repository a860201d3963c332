"""The bank as JSON or CSV: the format other tools read (keep it stable).

JSON: {"reports": [...], "topics": [...], "questions": [...]}; for every
question ``report.text[source.start:source.end] == source.sentence``. Only
questions whose source sentence is in the report's current text are exported,
so that rule always holds.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet

from content.models import Choice, Question, Report, Topic

CSV_COLUMNS = [
    "id",
    "report",
    "section",
    "topics",
    "type",
    "prompt",
    "answer",
    "choices",
    "correct_choice",
    "explanation",
    "source_sentence",
    "source_start",
    "source_end",
    "status",
    "origin",
    "context",
    "answer_span",
]
CSV_LIST_SEPARATOR = " | "


def exportable_questions(reports: Iterable[Report] | QuerySet) -> QuerySet:
    return (
        Question.objects.filter(report__in=reports, sentence__present=True)
        .select_related("report", "sentence__section")
        .prefetch_related(
            Prefetch("choices", queryset=Choice.objects.order_by("order")),
            Prefetch("topics", queryset=Topic.objects.order_by("slug")),
        )
        .order_by("report__slug", "sentence__position", "id")
    )


def question_record(question: Question) -> dict:
    sentence = question.sentence
    return {
        "id": question.pk,
        "report": question.report.slug,
        "section": sentence.section.heading if sentence.section else "",
        "topics": [t.slug for t in question.topics.all()],
        "type": question.type,
        "prompt": question.prompt,
        "answer": question.answer,
        "choices": [{"text": c.text, "correct": c.is_correct} for c in question.choices.all()],
        "explanation": question.explanation,
        "context": question.context,
        "source": {"sentence": sentence.text, "start": sentence.start, "end": sentence.end},
        # The fact tested: offsets in the source sentence's text, or None (written by hand).
        "answer_span": (
            None
            if question.answer_start is None
            else {
                "start": question.answer_start,
                "end": question.answer_end,
                "text": question.answer_span_text,
            }
        ),
        "status": question.status,
        "origin": question.origin,
    }


def bank_as_dict(reports: QuerySet, questions: QuerySet | None = None) -> dict:
    reports = reports.prefetch_related("sections").order_by("slug")
    if questions is None:
        questions = exportable_questions(reports)
    return {
        "reports": [
            {
                "slug": r.slug,
                "title": r.title,
                "period": r.period,
                "text": r.cleaned_text,
                "sections": [
                    {"order": s.order, "heading": s.heading, "level": s.level}
                    for s in r.sections.all()
                ],
            }
            for r in reports
        ],
        "topics": [{"slug": t.slug, "name": t.name} for t in Topic.objects.order_by("position")],
        "questions": [question_record(q) for q in questions],
    }


def bank_as_json(reports: QuerySet, questions: QuerySet | None = None) -> str:
    return json.dumps(bank_as_dict(reports, questions), ensure_ascii=False, indent=2) + "\n"


def bank_as_csv(questions: QuerySet) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for question in questions:
        record = question_record(question)
        source = record.pop("source")
        choices = record.pop("choices")
        span = record.pop("answer_span")
        writer.writerow(
            {
                **record,
                "topics": CSV_LIST_SEPARATOR.join(record["topics"]),
                "choices": CSV_LIST_SEPARATOR.join(c["text"] for c in choices),
                "correct_choice": next((c["text"] for c in choices if c["correct"]), ""),
                "source_sentence": source["sentence"],
                "source_start": source["start"],
                "source_end": source["end"],
                "answer_span": span["text"] if span else "",
            }
        )
    return out.getvalue()
