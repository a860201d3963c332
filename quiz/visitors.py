"""Visitors: studying without an account, and keeping that work on signing up.

A visitor is identified by a random key kept in their Django session (the session
cookie is the only thing in their browser). Their quiz sessions, answers and card
states carry that key instead of a user. When they log in or sign up, the
``user_logged_in`` signal (connected in ``QuizConfig.ready``) hands everything over
to the account.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest

from quiz.models import Answer, CardState, QuizSession

SESSION_KEY = "reportcard_visitor"


@dataclass(frozen=True)
class Owner:
    """Whose work it is: a user, or a visitor's key (exactly one of them)."""

    user: AbstractBaseUser | None = None
    visitor_key: str = ""

    def __post_init__(self) -> None:
        if (self.user is None) == (not self.visitor_key):
            raise ValueError("An owner is either a user or a visitor key.")

    @property
    def filter(self) -> Q:
        """Rows owned by this learner, for QuizSession and CardState."""
        if self.user is not None:
            return Q(user=self.user)
        return Q(user__isnull=True, visitor_key=self.visitor_key)

    @property
    def fields(self) -> dict:
        """The owner columns of a new QuizSession or CardState."""
        return {"user": self.user, "visitor_key": self.visitor_key}


def visitor_key(request: HttpRequest, *, create: bool = False) -> str:
    """The visitor's key from their session ("" if none), made on first use when ``create``."""
    key = request.session.get(SESSION_KEY, "")
    if not key and create:
        key = secrets.token_urlsafe(32)
        request.session[SESSION_KEY] = key
    return key


def owner_for(request: HttpRequest, *, create: bool = False) -> Owner | None:
    """The learner behind a request: the user, else the visitor (None for a new visitor)."""
    if request.user.is_authenticated:
        return Owner(user=request.user)
    key = visitor_key(request, create=create)
    return Owner(visitor_key=key) if key else None


@transaction.atomic
def visitor_handover(*, visitor_key: str, user: AbstractBaseUser) -> None:
    """Give a visitor's sessions, answers and card states to ``user``.

    Where the user already has a card for a question, the user's card stays and the
    visitor's is dropped: the account's history is the longer-lived one, and two FSRS
    states cannot be meaningfully averaged.
    """
    if not visitor_key:
        return
    sessions = QuizSession.objects.filter(user__isnull=True, visitor_key=visitor_key)
    Answer.objects.filter(session__in=sessions).update(user=user)
    sessions.update(user=user, visitor_key="")

    visitor_cards = CardState.objects.filter(user__isnull=True, visitor_key=visitor_key)
    users_card = CardState.objects.filter(user=user, question=OuterRef("question"))
    visitor_cards.filter(Exists(users_card)).delete()
    visitor_cards.update(user=user, visitor_key="")


def hand_over_on_login(sender, request: HttpRequest | None, user: AbstractBaseUser, **kwargs):
    """``user_logged_in`` receiver: the visitor's work becomes the account's."""
    if request is None or not hasattr(request, "session"):
        return
    key = request.session.pop(SESSION_KEY, "")
    if key:
        visitor_handover(visitor_key=key, user=user)
