"""import_report: the summary, bad input (one-line error, nothing written), re-import."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from content.models import Choice, Question, Report, Section, Sentence, Topic

from .conftest import SEED_PATH

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_report", *args, stdout=out)
    return out.getvalue()


def assert_nothing_written() -> None:
    for model in (Report, Section, Sentence, Topic, Question, Choice):
        assert not model.objects.exists(), model.__name__


def summary_number(output: str, label: str) -> int:
    line = next(line for line in output.splitlines() if line.strip().startswith(label))
    return int(line.rsplit(":", 1)[1])


def test_the_seed_imports_with_a_summary_that_matches_the_database():
    output = run(str(SEED_PATH))

    report = Report.objects.get()
    assert report.title == "North Korea"
    assert report.period == "Events of 2018"
    assert report.slug == "north-korea-2018"
    assert summary_number(output, "sections") == report.sections.count() == 6
    assert summary_number(output, "sentences") == report.sentences.count()
    published = report.questions.filter(status="published").count()
    held = report.questions.filter(status="needs_review").count()
    assert summary_number(output, "questions published") == published >= 60
    assert summary_number(output, "questions held for review") == held
    # Every reason held questions carry is listed with its count.
    reasons: dict[str, int] = {}
    for reasons_list in report.questions.filter(status="needs_review").values_list(
        "review_reasons", flat=True
    ):
        for reason in reasons_list:
            reasons[reason] = reasons.get(reason, 0) + 1
    for reason, count in reasons.items():
        assert f"{reason}: {count}" in output
    assert len(output.splitlines()) <= 25, "the summary fits on one screen"


def test_title_period_and_slug_options_override_what_the_text_says(tmp_path):
    path = tmp_path / "chapter.txt"
    path.write_text(SEED_PATH.read_text(encoding="utf-8"), encoding="utf-8")

    run(str(path), "--title", "DPRK", "--period", "Events of 2018", "--slug", "dprk")

    report = Report.objects.get()
    assert (report.title, report.period, report.slug) == ("DPRK", "Events of 2018", "dprk")
    assert report.source == "chapter.txt"


def test_importing_the_same_file_twice_says_unchanged_and_writes_nothing_new():
    run(str(SEED_PATH))
    before = {q.pk: q.updated_at for q in Question.objects.all()}

    output = run(str(SEED_PATH))

    assert "unchanged" in output
    assert {q.pk: q.updated_at for q in Question.objects.all()} == before
    assert Report.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\n \t\n", "empty"),
        (b"North Korea\x00\x01\x02binary", "binary"),
        ("Corée du Nord: événements".encode("latin-1"), "UTF-8"),
        (b"North Korea\n\nEvents of 2018\n\nKeynote\n\nEssays\n\nForced Labor\n", "prose"),
    ],
    ids=["empty", "blank", "binary", "latin-1", "no-prose"],
)
def test_bad_files_end_with_a_one_line_error_and_write_nothing(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)

    with pytest.raises(CommandError) as excinfo:
        run(str(path))

    assert message.lower() in str(excinfo.value).lower()
    assert "\n" not in str(excinfo.value)
    assert_nothing_written()


def test_a_missing_file_or_a_directory_is_refused(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run(str(tmp_path / "nope.txt"))
    with pytest.raises(CommandError, match="directory"):
        run(str(tmp_path))
    assert_nothing_written()


def test_a_text_without_a_title_needs_the_title_option(tmp_path):
    body = SEED_PATH.read_text(encoding="utf-8").split("Changing the Terms of Engagement", 1)[1]
    path = tmp_path / "untitled.txt"
    path.write_text(body.split("\n", 1)[1], encoding="utf-8")

    with pytest.raises(CommandError, match="--title"):
        run(str(path))
    assert_nothing_written()

    run(str(path), "--title", "North Korea", "--period", "Events of 2018")
    assert Report.objects.get().title == "North Korea"


def test_a_bad_slug_is_refused_before_anything_is_read():
    with pytest.raises(CommandError, match="--slug"):
        run(str(SEED_PATH), "--slug", "Not A Slug!")
    assert_nothing_written()


def test_the_command_line_exits_non_zero_without_a_traceback(tmp_path):
    database = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    env = {**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": database}
    result = subprocess.run(
        [sys.executable, "manage.py", "import_report", str(tmp_path / "missing.txt")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "missing.txt" in result.stderr
