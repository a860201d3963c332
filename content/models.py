"""The question bank: reports, their sections and sentences, topics, questions.

Rows are written by ``content.services.report_import`` (and, later, the admin);
everything else only reads them.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class Topic(models.Model):
    """A theme learners pick (forced labor, border control...), shared across reports."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Display order.")

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Report(models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=200)
    period = models.CharField(max_length=100, blank=True)
    source = models.CharField(max_length=300, blank=True, help_text="Where the text came from.")
    raw_text = models.TextField()
    cleaned_text = models.TextField()
    checksum = models.CharField(max_length=64, help_text="SHA-256 of the raw text.")
    generator_version = models.CharField(max_length=20)
    imported_at = models.DateTimeField()
    # What the import read and left out (content.pipeline.types.Intake), for the summary,
    # the admin page and ``import_report --show-dropped``.
    source_format = models.CharField(
        max_length=10, blank=True, help_text="text, markdown, html or pdf."
    )
    source_url = models.URLField(max_length=500, blank=True)
    pages = models.PositiveIntegerField(default=0, help_text="PDF pages; 0 for other formats.")
    words_read = models.PositiveIntegerField(default=0)
    words_kept = models.PositiveIntegerField(default=0, help_text="Words in the chapter's text.")
    words_dropped = models.JSONField(
        default=dict, blank=True, help_text="Words left out, by reason."
    )
    dropped = models.JSONField(
        default=list, blank=True, help_text="Every piece left out, as [text, reason]."
    )
    prose_dropped_share = models.FloatField(
        default=0.0, help_text="Share (0–1) of the prose-like words that were left out."
    )

    class Meta:
        ordering = ["title", "period"]

    def __str__(self) -> str:
        return f"{self.title} — {self.period}" if self.period else self.title


class Section(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField()
    heading = models.CharField(max_length=200)
    level = models.PositiveSmallIntegerField(
        default=1, help_text="1 section, 2 sub-section, 3 a heading inside a sub-section."
    )
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()

    class Meta:
        ordering = ["report", "order"]
        constraints = [
            models.UniqueConstraint(fields=["report", "order"], name="unique_section_order"),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="section_span"),
        ]

    def __str__(self) -> str:
        return self.heading


class SentenceQuerySet(models.QuerySet):
    def present(self) -> SentenceQuerySet:
        return self.filter(present=True)


class Sentence(models.Model):
    """One sentence of a report, located exactly in its cleaned text.

    A sentence that a later import no longer finds stays (questions point to
    it), with ``present`` False; its offsets then describe the old text.
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sentences")
    section = models.ForeignKey(
        Section, on_delete=models.SET_NULL, null=True, blank=True, related_name="sentences"
    )
    position = models.PositiveIntegerField(help_text="Order in the report.")
    text = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    present = models.BooleanField(default=True, help_text="Still in the report's current text.")
    topics = models.ManyToManyField(Topic, blank=True, related_name="sentences")

    objects = SentenceQuerySet.as_manager()

    class Meta:
        ordering = ["report", "position"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="sentence_span"),
        ]
        indexes = [models.Index(fields=["report", "present", "position"])]

    def __str__(self) -> str:
        return self.text[:80]


class QuestionType(models.TextChoices):
    MULTIPLE_CHOICE = "multiple_choice", "Multiple choice"
    TRUE_FALSE = "true_false", "True or false"
    FILL_IN = "fill_in", "Fill in the blank"
    FLASHCARD = "flashcard", "Flashcard"


class QuestionStatus(models.TextChoices):
    PUBLISHED = "published", "Published"
    NEEDS_REVIEW = "needs_review", "Needs review"
    RETIRED = "retired", "Retired"


class QuestionOrigin(models.TextChoices):
    GENERATED = "generated", "Generated"
    EDITED = "edited", "Edited by an admin"
    MANUAL = "manual", "Written by an admin"


class QuestionQuerySet(models.QuerySet):
    def published(self) -> QuestionQuerySet:
        return self.filter(status=QuestionStatus.PUBLISHED)

    def for_report(self, report: Report) -> QuestionQuerySet:
        return self.filter(report=report)

    def for_topics(self, topics) -> QuestionQuerySet:
        return self.filter(topics__in=topics).distinct()


class Question(models.Model):
    Type = QuestionType
    Status = QuestionStatus
    Origin = QuestionOrigin

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="questions")
    sentence = models.ForeignKey(Sentence, on_delete=models.PROTECT, related_name="questions")
    type = models.CharField(max_length=20, choices=Type.choices)
    prompt = models.TextField()
    answer = models.CharField(max_length=300)
    explanation = models.TextField(blank=True)
    # The sentence(s) before the source that the stem leans on, shown above it ("" when
    # the stem stands alone); see content/pipeline/wording.py.
    context = models.TextField(
        blank=True, help_text="Shown above the question: the earlier sentence it relies on."
    )
    # The fact the question tests: a span of the source sentence's text, in characters
    # (the answer as written, the swapped value of a false statement, the term a card
    # defines; the whole sentence for a plain true statement). Null for a question
    # written by hand.
    answer_start = models.PositiveIntegerField(null=True, blank=True)
    answer_end = models.PositiveIntegerField(null=True, blank=True)
    topics = models.ManyToManyField(Topic, related_name="questions")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEEDS_REVIEW)
    origin = models.CharField(max_length=20, choices=Origin.choices, default=Origin.GENERATED)
    review_reasons = models.JSONField(default=list, blank=True)
    # Set when an import retired it (its source left the text): a later import that
    # finds the source again brings it back. A question an admin retired stays retired.
    retired_by_import = models.BooleanField(default=False)
    answer_kind = models.CharField(max_length=30, blank=True)
    generator_version = models.CharField(max_length=20, blank=True)
    fingerprint = models.CharField(
        max_length=64, blank=True, help_text="Identifies a generated question across imports."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["report", "sentence__position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "fingerprint"],
                condition=~Q(fingerprint=""),
                name="unique_question_fingerprint",
            ),
            models.CheckConstraint(
                condition=Q(type__in=QuestionType.values), name="question_type_valid"
            ),
            models.CheckConstraint(
                condition=Q(answer_start__isnull=True, answer_end__isnull=True)
                | Q(answer_end__gt=models.F("answer_start")),
                name="question_answer_span",
            ),
            models.CheckConstraint(
                condition=Q(status__in=QuestionStatus.values), name="question_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(origin__in=QuestionOrigin.values), name="question_origin_valid"
            ),
        ]
        indexes = [models.Index(fields=["report", "status"])]

    def __str__(self) -> str:
        return self.prompt[:80]

    @property
    def answer_span_text(self) -> str:
        """The words of the source sentence this question tests ("" when not recorded)."""
        if self.answer_start is None or self.answer_end is None:
            return ""
        return self.sentence.text[self.answer_start : self.answer_end]


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(max_length=300)
    is_correct = models.BooleanField(default=False)
    order = models.PositiveSmallIntegerField(default=0)
    # For a distractor the chapter gives elsewhere: that sentence, shown in the feedback
    # when a learner picks it ("1,127 is the figure for 2017").
    sentence = models.ForeignKey(
        "Sentence", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["question", "order"]
        constraints = [
            models.UniqueConstraint(fields=["question", "text"], name="unique_choice_text"),
            # At most one correct choice per question; "at least one" is the gate's job.
            models.UniqueConstraint(
                fields=["question"], condition=Q(is_correct=True), name="one_correct_choice"
            ),
        ]

    def __str__(self) -> str:
        return self.text
