"""Admin forms: the question form with its choices, and the report upload form.

The question's rules are ``content.review``'s (the publish action checks the same ones);
these forms only route each problem to the field or the choice list it belongs to. The
choices are validated in the inline formset because Django's admin cleans the question
form first and then the formset, whose ``instance`` already carries the new type and
answer.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify

from content.models import Question
from content.pipeline import PipelineError
from content.pipeline.read import detect_format
from content.review import TRUE_FALSE_ANSWERS, answer_problems, choice_problems
from content.services import MAX_REPORT_BYTES


class QuestionAdminForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = [
            "sentence",
            "type",
            "context",
            "prompt",
            "answer",
            "explanation",
            "topics",
            "status",
        ]
        widgets = {
            "prompt": forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"}),
            "explanation": forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"}),
            "context": forms.Textarea(attrs={"rows": 2, "class": "vLargeTextField"}),
        }

    def clean_answer(self) -> str:
        answer = self.cleaned_data["answer"].strip()
        if self.data.get("type") == Question.Type.TRUE_FALSE:
            # "true" and "FALSE" mean what they say; store the canonical spelling.
            answer = next((a for a in TRUE_FALSE_ANSWERS if a.lower() == answer.lower()), answer)
        return answer

    def clean_prompt(self) -> str:
        return self.cleaned_data["prompt"].strip()

    def clean_sentence(self):
        sentence = self.cleaned_data["sentence"]
        if sentence is not None and not sentence.present and self.instance.pk is None:
            raise ValidationError("This sentence is no longer in its report's text.")
        return sentence

    def clean(self) -> dict:
        cleaned = super().clean()
        if {"type", "prompt", "answer"} <= cleaned.keys():
            for problem in answer_problems(
                type=cleaned["type"], prompt=cleaned["prompt"], answer=cleaned["answer"]
            ):
                self.add_error(problem.field, problem.message)
        publishing = cleaned.get("status") == Question.Status.PUBLISHED or "_publish" in self.data
        sentence = cleaned.get("sentence") or getattr(self.instance, "sentence", None)
        if publishing and sentence is not None and not sentence.present:
            self.add_error(
                None,
                "It can't be published: its source sentence is no longer in the report's text.",
            )
        return cleaned


class ChoiceInlineFormSet(forms.BaseInlineFormSet):
    """The question's choices, checked against its (new) type and answer."""

    def clean(self) -> None:
        super().clean()
        if any(form.errors for form in self.forms):
            return  # each bad row already says what is wrong
        choices = [
            (form.cleaned_data["text"].strip(), bool(form.cleaned_data.get("is_correct")))
            for form in self.forms
            if form.cleaned_data
            and form.cleaned_data.get("text")
            and not form.cleaned_data.get("DELETE")
        ]
        question = self.instance
        problems = choice_problems(type=question.type, answer=question.answer, choices=choices)
        if problems:
            raise ValidationError([p.message for p in problems])
        for form in self.forms:
            if "text" in form.changed_data:
                # The sentence that gave the old value says nothing of the new one.
                form.instance.sentence = None


class ReportUploadForm(forms.Form):
    """A chapter file (text, Markdown, web page or PDF), with what it may not say itself."""

    file = forms.FileField(
        help_text="One chapter as plain text (UTF-8), Markdown, a saved web page (.html) or a "
        f"PDF with a text layer, at most {MAX_REPORT_BYTES // (1024 * 1024)} MB."
    )
    title = forms.CharField(
        required=False,
        max_length=200,
        help_text="Only when the text has no title line, or to override it (e.g. North Korea).",
    )
    period = forms.CharField(required=False, max_length=100, help_text='e.g. "Events of 2018".')
    slug = forms.CharField(
        required=False,
        max_length=120,
        help_text="Which report this file re-imports into. Default: title and year "
        "(north-korea-2018).",
    )

    def clean_file(self) -> bytes:
        """The file's bytes, once its size and kind are acceptable."""
        upload = self.cleaned_data["file"]
        if upload.size > MAX_REPORT_BYTES:
            # Checked before reading, so a huge upload is never loaded into memory.
            raise ValidationError(
                f"The file is larger than {MAX_REPORT_BYTES // (1024 * 1024)} MB."
            )
        data = upload.read()
        try:
            detect_format(data, upload.name or "")
        except PipelineError as exc:
            raise ValidationError(f"This file can't be imported: {exc}") from None
        if not data.strip():
            raise ValidationError("This file can't be imported: the file is empty.")
        return data

    def clean_title(self) -> str | None:
        return self.cleaned_data["title"].strip() or None

    def clean_period(self) -> str | None:
        return self.cleaned_data["period"].strip() or None

    def clean_slug(self) -> str | None:
        slug = self.cleaned_data["slug"].strip()
        if slug and slugify(slug) != slug:
            raise ValidationError(
                "Use lowercase letters, digits and hyphens only, e.g. north-korea-2018."
            )
        return slug or None
