"""Learners' and teachers' data: quiz sessions, answers, card states, flags, classes.

Everything here points at the bank (``content``); the bank never points back.
A visitor without an account studies under a ``visitor_key`` kept in their
session; signing up hands those rows to the new user (``quiz.visitors``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from content.models import Choice, Question, Topic

_owner_is_user_or_visitor = Q(user__isnull=False, visitor_key="") | Q(
    user__isnull=True, visitor_key__gt=""
)


class QuizSession(models.Model):
    """One sitting: a quiz, a review of due cards, a retry, or a flashcard deck."""

    class Mode(models.TextChoices):
        QUIZ = "quiz", "Quiz"
        REVIEW = "review", "Review what's due"
        RETRY = "retry", "Retry the missed ones"
        FLASHCARDS = "flashcards", "Flashcards"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="quiz_sessions",
    )
    visitor_key = models.CharField(max_length=64, blank=True, db_index=True)
    mode = models.CharField(max_length=20, choices=Mode.choices, default=Mode.QUIZ)
    topics = models.ManyToManyField(Topic, blank=True, related_name="quiz_sessions")
    assignment = models.ForeignKey(
        "Assignment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attempts",
    )
    retry_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="retries"
    )
    # Seeds the per-session shuffle of choices, so a reload shows the same order.
    shuffle_seed = models.PositiveIntegerField()
    length = models.PositiveSmallIntegerField()
    # Counters updated with F() by each answer, so they stay exact under concurrent posts.
    answered_count = models.PositiveSmallIntegerField(default=0)
    correct_count = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    is_late = models.BooleanField(
        default=False, help_text="Finished after the assignment's due date."
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=_owner_is_user_or_visitor, name="session_has_owner"),
            models.CheckConstraint(
                condition=Q(answered_count__lte=models.F("length")),
                name="session_answered_le_length",
            ),
        ]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_mode_display()} #{self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None


class SessionItem(models.Model):
    """The questions of a session, in the order they are asked."""

    session = models.ForeignKey(QuizSession, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="session_items")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(fields=["session", "position"], name="unique_item_position"),
            models.UniqueConstraint(fields=["session", "question"], name="unique_item_question"),
        ]


class Answer(models.Model):
    """A learner's answer to one question in one session (or a flashcard grade)."""

    class Rating(models.IntegerChoices):
        # The FSRS grades; a quiz answer counts as Good when right and Again when wrong.
        AGAIN = 1, "Again"
        HARD = 2, "Hard"
        GOOD = 3, "Good"
        EASY = 4, "Easy"

    session = models.ForeignKey(QuizSession, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    # Denormalized from the session so per-learner reads need no join.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="answers",
    )
    choice = models.ForeignKey(
        Choice, on_delete=models.SET_NULL, null=True, blank=True, related_name="answers"
    )
    response = models.CharField(max_length=300, blank=True, help_text="What was typed or picked.")
    is_correct = models.BooleanField()
    rating = models.PositiveSmallIntegerField(choices=Rating.choices)
    answered_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["answered_at"]
        constraints = [
            # A double click, a replayed POST or the back button records one answer.
            models.UniqueConstraint(fields=["session", "question"], name="one_answer_per_question"),
        ]
        indexes = [
            models.Index(fields=["user", "answered_at"]),
            models.Index(fields=["question", "is_correct"]),
        ]


class CardState(models.Model):
    """The FSRS card of one learner for one question: what comes back when."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="card_states",
    )
    visitor_key = models.CharField(max_length=64, blank=True, db_index=True)
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="card_states")
    # The fsrs.Card as its own dict (Card.to_dict()); the columns below mirror what we query.
    card = models.JSONField()
    due = models.DateTimeField(db_index=True)
    stability = models.FloatField(null=True, blank=True)
    difficulty = models.FloatField(null=True, blank=True)
    last_review = models.DateTimeField(null=True, blank=True)
    reviews = models.PositiveIntegerField(default=0)
    lapses = models.PositiveIntegerField(default=0)
    # The grade of the latest review (Answer.Rating): mastery counts a card last graded
    # Again as not known, whatever its predicted recall (quiz.progress).
    last_rating = models.PositiveSmallIntegerField(
        choices=Answer.Rating.choices, null=True, blank=True
    )

    class Meta:
        constraints = [
            models.CheckConstraint(condition=_owner_is_user_or_visitor, name="card_has_owner"),
            models.UniqueConstraint(
                fields=["user", "question"],
                condition=Q(user__isnull=False),
                name="one_card_per_user",
            ),
            models.UniqueConstraint(
                fields=["visitor_key", "question"],
                condition=Q(user__isnull=True),
                name="one_card_per_visitor",
            ),
        ]
        indexes = [models.Index(fields=["user", "due"])]


class Flag(models.Model):
    """A learner's "Report a problem" on a question."""

    class Reason(models.TextChoices):
        WRONG_ANSWER = "wrong_answer", "The answer is wrong"
        UNCLEAR = "unclear", "The question is unclear"
        NOT_IN_SOURCE = "not_in_source", "The source doesn't say this"
        TYPO = "typo", "Typo or formatting"
        OTHER = "other", "Something else"

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="flags")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flags"
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)
    comment = models.TextField(blank=True, max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "user"],
                condition=Q(resolved_at__isnull=True),
                name="one_open_flag_per_learner",
            ),
        ]

    def __str__(self) -> str:
        state = "resolved" if self.resolved_at else "open"
        return f"{self.get_reason_display()} ({state})"


class Classroom(models.Model):
    """A teacher's class (``class`` is taken in Python)."""

    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="classrooms"
    )
    name = models.CharField(max_length=100)
    join_code = models.CharField(max_length=12, unique=True)
    students = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="enrolled_classrooms"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class Membership(models.Model):
    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="memberships")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["joined_at"]
        constraints = [
            models.UniqueConstraint(fields=["classroom", "student"], name="one_membership"),
        ]


class Assignment(models.Model):
    class Mode(models.TextChoices):
        QUIZ = "quiz", "Quiz"
        FLASHCARDS = "flashcards", "Flashcards"

    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="assignments")
    title = models.CharField(max_length=200)
    # A topic set, or a hand-picked list of questions (then the topics are ignored).
    topics = models.ManyToManyField(Topic, blank=True, related_name="assignments")
    questions = models.ManyToManyField(Question, blank=True, related_name="assignments")
    question_count = models.PositiveSmallIntegerField()
    mode = models.CharField(max_length=20, choices=Mode.choices, default=Mode.QUIZ)
    opens_at = models.DateTimeField()
    due_at = models.DateTimeField()
    attempts_allowed = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_at", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_at__gt=models.F("opens_at")), name="due_after_open"
            ),
            models.CheckConstraint(
                condition=Q(question_count__gte=1), name="assignment_has_questions"
            ),
            models.CheckConstraint(
                condition=Q(attempts_allowed__gte=1), name="at_least_one_attempt"
            ),
        ]

    def __str__(self) -> str:
        return self.title
