"""Forms of the class pages: a class's name, a join code, an assignment.

Forms check the shape of the input (and that every picked topic and question exists and is
published); the services in quiz.classrooms check the rules and have the last word.
"""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.db.models import Count, Q
from django.utils import timezone

from content.ids import parse_pk
from content.models import Question, QuestionStatus, Topic
from quiz.classrooms import MAX_ATTEMPTS, MAX_QUESTIONS, NAME_MAX, normalize_code
from quiz.models import Assignment

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class ClassroomForm(forms.Form):
    name = forms.CharField(
        label="Class name",
        max_length=NAME_MAX,
        help_text="For example “History 10B, spring term”. Students see it when they join.",
    )


class JoinForm(forms.Form):
    code = forms.CharField(
        label="Join code",
        max_length=30,
        help_text="8 letters and digits, from your teacher (the hyphen is optional).",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def clean_code(self) -> str:
        code = normalize_code(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError("Type the join code your teacher gave you.")
        return code


class CheckedIdsMixin:
    """Refuses ids that cannot be keys before they reach a query (an overlong number would
    overflow the column on SQLite and end in a server error instead of a form error)."""

    def _check_values(self, value):
        if self.to_field_name is None:
            for pk in value:
                if parse_pk(pk) is None:
                    raise forms.ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        return super()._check_values(value)


class TopicChoiceField(CheckedIdsMixin, forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Topic) -> str:
        count = getattr(obj, "published", None)
        return obj.name if count is None else f"{obj.name} ({count} questions)"


class QuestionChoiceField(CheckedIdsMixin, forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Question) -> str:
        return f"{obj.prompt} [{obj.get_type_display()}]"


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format=DATETIME_FORMAT)


class AssignmentForm(forms.Form):
    title = forms.CharField(max_length=200)
    topics = TopicChoiceField(
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Questions are drawn from these topics.",
    )
    questions = QuestionChoiceField(
        queryset=Question.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Or pick the questions yourself; picked questions replace the topics.",
    )
    question_count = forms.IntegerField(
        label="Number of questions", min_value=1, max_value=MAX_QUESTIONS, initial=10
    )
    mode = forms.ChoiceField(
        choices=Assignment.Mode.choices,
        initial=Assignment.Mode.QUIZ,
        widget=forms.RadioSelect,
        help_text="A flashcard deck never shows true/false questions.",
    )
    opens_at = forms.DateTimeField(label="Opens", widget=LocalDateTimeInput())
    due_at = forms.DateTimeField(label="Due", widget=LocalDateTimeInput())
    attempts_allowed = forms.IntegerField(
        label="Attempts allowed", min_value=1, max_value=MAX_ATTEMPTS, initial=1
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only topics with published questions, and only published questions, can be picked:
        # any other id (tampered or stale) is "not one of the available choices".
        self.fields["topics"].queryset = (
            Topic.objects.annotate(
                published=Count("questions", filter=Q(questions__status=QuestionStatus.PUBLISHED))
            )
            .filter(published__gt=0)
            .order_by("position", "name")
        )
        # What the labels and the section headings need, and the status the service checks;
        # never the report row, which holds the whole chapter twice.
        self.fields["questions"].queryset = (
            Question.objects.published()
            .select_related("sentence__section")
            .only(
                "id",
                "prompt",
                "type",
                "status",
                "sentence__id",
                "sentence__section__id",
                "sentence__section__heading",
            )
        )
        if not self.is_bound and "opens_at" not in self.initial:
            now = timezone.localtime().replace(second=0, microsecond=0)
            self.initial["opens_at"] = now
            self.initial["due_at"] = now + timedelta(days=7)

    @classmethod
    def initial_for(cls, assignment: Assignment) -> dict:
        return {
            "title": assignment.title,
            "topics": list(assignment.topics.all()),
            "questions": list(assignment.questions.all()),
            "question_count": assignment.question_count,
            "mode": assignment.mode,
            "opens_at": timezone.localtime(assignment.opens_at),
            "due_at": timezone.localtime(assignment.due_at),
            "attempts_allowed": assignment.attempts_allowed,
        }

    def clean(self) -> dict:
        data = super().clean()
        picked_nothing = not data.get("topics") and not data.get("questions")
        if picked_nothing and not self.has_error("topics") and not self.has_error("questions"):
            self.add_error("topics", "Pick at least one topic, or pick the questions by hand.")
        opens_at, due_at = data.get("opens_at"), data.get("due_at")
        if opens_at and due_at and due_at <= opens_at:
            self.add_error("due_at", "The due date must come after the opening date.")
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "topics": list(data["topics"]),
            "questions": list(data["questions"]),
            "question_count": data["question_count"],
            "mode": data["mode"],
            "opens_at": data["opens_at"],
            "due_at": data["due_at"],
            "attempts_allowed": data["attempts_allowed"],
        }
