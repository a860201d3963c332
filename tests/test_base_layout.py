"""The shared page frame: landmarks, skip link, vendored htmx, CSRF header, role navigation."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

HTMX = "vendor/htmx/htmx.min.js"


def page(client: Client, name: str = "home") -> BeautifulSoup:
    response = client.get(reverse(name))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def nav_links(soup: BeautifulSoup) -> set[str]:
    return {a["href"] for a in soup.select("header nav a")}


def test_the_page_has_one_of_each_landmark(client):
    soup = page(client)

    for landmark in ("header", "nav", "main", "footer"):
        assert len(soup.find_all(landmark)) == 1, landmark
    assert soup.html["lang"] == "en"


def test_the_skip_link_comes_first_and_targets_the_main_content(client):
    soup = page(client)

    first_link = soup.body.find("a")
    assert "skip-link" in first_link["class"]
    target = soup.find(id=first_link["href"].removeprefix("#"))
    assert target is not None
    assert target.name == "main"


def test_htmx_is_loaded_from_our_own_static_files(client):
    soup = page(client)

    sources = [script["src"] for script in soup.find_all("script", src=True)]
    assert sources == [static(HTMX)]


def test_the_htmx_script_is_served_at_its_static_address(client):
    response = client.get(static(HTMX))

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"var htmx=function()")


def test_the_vendored_htmx_is_version_2_with_its_licence():

    vendor_dir = finders.find("vendor/htmx")
    with open(f"{vendor_dir}/LICENSE", encoding="utf-8") as handle:
        assert "Zero-Clause BSD" in handle.read()
    with open(f"{vendor_dir}/VERSION", encoding="utf-8") as handle:
        assert handle.read().startswith("htmx.org 2.")


def test_our_stylesheet_is_linked_and_exists(client):
    soup = page(client)

    hrefs = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    assert hrefs == [static("css/site.css")]
    assert finders.find("css/site.css") is not None


def test_the_csrf_header_on_body_lets_an_htmx_post_through(student):
    client = Client(enforce_csrf_checks=True)
    client.force_login(student)
    headers = json.loads(page(client).body["hx-headers"])

    refused = client.post(reverse("logout"), headers={"HX-Request": "true"})
    accepted = client.post(reverse("logout"), headers={"HX-Request": "true", **headers})

    assert refused.status_code == 403
    assert accepted.status_code == 302


def test_a_visitor_is_offered_sign_up_and_log_in(client):
    soup = page(client)

    header_links = {a["href"] for a in soup.select("header a")}
    assert {reverse("signup"), reverse("login")} <= header_links
    assert soup.select_one("header form") is None
    assert nav_links(soup) == {reverse("home"), reverse("reports")}


def test_a_student_sees_progress_but_not_teacher_or_admin_pages(student_client):
    soup = page(student_client)

    assert nav_links(soup) == {
        reverse("home"),
        reverse("reports"),
        reverse("quiz_setup"),
        reverse("flashcards"),
        reverse("progress"),
        reverse("my_classes"),
    }
    assert soup.select_one(f"header form[action='{reverse('logout')}'][method='post']")


def test_a_teacher_also_sees_their_classes(teacher_client):
    assert nav_links(page(teacher_client)) == {
        reverse("home"),
        reverse("reports"),
        reverse("quiz_setup"),
        reverse("flashcards"),
        reverse("progress"),
        reverse("teach"),
    }


def test_an_admin_also_sees_review_and_the_admin_site(admin_client):
    assert nav_links(page(admin_client)) == {
        reverse("home"),
        reverse("reports"),
        reverse("quiz_setup"),
        reverse("flashcards"),
        reverse("progress"),
        reverse("my_classes"),
        reverse("staff"),
        reverse("admin:index"),
    }


def test_the_home_page_welcomes_a_logged_in_user_by_name(student_client, student):
    soup = page(student_client)

    assert soup.h1.get_text() == f"Welcome, {student.username}"


def test_a_missing_page_is_a_404_in_our_layout(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
