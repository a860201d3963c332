"""factory-boy factories: the people who use Reportcard, the bank, and learners' work."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from quiz.roles import TEACHERS_GROUP

# Every factory-made user can log in with this password through the real log-in form.
PASSWORD = "a-long-test-passphrase"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(PASSWORD)


class StudentFactory(UserFactory):
    username = factory.Sequence(lambda n: f"student{n}")


class TeacherFactory(UserFactory):
    username = factory.Sequence(lambda n: f"teacher{n}")

    @factory.post_generation
    def teachers_group(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            group, _ = Group.objects.get_or_create(name=TEACHERS_GROUP)
            self.groups.add(group)


class AdminFactory(UserFactory):
    username = factory.Sequence(lambda n: f"admin{n}")
    is_staff = True
    is_superuser = True


# --- the question bank -------------------------------------------------------------------


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "content.Topic"
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"topic-{n}")
    name = factory.LazyAttribute(lambda t: t.slug.replace("-", " ").capitalize())
    description = "A topic made for a test."


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "content.Report"

    slug = factory.Sequence(lambda n: f"report-{n}")
    title = "Testland"
    period = "Events of 2018"
    raw_text = "Testland\n\nEvents of 2018\n\nTestland is a test."
    cleaned_text = "Testland is a test."
    checksum = factory.Sequence(lambda n: f"{n:064x}")
    generator_version = "test"
    imported_at = factory.LazyFunction(timezone.now)


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "content.Section"

    report = factory.SubFactory(ReportFactory)
    order = factory.Sequence(lambda n: n)
    heading = "Overview"
    start = 0
    end = 1_000_000


class SentenceFactory(factory.django.DjangoModelFactory):
    """A sentence; its offsets only point into the report's text if you make them."""

    class Meta:
        model = "content.Sentence"

    section = factory.SubFactory(SectionFactory)
    report = factory.SelfAttribute("section.report")
    position = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"In 2018, Testland held {n + 2} prisoners.")
    start = factory.Sequence(lambda n: n * 100)
    end = factory.LazyAttribute(lambda s: s.start + len(s.text))


class QuestionFactory(factory.django.DjangoModelFactory):
    """A published multiple-choice question with four choices (the first is correct).

    ``QuestionFactory(type="fill_in", choices=[])`` for a question without choices;
    ``topics=[topic, ...]`` to file it (default: one new topic).
    """

    class Meta:
        model = "content.Question"
        skip_postgeneration_save = True

    sentence = factory.SubFactory(SentenceFactory)
    report = factory.SelfAttribute("sentence.report")
    type = "multiple_choice"
    prompt = factory.Sequence(lambda n: f"According to the report, how many prisoners ({n})?")
    answer = "12"
    explanation = "The report says so."
    status = "published"
    origin = "generated"
    fingerprint = factory.Sequence(lambda n: f"fp-{n}")

    @factory.post_generation
    def choices(self, create: bool, extracted: list[tuple[str, bool]] | None, **kwargs) -> None:
        if not create:
            return
        if extracted is None:
            if self.type == "true_false":
                extracted = [("True", self.answer == "True"), ("False", self.answer == "False")]
            elif self.type == "multiple_choice":
                extracted = [(self.answer, True), ("7", False), ("16", False), ("30", False)]
            else:
                extracted = []
        for order, (text, correct) in enumerate(extracted):
            self.choices.create(text=text, is_correct=correct, order=order)

    @factory.post_generation
    def topics(self, create: bool, extracted: list | None, **kwargs) -> None:
        if create:
            self.topics.set(extracted if extracted is not None else [TopicFactory()])


# --- learners and classes ----------------------------------------------------------------


class QuizSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "quiz.QuizSession"

    user = factory.SubFactory(StudentFactory)
    mode = "quiz"
    shuffle_seed = factory.Sequence(lambda n: 1000 + n)
    length = 5


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "quiz.Answer"

    session = factory.SubFactory(QuizSessionFactory)
    user = factory.SelfAttribute("session.user")
    question = factory.SubFactory(QuestionFactory)
    is_correct = True
    rating = factory.LazyAttribute(lambda a: 3 if a.is_correct else 1)
    answered_at = factory.LazyFunction(timezone.now)


class ClassroomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "quiz.Classroom"

    teacher = factory.SubFactory(TeacherFactory)
    name = factory.Sequence(lambda n: f"Class {n}")
    join_code = factory.Sequence(lambda n: f"JOIN{n:06d}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "quiz.Membership"

    classroom = factory.SubFactory(ClassroomFactory)
    student = factory.SubFactory(StudentFactory)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "quiz.Assignment"
        skip_postgeneration_save = True

    classroom = factory.SubFactory(ClassroomFactory)
    title = factory.Sequence(lambda n: f"Assignment {n}")
    question_count = 5
    mode = "quiz"
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    due_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=6))
    attempts_allowed = 1

    @factory.post_generation
    def topics(self, create: bool, extracted: list | None, **kwargs) -> None:
        if create and extracted:
            self.topics.set(extracted)


class FlagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "quiz.Flag"

    question = factory.SubFactory(QuestionFactory)
    user = factory.SubFactory(StudentFactory)
    reason = "unclear"


# --- classes and assignments (teacher area) ----------------------------------------------


def topic_bank(topics: int = 2, per_topic: int = 6, type: str = "multiple_choice") -> list:
    """``topics`` new topics, each with ``per_topic`` published questions of one ``type``."""
    made = [TopicFactory() for _ in range(topics)]
    for topic in made:
        for _ in range(per_topic):
            answer = "True" if type == "true_false" else "12"
            QuestionFactory(type=type, answer=answer, topics=[topic])
    return made


def finish_attempt(session, *, right: bool | list[bool] = True, now=None) -> None:
    """Answer every question of ``session`` through the learner's services (right or wrong).

    ``right`` may be a list, one entry per question in session order. Flashcard sessions are
    graded Good (right) or Again (wrong).
    """
    from quiz.sessions import answer_submit, card_grade, lettered_choices

    items = list(session.items.select_related("question").order_by("position"))
    wanted = right if isinstance(right, list) else [right] * len(items)
    for item, ok in zip(items, wanted, strict=True):
        question = item.question
        if session.mode == "flashcards":
            card_grade(session=session, question=question, rating=3 if ok else 1, now=now)
            continue
        if question.type == "multiple_choice":
            letters = lettered_choices(session, question)
            response = next(letter for letter, c in letters if c.is_correct == ok)
        elif question.type == "true_false":
            other = "False" if question.answer == "True" else "True"
            response = question.answer if ok else other
        else:
            response = question.answer if ok else "something else entirely"
        answer_submit(session=session, question=question, response=response, now=now)


# --- admin staff -------------------------------------------------------------------------


class StaffFactory(UserFactory):
    """A staff user who is not a superuser, with only the permissions given:
    ``StaffFactory(permissions=["content.view_question", "content.change_question"])``."""

    username = factory.Sequence(lambda n: f"staff{n}")
    is_staff = True

    @factory.post_generation
    def permissions(self, create: bool, extracted: list[str] | None, **kwargs) -> None:
        from django.contrib.auth.models import Permission

        if not (create and extracted):
            return
        for name in extracted:
            app_label, codename = name.split(".")
            self.user_permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
