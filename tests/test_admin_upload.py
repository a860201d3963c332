"""Uploading a report from the admin: the same import as the command, with its summary;
a bad file is refused with a clear message and writes nothing."""

from __future__ import annotations

import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from content.models import Choice, Question, Report, Section, Sentence, Topic
from content.services import MAX_REPORT_BYTES
from tests.factories import StaffFactory
from tests.test_admin_questions import SEED_PATH

pytestmark = pytest.mark.django_db

UPLOAD = reverse("admin:content_report_upload")
ADMIN_LOGIN = reverse("admin:login")

# A chapter in the "World Report YEAR - Country" layout, written for these tests.
SMALL_CHAPTER = """World Report 2020 - Norland

Norland's government detained at least 40 journalists in 2019, according to local groups.
The authorities held them in the Vestby detention center, where guards beat several of them.
In March 2019, parliament passed a law that lets the police hold suspects for 30 days
without charge.

Freedom of Expression

Norland blocked 12 news websites in 2019. The Norland Press Union said that 5 reporters
left the country after threats. A court fined the newspaper Dagbladet 20,000 euros for
a report on corruption.
"""


def upload(client, content: bytes, name: str = "chapter.txt", **fields):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, content), **fields})


def rows() -> dict[str, int]:
    """How many rows of each kind the bank holds."""
    models = [Report, Section, Sentence, Topic, Question, Choice, LogEntry]
    return {model.__name__: model.objects.count() for model in models}


def errors_of(response) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(e.get_text(" ") for e in soup.select(".errorlist"))


def summary_of(response) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    summary = soup.select_one("pre.rc-summary")
    return summary.get_text() if summary else ""


def test_the_upload_page_shows_the_form(admin_client):
    response = admin_client.get(UPLOAD)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.select_one("form[enctype='multipart/form-data']")
    assert form["action"] == UPLOAD
    for name in ("file", "title", "period", "slug"):
        assert soup.select_one(f"label[for=id_{name}]"), name
        assert form.select_one(f"[name={name}]"), name


def test_the_report_list_leads_to_the_upload_page(admin_client):
    soup = BeautifulSoup(
        admin_client.get(reverse("admin:content_report_changelist")).content, "html.parser"
    )
    assert soup.select_one(".object-tools a")["href"] == UPLOAD
    assert admin_client.get(reverse("admin:content_report_add"))["Location"] == UPLOAD


def test_uploading_the_seed_imports_it_and_shows_the_summary(admin_client, admin_user):
    response = upload(admin_client, SEED_PATH.read_bytes(), name="north-korea-2018.txt")

    assert response.status_code == 302
    assert response["Location"] == UPLOAD  # a reload never imports twice
    report = Report.objects.get()
    assert (report.slug, report.title, report.source) == (
        "north-korea-2018",
        "North Korea",
        "north-korea-2018.txt",
    )
    page = admin_client.get(UPLOAD)
    summary = summary_of(page)
    published = report.questions.filter(status="published").count()
    assert summary.startswith(
        "Report: North Korea — Events of 2018\n  slug north-korea-2018: created"
    )
    assert f"questions published: {published}" in summary
    assert f"sections: {report.sections.count()}" in summary
    links = BeautifulSoup(page.content, "html.parser").select(".messagelist a")
    assert links[0]["href"] == f"{reverse('admin:content_question_changelist')}?report={report.pk}"
    entry = LogEntry.objects.get(object_id=str(report.pk))
    assert (entry.user, entry.action_flag) == (admin_user, ADDITION)


def test_the_upload_is_the_same_import_as_the_command(admin_client):
    upload(admin_client, SEED_PATH.read_bytes(), slug="by-upload")
    call_command("import_report", str(SEED_PATH), slug="by-command", stdout=io.StringIO())

    def bank(slug: str) -> list:
        questions = Question.objects.filter(report__slug=slug)
        return sorted(questions.values_list("fingerprint", "type", "prompt", "answer", "status"))

    assert bank("by-upload") == bank("by-command")
    assert len(bank("by-upload")) > 60


def test_uploading_the_same_file_again_changes_nothing_and_says_so(admin_client):
    upload(admin_client, SEED_PATH.read_bytes())
    admin_client.get(UPLOAD)  # read the first summary
    before = rows()

    upload(admin_client, SEED_PATH.read_bytes())

    assert rows() == before
    assert "unchanged (same text already imported)" in summary_of(admin_client.get(UPLOAD))


def test_title_period_and_slug_from_the_form_are_used(admin_client):
    text = SMALL_CHAPTER.replace("World Report 2020 - Norland\n\n", "")

    response = upload(
        admin_client,
        text.encode(),
        title="Norland",
        period="Events of 2019",
        slug="norland-test",
    )

    assert response.status_code == 302, errors_of(response)
    report = Report.objects.get()
    assert (report.title, report.period, report.slug) == (
        "Norland",
        "Events of 2019",
        "norland-test",
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "This file can't be imported: The file is binary"),
        ("Norland café".encode("latin-1"), "This file can't be imported: The file is not UTF-8"),
        (b"", "The submitted file is empty."),
        (b"  \n\n  \n", "This file can't be imported: the file is empty."),
        (b"Home\nAbout\nDonate\n", "This file can't be imported: No paragraphs of prose found"),
        (b"x" * (MAX_REPORT_BYTES + 1), "The file is larger than 10 MB."),
    ],
    ids=["binary", "not-utf8", "empty", "blank", "no-prose", "too-large"],
)
def test_a_bad_file_gives_a_clear_message_and_writes_nothing(admin_client, content, message):
    upload(admin_client, SMALL_CHAPTER.encode(), slug="norland-2019")
    admin_client.get(UPLOAD)
    before = rows()

    response = upload(admin_client, content, slug="norland-2019")

    assert response.status_code == 400
    assert message in errors_of(response)
    assert "Nothing was imported." in response.content.decode()
    assert rows() == before


def test_no_file_at_all_is_refused(admin_client):
    response = admin_client.post(UPLOAD, {"title": "Norland"})
    assert response.status_code == 400
    assert "This field is required." in errors_of(response)
    assert not Report.objects.exists()


def test_a_bad_slug_is_refused(admin_client):
    response = upload(admin_client, SMALL_CHAPTER.encode(), slug="Norland 2019!")
    assert response.status_code == 400
    assert "Use lowercase letters, digits and hyphens only" in errors_of(response)
    assert not Report.objects.exists()


def test_a_text_without_a_title_needs_one(admin_client):
    text = SMALL_CHAPTER.replace("World Report 2020 - Norland\n\n", "")
    response = upload(admin_client, text.encode())
    assert response.status_code == 400
    assert "This file can't be imported:" in errors_of(response)
    assert not Report.objects.exists()


# --- who may upload ---------------------------------------------------------------------------


def test_staff_without_the_add_report_permission_cannot_upload(client):
    staff = StaffFactory(permissions=["content.view_report"])
    client.force_login(staff)
    assert client.get(UPLOAD).status_code == 403
    assert upload(client, SMALL_CHAPTER.encode()).status_code == 403
    assert not Report.objects.exists()


def test_staff_with_the_add_report_permission_can_upload(client):
    staff = StaffFactory(permissions=["content.add_report", "content.view_report"])
    client.force_login(staff)
    assert upload(client, SMALL_CHAPTER.encode()).status_code == 302
    assert Report.objects.count() == 1
    assert Permission.objects.filter(user=staff).count() == 2


@pytest.mark.parametrize("who", ["anonymous", "student", "teacher"])
def test_people_who_are_not_staff_are_sent_to_the_admin_login(client, who, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    for response in (client.get(UPLOAD), upload(client, SMALL_CHAPTER.encode())):
        assert response.status_code == 302
        assert response["Location"].startswith(ADMIN_LOGIN)
    assert not Report.objects.exists()
