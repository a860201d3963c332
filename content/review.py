"""Admin-side writes to the bank: publish, send to review, retire, regenerate, resolve flags.

The admin's actions and its change form call these, so the rules live in one place:
``question_problems`` says what stops a question from being shown to learners (the same
rules the change form enforces on save), and each service changes many rows in one
transaction.

An admin's decision on a generated question (publishing one the gate held, sending one
back to review) marks it ``edited``, like an edit does: a later import of a changed text
re-runs the gate on generated questions, and must not undo what an admin decided.

Learner flags live in ``quiz``, which ``content`` never imports: flags are reached here only
through the reverse relation ``Question.flags`` and the querysets the caller passes in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Case, Count, F, Q, QuerySet, Value, When
from django.utils import timezone

from content import pipeline
from content.models import Question, Report, Sentence
from content.pipeline.normalize import answer_matches, same_answer
from content.pipeline.types import FILL_IN, FLASHCARD, MULTIPLE_CHOICE, TRUE_FALSE

# Regenerating is an import of one question: it reuses the import's own update steps, so
# the two can never disagree about what "the generated version" of a question is.
from content.services import _question_values, _sync_topics, _update_generated

BLANK = "_____"
TRUE_FALSE_ANSWERS = ("True", "False")
MAX_CHOICES = 4  # learners pick with the keys A-D

# What the quality gate's reasons mean, in the admin's words.
REASON_LABELS = {
    "answer_not_in_source": "The answer is not stated in the source sentence.",
    "false_statement_not_one_change": "The false statement changes more (or less) than one fact.",
    "prompt_gives_answer_away": "The question gives the answer away.",
    "choices_not_distinct": "Two choices are the same answer.",
    "not_exactly_one_correct": "The choices don't have exactly one correct answer.",
    "distractor_kind_mismatch": "A wrong choice is not of the answer's kind or size.",
    "web_chrome": "Web page text (credits, links, navigation) got into the question.",
    "malformed_stem": "The question is not a well-formed sentence or question.",
    "trick_wording": "Trick wording (NOT, EXCEPT, all/none of the above, an added negation).",
    "no_topic": "The question has no topic.",
    "bad_explanation": "The explanation is missing or too long.",
    "lost_time_frame": "A time word (\u201cthe same month\u201d, \u201cdays later\u201d) lost "
    "what it refers to.",
    "needs_context": "The question leans on an earlier sentence it does not show "
    "(\u201che\u201d, \u201cthe defendants\u201d, \u201cthese measures\u201d).",
    "lost_attribution": "The source says whose claim this is (or cites a reference in full); "
    "the question dropped it.",
    "style": "A style slip: a capital after the lead-in, a dangling connective, "
    "\u201ca\u201d/\u201can\u201d, brackets or quotes, or a run-in label.",
    "broken_trim": "Trimming the sentence broke it or dropped the condition it depends on.",
    "answer_given_by_related_form": "The question names the answer in another form "
    "(demonym, acronym, a word of the name).",
    "partial_gloss": "The card gives only part of what the acronym stands for.",
    "trivial_blank": "The blank asks nothing worth knowing (the chapter's year, half a range, "
    "a label).",
}
GATE_REASONS = frozenset(REASON_LABELS)
REASON_LABELS["flagged_by_learners"] = "Learners reported problems with it (their flags are below)."


def reason_label(code: str) -> str:
    return REASON_LABELS.get(code, code.replace("_", " ").capitalize())


# --- validation -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One reason a question cannot be saved or published; ``field`` is where it shows."""

    field: str  # "answer", "prompt", "choices", "topics" or "sentence"
    message: str

    def __str__(self) -> str:
        return self.message


def answer_problems(*, type: str, prompt: str, answer: str) -> list[Problem]:
    """The rules on the question's own fields (no choices needed)."""
    problems = []
    if type == TRUE_FALSE and answer not in TRUE_FALSE_ANSWERS:
        problems.append(Problem("answer", 'A true/false answer must be "True" or "False".'))
    if type == FILL_IN:
        if not answer_matches(answer, answer):
            problems.append(
                Problem(
                    "answer",
                    "This answer could never be typed correctly: it needs letters or digits "
                    "that the grader can compare.",
                )
            )
        if prompt.count(BLANK) != 1:
            problems.append(
                Problem("prompt", f"A fill-in question needs exactly one blank, {BLANK}.")
            )
    return problems


def choice_problems(
    *, type: str, answer: str, choices: Sequence[tuple[str, bool]]
) -> list[Problem]:
    """The rules on the choices, given as (text, is_correct) pairs, for the question's type."""
    correct = [text for text, is_correct in choices if is_correct]
    problems = []

    def problem(message: str) -> None:
        problems.append(Problem("choices", message))

    if type == MULTIPLE_CHOICE:
        if len(correct) != 1:
            problem(f"Mark exactly one choice as correct ({len(correct)} marked).")
        if len(choices) - len(correct) < 2:
            problem("A multiple-choice question needs at least two wrong choices.")
        if len(choices) > MAX_CHOICES:
            problem(f"At most {MAX_CHOICES} choices: learners pick them with the keys A–D.")
        texts = [text for text, _ in choices]
        for i, text in enumerate(texts):
            twin = next((other for other in texts[i + 1 :] if same_answer(text, other)), None)
            if twin is not None:
                problem(f"“{text}” and “{twin}” are the same answer once normalized.")
                break
        if len(correct) == 1 and correct[0] != answer:
            problem(f"The answer must be the text of the correct choice (“{correct[0]}”).")
    elif type == TRUE_FALSE:
        # No choices is fine: saving adds the True and False pair.
        if choices and (
            sorted(text for text, _ in choices) != sorted(TRUE_FALSE_ANSWERS) or correct != [answer]
        ):
            problem(
                'The choices of a true/false question are "True" and "False", and the '
                "correct one is the answer."
            )
    elif type in (FILL_IN, FLASHCARD) and choices:
        label = "fill-in" if type == FILL_IN else "flashcard"
        problem(f"A {label} question has no choices: delete them.")
    return problems


def question_problems(question: Question) -> list[Problem]:
    """Everything that stops a saved question from being published.

    Uses ``question.choices.all()`` and ``question.topics.all()``: prefetch them when
    checking many questions.
    """
    choices = [(c.text, c.is_correct) for c in question.choices.all()]
    problems = answer_problems(type=question.type, prompt=question.prompt, answer=question.answer)
    problems += choice_problems(type=question.type, answer=question.answer, choices=choices)
    if not question.topics.all():
        problems.append(Problem("topics", "File the question under at least one topic."))
    if not question.sentence.present:
        problems.append(
            Problem("sentence", "Its source sentence is no longer in the report's text.")
        )
    return problems


# --- status changes -------------------------------------------------------------------------


@dataclass
class ReviewResult:
    """What a status change did, by question id."""

    changed: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)  # already in that status
    skipped: dict[int, list[Problem]] = field(default_factory=dict)  # id -> why not


def _locked(questions: Iterable[Question] | QuerySet) -> list[Question]:
    if isinstance(questions, QuerySet):
        pks = list(questions.values_list("pk", flat=True))
    else:
        pks = [q.pk for q in questions]
    return list(
        Question.objects.filter(pk__in=pks)
        .select_for_update(of=("self",))
        .select_related("sentence")
        .prefetch_related("choices", "topics")
        .order_by("pk")
    )


def _set_status(pks: list[int], status: str, **extra) -> None:
    Question.objects.filter(pk__in=pks).update(
        status=status,
        # A generated question an admin decided on is the admin's now (see the module note).
        origin=Case(
            When(origin=Question.Origin.GENERATED, then=Value(Question.Origin.EDITED)),
            default=F("origin"),
        ),
        # The admin's decision, not an import's: no import may undo it.
        retired_by_import=False,
        updated_at=timezone.now(),
        **extra,
    )


@transaction.atomic
def question_publish(*, questions: Iterable[Question] | QuerySet) -> ReviewResult:
    """Publish the questions that pass validation; report the others with their problems.

    Publishing clears the gate's review reasons: an admin has looked and vouches for it.
    """
    result = ReviewResult()
    for question in _locked(questions):
        problems = question_problems(question)
        if problems:
            result.skipped[question.pk] = problems
        elif question.status == Question.Status.PUBLISHED:
            result.unchanged.append(question.pk)
        else:
            result.changed.append(question.pk)
    _set_status(result.changed, Question.Status.PUBLISHED, review_reasons=[])
    return result


@transaction.atomic
def question_send_to_review(*, questions: Iterable[Question] | QuerySet) -> ReviewResult:
    """Take questions away from learners until an admin publishes them again."""
    return _move(questions, Question.Status.NEEDS_REVIEW)


@transaction.atomic
def question_retire(*, questions: Iterable[Question] | QuerySet) -> ReviewResult:
    """Retire questions for good: learners never see them again and imports never revive
    them. Rows stay, so learners' answers keep their question."""
    return _move(questions, Question.Status.RETIRED)


def _move(questions: Iterable[Question] | QuerySet, status: str) -> ReviewResult:
    result = ReviewResult()
    for question in _locked(questions):
        # Retired by an import, a question comes back when its source does; retired by
        # an admin, it stays retired: so an admin's "retire" on it still changes something.
        same = question.status == status and not question.retired_by_import
        (result.unchanged if same else result.changed).append(question.pk)
    _set_status(result.changed, status)
    return result


# --- regenerate -----------------------------------------------------------------------------


@dataclass
class RegenerateResult:
    updated: list[int] = field(default_factory=list)  # the generator's new version was written
    unchanged: list[int] = field(default_factory=list)  # the generator makes it the same
    edited: list[int] = field(default_factory=list)  # an admin's question: left alone
    retired: list[int] = field(default_factory=list)  # retired: left alone
    not_produced: list[int] = field(default_factory=list)  # the generator no longer makes it
    failed: dict[str, str] = field(default_factory=dict)  # report slug -> pipeline error


@transaction.atomic
def question_regenerate(*, questions: Iterable[Question] | QuerySet) -> RegenerateResult:
    """Re-run the pipeline on each question's report text and rewrite the question from
    the generated one with the same fingerprint, exactly as an import would.

    Edited and hand-written questions are never touched, nor retired ones. A question
    with open learner flags stays in review whatever the gate says: the flags are for an
    admin to read.
    """
    result = RegenerateResult()
    by_report: dict[int, list[Question]] = {}
    for question in _locked(questions):
        if question.origin != Question.Origin.GENERATED:
            result.edited.append(question.pk)
        elif question.status == Question.Status.RETIRED:
            result.retired.append(question.pk)
        else:
            by_report.setdefault(question.report_id, []).append(question)
    candidates = Question.objects.filter(pk__in=[q.pk for qs in by_report.values() for q in qs])
    flagged = set(
        candidates.annotate(open_flags=Count("flags", filter=Q(flags__resolved_at__isnull=True)))
        .filter(open_flags__gt=0)
        .values_list("pk", flat=True)
    )
    # Learners' answers point at choices: like an import, keep an answered question's rows.
    answered = set(candidates.filter(answers__isnull=False).values_list("pk", flat=True).distinct())
    for report in Report.objects.filter(pk__in=by_report).order_by("pk"):
        _regenerate_report(report, by_report[report.pk], flagged, answered, result)
    return result


def _regenerate_report(
    report: Report,
    questions: list[Question],
    flagged: set[int],
    answered: set[int],
    result: RegenerateResult,
) -> None:
    try:
        bank = pipeline.build_bank(report.raw_text, title=report.title, period=report.period)
    except pipeline.PipelineError as exc:
        result.failed[report.slug] = str(exc)
        result.not_produced += [q.pk for q in questions]
        return
    items = {item.fingerprint: item for item in bank.questions}
    topics = _sync_topics(bank.topics)
    sentences = {
        s.text: s for s in Sentence.objects.filter(report=report, present=True).order_by("-pk")
    }
    by_index = {s.index: sentences[s.text] for s in bank.document.sentences if s.text in sentences}
    for question in questions:
        item = items.get(question.fingerprint) if question.fingerprint else None
        source = bank.document.sentences[item.sentence_index].text if item else ""
        sentence = question.sentence if question.sentence.text == source else sentences.get(source)
        if item is None or sentence is None or not _fits(item):
            result.not_produced.append(question.pk)
            continue
        values = _question_values(item)
        if question.pk in flagged:
            values["status"] = Question.Status.NEEDS_REVIEW
            # The gate's verdict is new; other reasons (learners' flags) still stand.
            kept = [r for r in question.review_reasons if r not in GATE_REASONS]
            values["review_reasons"] = [*values["review_reasons"], *kept]
        changed = _update_generated(
            question, item, sentence, values, topics, by_index, keep_choices=question.pk in answered
        )
        (result.updated if changed else result.unchanged).append(question.pk)


def _fits(item) -> bool:
    """Whether the generated answer and choices fit the columns (as the import requires)."""
    limit = Question._meta.get_field("answer").max_length
    return len(item.answer) <= limit and all(len(c.text) <= limit for c in item.choices)


# --- learner flags --------------------------------------------------------------------------


@transaction.atomic
def flag_resolve(*, flags: QuerySet, user) -> int:
    """Close the open flags among ``flags`` (a queryset of learner flags); return how many.

    The question's status is left as it is: publishing it again is a separate decision.
    """
    return flags.filter(resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=user
    )
