"""Sign up, log in, log out and change password, through the real forms."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user, get_user_model
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from quiz.roles import is_admin, is_teacher
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "another-long-passphrase"


def signup_data(username: str = "newcomer", password: str = PASSWORD) -> dict[str, str]:
    return {"username": username, "password1": password, "password2": password}


def logged_in_user(client):
    return get_user(client)


def test_signing_up_creates_a_student_and_logs_them_in(client):
    response = client.post(reverse("signup"), signup_data())

    assert response.status_code == 302
    assert response.url == reverse("home")
    user = get_user_model().objects.get(username="newcomer")
    assert not is_teacher(user)
    assert not is_admin(user)
    assert not user.is_superuser
    assert logged_in_user(client) == user


def test_signing_up_welcomes_the_new_student_on_the_home_page(client):
    response = client.post(reverse("signup"), signup_data(), follow=True)

    assert "Welcome, newcomer. Your account is ready." in response.content.decode()


def test_signing_up_follows_a_safe_next_link_but_not_an_outside_one(client):
    safe = client.post(reverse("signup"), {**signup_data("one"), "next": "/study/"})
    client.logout()
    outside = client.post(
        reverse("signup"), {**signup_data("two"), "next": "https://evil.example.com/"}
    )

    assert safe.url == "/study/"
    assert outside.url == reverse("home")


def test_a_taken_username_is_an_error_on_the_form_not_a_crash(client, student):
    response = client.post(reverse("signup"), signup_data(username=student.username.upper()))

    assert response.status_code == 200
    assert "A user with that username already exists." in response.content.decode()
    assert get_user_model().objects.filter(username__iexact=student.username).count() == 1
    assert isinstance(logged_in_user(client), AnonymousUser)


def test_mismatched_passwords_are_refused(client):
    data = {**signup_data(), "password2": "something-else-entirely"}

    response = client.post(reverse("signup"), data)

    assert response.status_code == 200
    assert "fields didn’t match" in response.content.decode()
    assert not get_user_model().objects.filter(username="newcomer").exists()


def test_a_logged_in_user_visiting_sign_up_goes_home(student_client):
    response = student_client.get(reverse("signup"))

    assert response.status_code == 302
    assert response.url == reverse("home")


def test_logging_in_with_the_right_password_goes_home_logged_in(client, student):
    response = client.post(reverse("login"), {"username": student.username, "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert logged_in_user(client) == student


def test_logging_in_returns_to_the_page_that_asked_for_it(client, student):
    response = client.post(
        reverse("login"),
        {"username": student.username, "password": PASSWORD, "next": reverse("progress")},
    )

    assert response.url == reverse("progress")


def test_logging_in_with_a_wrong_password_shows_an_error(client, student):
    response = client.post(reverse("login"), {"username": student.username, "password": "nope"})

    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert isinstance(logged_in_user(client), AnonymousUser)


def test_logging_out_takes_a_post_and_ends_the_session(student_client):
    response = student_client.post(reverse("logout"))

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert isinstance(logged_in_user(student_client), AnonymousUser)


def test_logging_out_by_get_is_refused_and_keeps_the_session(student_client, student):
    response = student_client.get(reverse("logout"))

    assert response.status_code == 405
    assert logged_in_user(student_client) == student


def test_changing_the_password_keeps_the_user_logged_in_and_replaces_the_old_one(
    client, student_client, student
):
    response = student_client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert response.url == reverse("password_change_done")
    assert logged_in_user(student_client) == student
    assert not client.login(username=student.username, password=PASSWORD)
    assert client.login(username=student.username, password=NEW_PASSWORD)


def test_changing_the_password_needs_the_old_one(student_client, student):
    response = student_client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    assert "Your old password was entered incorrectly" in response.content.decode()
    student.refresh_from_db()
    assert student.check_password(PASSWORD)


def test_changing_the_password_needs_a_login(client):
    response = client.get(reverse("password_change"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
