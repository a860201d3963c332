"""Who may do what: the three roles and the decorators that guard their pages.

- admin: a staff user (``is_staff``); reviews and edits the question bank.
- teacher: a member of the "Teachers" group, which an admin grants in the admin site.
- student: anyone else who is logged in; everyone who signs up starts here.

The roles are checked separately, not as a ladder: an admin who also teaches is given the
Teachers group, so a teacher's pages never show classes to someone who has none.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

TEACHERS_GROUP = "Teachers"

AnyUser = AbstractBaseUser | AnonymousUser
View = TypeVar("View", bound=Callable[..., HttpResponse])


def is_admin(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def is_teacher(user: AnyUser) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return user.groups.filter(name=TEACHERS_GROUP).exists()


def _role_required(check: Callable[[AnyUser], bool]) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return guarded  # type: ignore[return-value]

    return decorator


teacher_required = _role_required(is_teacher)
"""Anonymous visitors go to the log-in page; logged-in users who are not teachers get 403."""

admin_required = _role_required(is_admin)
"""Anonymous visitors go to the log-in page; logged-in users who are not staff get 403."""


def role_flags(request: HttpRequest) -> dict[str, Any]:
    """Template context: ``user_is_teacher`` and ``user_is_admin`` for the navigation.

    Lazy, so a page that never asks costs no query, and one that asks twice costs one.
    """
    return {
        "user_is_teacher": SimpleLazyObject(lambda: is_teacher(request.user)),
        "user_is_admin": SimpleLazyObject(lambda: is_admin(request.user)),
    }
