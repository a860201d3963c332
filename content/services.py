"""Writes to the question bank: loading a pipeline result, in one transaction."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from content import pipeline
from content.models import Choice, Question, Report, Section, Sentence, Topic
from content.pipeline import read as pipeline_read
from content.pipeline import types as p


@dataclass
class ImportSummary:
    report: Report
    created: bool = False  # a new report
    unchanged: bool = False  # same text and generator: nothing was written
    sections: int = 0
    sentences: int = 0
    published: int = 0
    needs_review: int = 0
    retired: int = 0
    review_reasons: Counter = field(default_factory=Counter)
    questions_created: int = 0
    questions_updated: int = 0
    questions_retired: int = 0  # by this import
    edited_kept: int = 0  # admin-edited questions left as the admin wrote them


# Files larger than this are refused before they are read (the admin form says so too).
MAX_REPORT_BYTES = pipeline_read.MAX_BYTES


def report_checksum(data: bytes) -> str:
    """SHA-256 (hex) of the imported file's bytes."""
    return hashlib.sha256(data).hexdigest()


def default_slug(title: str, period: str) -> str:
    """Title and year: ("North Korea", "Events of 2018") -> "north-korea-2018"."""
    year = "".join(ch for ch in period if ch.isdigit())[-4:]
    return slugify(f"{title} {year}".strip())[:120] or "report"


def report_import(
    *,
    raw_text: str | None = None,
    data: bytes | None = None,
    source: str = "",
    title: str | None = None,
    period: str | None = None,
    slug: str | None = None,
) -> ImportSummary:
    """Import (or re-import) one chapter and return what it did.

    Give the file as ``data`` (bytes of text, Markdown, HTML or PDF; ``source``
    is its name, whose extension breaks format ties) or as decoded ``raw_text``.
    Raises ``pipeline.PipelineError`` before writing anything when the file
    cannot become a report. Re-importing the same file changes nothing; a
    changed text updates questions by fingerprint, retires the ones whose
    source is gone, and never overwrites an admin's edit.
    """
    if data is None:
        if raw_text is None:
            raise TypeError("report_import needs data or raw_text")
        data = raw_text.encode("utf-8")
    bank = pipeline.build_bank(data, filename=source, title=title, period=period)
    doc = bank.document
    slug = slug or default_slug(doc.title, doc.period)
    _check_lengths(doc, slug)
    checksum = report_checksum(data)

    with transaction.atomic():
        report = Report.objects.select_for_update().filter(slug=slug).first()
        if report is not None and (report.title, report.period) != (doc.title, doc.period):
            # Another chapter under the same slug would silently retire its whole bank.
            raise pipeline.PipelineError(
                f"slug {slug!r} already holds “{report}”, not “{doc.title}"
                f"{' — ' + doc.period if doc.period else ''}”: "
                "give this chapter another --slug (or the same --title and --period)"
            )
        if (
            report is not None
            and report.checksum == checksum
            and report.generator_version == pipeline.GENERATOR_VERSION
            and report.title == doc.title
            and report.period == doc.period
        ):
            return _summarize(ImportSummary(report=report, unchanged=True))

        topics = _sync_topics(bank.topics)
        created = report is None
        if created:
            report = Report(slug=slug)
        report.title = doc.title
        report.period = doc.period
        report.source = source[:300]
        report.raw_text = _stored_text(data, doc)
        report.cleaned_text = doc.cleaned_text
        _store_intake(report, doc.intake)
        report.checksum = checksum
        report.generator_version = pipeline.GENERATOR_VERSION
        report.imported_at = timezone.now()
        report.save()

        summary = ImportSummary(report=report, created=created)
        sections = _sync_sections(report, doc.sections)
        sentences = _sync_sentences(report, doc.sentences, sections, bank.sentence_topics, topics)
        questions = tuple(q for q in bank.questions if _fits(q))
        _sync_questions(report, questions, sentences, topics, summary)
    return _summarize(summary)


def _stored_text(data: bytes, doc: p.Document) -> str:
    """The file as text for the record: as decoded; for a PDF (bytes, not text) the
    chapter's text as read, its left-out pieces being in ``Report.dropped``."""
    if doc.intake.format == "pdf":
        return doc.cleaned_text
    return data.decode("utf-8-sig", errors="replace")


def _store_intake(report: Report, intake: p.Intake) -> None:
    report.source_format = intake.format
    report.source_url = intake.source_url[:500]
    report.pages = intake.pages
    report.words_read = intake.words_read
    report.words_kept = intake.words_kept
    report.words_dropped = intake.words_dropped
    report.dropped = [list(item) for item in intake.dropped]
    report.prose_dropped_share = round(intake.prose_dropped_share, 4)


def _check_lengths(doc: p.Document, slug: str) -> None:
    """Refuse, in one line, what the columns cannot hold (PostgreSQL would raise)."""
    limits = [
        ("title", doc.title, Report._meta.get_field("title").max_length),
        ("period", doc.period, Report._meta.get_field("period").max_length),
        ("slug", slug, Report._meta.get_field("slug").max_length),
    ]
    limits += [
        ("heading", s.heading, Section._meta.get_field("heading").max_length) for s in doc.sections
    ]
    for name, value, limit in limits:
        if len(value) > limit:
            raise pipeline.PipelineError(
                f"the {name} is longer than {limit} characters: {value[:40]}…"
            )


def _fits(item: p.Question) -> bool:
    """Whether a generated question fits the bank's columns; an answer or choice that
    long is no question a learner could answer, so it is left out rather than cut."""
    limit = Question._meta.get_field("answer").max_length
    return len(item.answer) <= limit and all(len(c.text) <= limit for c in item.choices)


def _summarize(summary: ImportSummary) -> ImportSummary:
    report = summary.report
    summary.sections = report.sections.count()
    summary.sentences = report.sentences.present().count()
    counts = Counter(report.questions.values_list("status", flat=True))
    summary.published = counts[Question.Status.PUBLISHED]
    summary.needs_review = counts[Question.Status.NEEDS_REVIEW]
    summary.retired = counts[Question.Status.RETIRED]
    summary.review_reasons = Counter(
        reason
        for reasons in report.questions.filter(status=Question.Status.NEEDS_REVIEW).values_list(
            "review_reasons", flat=True
        )
        for reason in reasons
    )
    return summary


def _sync_topics(taxonomy: tuple[p.Topic, ...]) -> dict[str, Topic]:
    existing = {t.slug: t for t in Topic.objects.all()}
    for position, item in enumerate(taxonomy):
        topic = existing.get(item.slug)
        if topic is None:
            existing[item.slug] = Topic.objects.create(
                slug=item.slug, name=item.name, description=item.description, position=position
            )
        elif (topic.name, topic.description, topic.position) != (
            item.name,
            item.description,
            position,
        ):
            topic.name, topic.description, topic.position = item.name, item.description, position
            topic.save(update_fields=["name", "description", "position"])
    return existing


def _sync_sections(report: Report, items: tuple[p.Section, ...]) -> dict[int, Section]:
    existing = {s.order: s for s in report.sections.all()}
    result: dict[int, Section] = {}
    for item in items:
        section = existing.pop(item.order, None)
        if section is None:
            section = Section.objects.create(
                report=report,
                order=item.order,
                heading=item.heading,
                level=item.level,
                start=item.start,
                end=item.end,
            )
        elif (section.heading, section.level, section.start, section.end) != (
            item.heading,
            item.level,
            item.start,
            item.end,
        ):
            section.heading, section.level = item.heading, item.level
            section.start, section.end = item.start, item.end
            section.save(update_fields=["heading", "level", "start", "end"])
        result[item.order] = section
    # Sections the new text no longer has: old sentences keep their text, lose the link.
    Section.objects.filter(pk__in=[s.pk for s in existing.values()]).delete()
    return result


def _sentence_keys(texts: list[str]) -> list[tuple[str, int]]:
    """(text, n): the n-th occurrence of a text, so repeated sentences stay distinct."""
    seen: Counter = Counter()
    keys = []
    for text in texts:
        keys.append((text, seen[text]))
        seen[text] += 1
    return keys


def _sync_sentences(
    report: Report,
    items: tuple[p.Sentence, ...],
    sections: dict[int, Section],
    sentence_topics: dict[int, tuple[str, ...]],
    topics: dict[str, Topic],
) -> dict[int, Sentence]:
    """Match sentences by text so questions keep pointing at the same rows."""
    old = list(report.sentences.order_by("position", "pk"))
    old_by_key = dict(zip(_sentence_keys([s.text for s in old]), old, strict=True))
    result: dict[int, Sentence] = {}
    to_update: list[Sentence] = []
    to_create: list[Sentence] = []
    for key, item in zip(_sentence_keys([s.text for s in items]), items, strict=True):
        section = sections[item.section_order]
        sentence = old_by_key.pop(key, None)
        if sentence is None:
            sentence = Sentence(report=report, text=item.text)
            to_create.append(sentence)
        elif (
            sentence.section_id,
            sentence.position,
            sentence.start,
            sentence.end,
            sentence.present,
        ) != (section.pk, item.index, item.start, item.end, True):
            to_update.append(sentence)
        sentence.section = section
        sentence.position, sentence.start, sentence.end = item.index, item.start, item.end
        sentence.present = True
        result[item.index] = sentence
    gone = [s for s in old_by_key.values() if s.present]
    for sentence in gone:
        sentence.present = False
    Sentence.objects.bulk_update(
        to_update + gone, ["section", "position", "start", "end", "present"]
    )
    Sentence.objects.bulk_create(to_create)

    # Topic links: rewrite only for sentences whose topics changed.
    through = Sentence.topics.through
    current = defaultdict(set)
    for sentence_id, topic_id in through.objects.filter(sentence__report=report).values_list(
        "sentence_id", "topic_id"
    ):
        current[sentence_id].add(topic_id)
    stale, links = [], []
    for index, sentence in result.items():
        wanted = {topics[slug].pk for slug in sentence_topics.get(index, ())}
        if current.get(sentence.pk, set()) != wanted:
            stale.append(sentence.pk)
            links += [through(sentence_id=sentence.pk, topic_id=t) for t in sorted(wanted)]
    through.objects.filter(sentence_id__in=stale).delete()
    through.objects.bulk_create(links)
    return result


def _question_values(item: p.Question) -> dict:
    status = Question.Status.PUBLISHED if item.publishable else Question.Status.NEEDS_REVIEW
    return {
        "type": item.type,
        "prompt": item.prompt,
        "answer": item.answer,
        "explanation": item.explanation,
        "context": item.context,
        "answer_start": item.answer_span[0] if item.answer_span else None,
        "answer_end": item.answer_span[1] if item.answer_span else None,
        "status": status,
        "review_reasons": list(item.review_reasons),
        "answer_kind": item.answer_kind,
        "generator_version": pipeline.GENERATOR_VERSION,
    }


def _sync_questions(
    report: Report,
    items: tuple[p.Question, ...],
    sentences: dict[int, Sentence],
    topics: dict[str, Topic],
    summary: ImportSummary,
) -> None:
    existing = {
        q.fingerprint: q
        for q in report.questions.prefetch_related("choices", "topics").exclude(fingerprint="")
    }
    # Learners' answers point at choices: an answered question keeps its choice rows.
    # ("answers" is the learner app's relation to Question; no import needed.)
    answered = set(
        report.questions.filter(answers__isnull=False).values_list("pk", flat=True).distinct()
    )
    seen: set[str] = set()
    new_items: list[tuple[Question, p.Question]] = []
    for item in items:
        seen.add(item.fingerprint)
        sentence = sentences[item.sentence_index]
        values = _question_values(item)
        question = existing.get(item.fingerprint)
        if question is None:
            new_question = Question(
                report=report, sentence=sentence, fingerprint=item.fingerprint, **values
            )
            new_items.append((new_question, item))
        elif question.origin != Question.Origin.GENERATED:
            summary.edited_kept += 1
            if question.retired_by_import:
                _revive(question, status=Question.Status.NEEDS_REVIEW)
                summary.questions_updated += 1
        elif question.status != Question.Status.RETIRED or question.retired_by_import:
            # Retired by an import whose text had lost the source: the source is back.
            # Retired by an admin (retired_by_import False): stays retired.
            changed = _update_generated(
                question,
                item,
                sentence,
                values,
                topics,
                sentences,
                keep_choices=question.pk in answered,
            )
            summary.questions_updated += changed
    _create_questions(new_items, topics, sentences)
    summary.questions_created = len(new_items)

    # Generated questions the new text no longer yields, and any question whose
    # sentence is gone, are retired; nothing with a history is ever deleted.
    present = {s.pk for s in sentences.values()}
    gone = [
        q.pk
        for q in existing.values()
        if q.status != Question.Status.RETIRED
        and (
            (q.origin == Question.Origin.GENERATED and q.fingerprint not in seen)
            or q.sentence_id not in present
        )
    ]
    gone += list(
        report.questions.filter(fingerprint="", sentence__present=False)
        .exclude(status=Question.Status.RETIRED)
        .values_list("pk", flat=True)
    )
    summary.questions_retired = Question.objects.filter(pk__in=gone).update(
        status=Question.Status.RETIRED, retired_by_import=True, updated_at=timezone.now()
    )


def _revive(question: Question, *, status: str) -> None:
    question.status = status
    question.retired_by_import = False
    question.save(update_fields=["status", "retired_by_import", "updated_at"])


def _update_generated(
    question: Question,
    item: p.Question,
    sentence: Sentence,
    values: dict,
    topics: dict[str, Topic],
    sentences: dict[int, Sentence],
    *,
    keep_choices: bool,
) -> bool:
    if question.retired_by_import:
        values = {**values, "retired_by_import": False}
    changed_fields = [name for name, value in values.items() if getattr(question, name) != value]
    if question.sentence_id != sentence.pk:
        question.sentence = sentence
        changed_fields.append("sentence")
    for name in changed_fields:
        if name != "sentence":
            setattr(question, name, values[name])
    old_choices = [(c.text, c.is_correct) for c in question.choices.all()]
    new_choices = [(c.text, c.is_correct) for c in item.choices]
    choices_changed = old_choices != new_choices and not keep_choices
    if choices_changed:
        question.choices.all().delete()
        _write_choices(question, item.choices, sentences)
    else:
        _refresh_sources(question, item.choices, sentences)
    old_topics = {t.slug for t in question.topics.all()}
    if old_topics != set(item.topics):
        question.topics.set([topics[slug] for slug in item.topics])
    if changed_fields:
        question.save(update_fields=[*changed_fields, "updated_at"])
    return bool(changed_fields) or choices_changed or old_topics != set(item.topics)


def _create_questions(
    new_items: list[tuple[Question, p.Question]],
    topics: dict[str, Topic],
    sentences: dict[int, Sentence],
) -> None:
    """Insert new questions with their choices and topics in a few bulk queries."""
    Question.objects.bulk_create([question for question, _ in new_items])
    Choice.objects.bulk_create(
        _choice(question, c, i, sentences)
        for question, item in new_items
        for i, c in enumerate(item.choices)
    )
    through = Question.topics.through
    through.objects.bulk_create(
        through(question_id=question.pk, topic_id=topics[slug].pk)
        for question, item in new_items
        for slug in dict.fromkeys(item.topics)
    )


def _write_choices(
    question: Question, choices: tuple[p.Choice, ...], sentences: dict[int, Sentence]
) -> None:
    Choice.objects.bulk_create(_choice(question, c, i, sentences) for i, c in enumerate(choices))


def _refresh_sources(
    question: Question, choices: tuple[p.Choice, ...], sentences: dict[int, Sentence]
) -> None:
    """Point kept choice rows at the sentences the chapter now gives their values in (rows
    a learner's answer points to are kept, so they are updated in place)."""
    wanted = {
        c.text: sentences[c.source].pk
        for c in choices
        if c.source is not None and c.source in sentences
    }
    stale = []
    for row in question.choices.all():
        source = wanted.get(row.text)
        if row.sentence_id != source:
            row.sentence_id = source
            stale.append(row)
    if stale:
        Choice.objects.bulk_update(stale, ["sentence"])


def _choice(
    question: Question, choice: p.Choice, order: int, sentences: dict[int, Sentence]
) -> Choice:
    """A choice row; a distractor the chapter gives points to the sentence it comes from."""
    source = sentences.get(choice.source) if choice.source is not None else None
    return Choice(
        question=question,
        text=choice.text,
        is_correct=choice.is_correct,
        order=order,
        sentence=source,
    )
