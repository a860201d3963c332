"""The standing cast: two students, two teachers and an admin, and clients logged in as them."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.factories import AdminFactory, StudentFactory, TeacherFactory


@pytest.fixture
def student(db) -> User:
    return StudentFactory(username="ana")


@pytest.fixture
def other_student(db) -> User:
    return StudentFactory(username="ben")


@pytest.fixture
def teacher(db) -> User:
    return TeacherFactory(username="ms_kim")


@pytest.fixture
def other_teacher(db) -> User:
    return TeacherFactory(username="mr_lee")


@pytest.fixture
def admin_user(db) -> User:
    """Replaces pytest-django's own, so its ``admin_client`` logs in as this admin too."""
    return AdminFactory(username="root_admin")


@pytest.fixture
def student_client(student: User) -> Client:
    client = Client()
    client.force_login(student)
    return client


@pytest.fixture
def teacher_client(teacher: User) -> Client:
    client = Client()
    client.force_login(teacher)
    return client
