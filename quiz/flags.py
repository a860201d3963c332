""" "Report a problem": learners flag questions; enough open flags send one back to review."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction

from content.models import Question
from quiz.models import Flag

FLAGGED_REASON = "flagged_by_learners"


class AlreadyFlagged(ValueError):
    def __init__(self) -> None:
        super().__init__("You already reported this question. Thank you — it is being looked at.")


def has_open_flag(*, question: Question, user) -> bool:
    return Flag.objects.filter(question=question, user=user, resolved_at__isnull=True).exists()


@transaction.atomic
def flag_create(*, question: Question, user, reason: str, comment: str = "") -> Flag:
    """Record one learner's report on ``question``.

    One open flag per learner and question (the database enforces it; a second report
    raises ``AlreadyFlagged``). When the question's open flags reach
    ``REPORTCARD_FLAG_THRESHOLD`` a published question drops to *needs review* in the same
    transaction, so learners stop getting it until an admin has looked.
    """
    if reason not in Flag.Reason.values:
        raise ValueError(f"Unknown reason {reason!r}.")
    # Locking the question makes concurrent reports count each other exactly.
    locked = Question.objects.select_for_update().get(pk=question.pk)
    try:
        with transaction.atomic():
            flag = Flag.objects.create(
                question=locked, user=user, reason=reason, comment=comment.strip()
            )
    except IntegrityError:
        raise AlreadyFlagged() from None
    open_flags = Flag.objects.filter(question=locked, resolved_at__isnull=True).count()
    if (
        open_flags >= settings.REPORTCARD_FLAG_THRESHOLD
        and locked.status == Question.Status.PUBLISHED
    ):
        reasons = list(locked.review_reasons or [])
        if FLAGGED_REASON not in reasons:
            reasons.append(FLAGGED_REASON)
        locked.status = Question.Status.NEEDS_REVIEW
        locked.review_reasons = reasons
        locked.save(update_fields=["status", "review_reasons", "updated_at"])
        question.status = locked.status
        question.review_reasons = reasons
    return flag
