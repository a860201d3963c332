"""Forms for accounts; quiz and class forms join them in later issues."""

from __future__ import annotations

from django.contrib.auth.forms import UserCreationForm


class SignUpForm(UserCreationForm):
    """A username and a password twice; the new account is a student (no group, not staff).

    Django's form already refuses a username that differs from an existing one only by case.
    """

    class Meta(UserCreationForm.Meta):
        fields = ("username",)
