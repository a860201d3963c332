"""create_demo_accounts: three accounts to try the app with, only in DEBUG, never duplicated."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from quiz.roles import is_admin, is_teacher

pytestmark = pytest.mark.django_db

ACCOUNT_LINE = re.compile(r"^\s+(\w+)\s+(\S+) / (\S+)$", re.MULTILINE)


def create_demo_accounts() -> list[tuple[str, str, str]]:
    out = StringIO()
    call_command("create_demo_accounts", stdout=out)
    return ACCOUNT_LINE.findall(out.getvalue())


def test_the_printed_accounts_log_in_with_their_roles(settings):
    settings.DEBUG = True

    accounts = create_demo_accounts()

    assert sorted(role for role, _, _ in accounts) == ["admin", "student", "teacher"]
    for role, username, password in accounts:
        assert Client().login(username=username, password=password), username
        user = get_user_model().objects.get(username=username)
        assert is_teacher(user) == (role == "teacher")
        assert is_admin(user) == (role == "admin")


def test_running_it_twice_creates_nothing_new(settings):
    settings.DEBUG = True
    create_demo_accounts()
    count = get_user_model().objects.count()

    accounts = create_demo_accounts()

    assert get_user_model().objects.count() == count == 3
    assert all(Client().login(username=u, password=p) for _, u, p in accounts)


def test_it_restores_a_demo_password_that_was_changed(settings):
    settings.DEBUG = True
    [(_, username, password), *_] = create_demo_accounts()
    user = get_user_model().objects.get(username=username)
    user.set_password("changed-by-someone")
    user.save()

    create_demo_accounts()

    assert Client().login(username=username, password=password)


def test_it_refuses_when_debug_is_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DJANGO_DEBUG is off"):
        call_command("create_demo_accounts", stdout=StringIO())

    assert get_user_model().objects.count() == 0
