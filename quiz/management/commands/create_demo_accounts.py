"""Create one student, one teacher and one admin to try the app with (DEBUG only).

Running it again resets their passwords and roles to the ones printed, and creates nothing new.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from quiz.roles import TEACHERS_GROUP


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str


# Also written in the README; these passwords are public, hence DEBUG only.
DEMO_ACCOUNTS = (
    DemoAccount("student", "student-demo", "student"),
    DemoAccount("teacher", "teacher-demo", "teacher"),
    DemoAccount("admin", "admin-demo", "admin"),
)


class Command(BaseCommand):
    help = "Create demo student, teacher and admin accounts (only when DJANGO_DEBUG is on)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "Refusing to create demo accounts with public passwords while DJANGO_DEBUG is off."
            )
        with transaction.atomic():
            for account in DEMO_ACCOUNTS:
                self._save(account)
        self.stdout.write("Demo accounts (username / password):")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.role:<8} {account.username} / {account.password}")

    def _save(self, account: DemoAccount) -> None:
        user, _ = get_user_model().objects.get_or_create(username=account.username)
        user.set_password(account.password)
        user.is_active = True
        user.is_staff = user.is_superuser = account.role == "admin"
        user.save()
        teachers, _ = Group.objects.get_or_create(name=TEACHERS_GROUP)
        if account.role == "teacher":
            user.groups.add(teachers)
        else:
            user.groups.remove(teachers)
