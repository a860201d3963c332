"""python manage.py import_report PATH [--title TITLE] [--period PERIOD] [--slug SLUG]"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.text import slugify

from content.pipeline import PipelineError
from content.services import ImportSummary, ReportFileError, report_import, report_text_from_bytes


class Command(BaseCommand):
    help = "Import a report chapter (plain text) and generate its question bank."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="UTF-8 text file of one chapter")
        parser.add_argument("--title", help="the report's title, when the text has none")
        parser.add_argument("--period", help='e.g. "Events of 2018"')
        parser.add_argument("--slug", help="URL name; default: title and year")

    def handle(
        self, *args, path: str, title: str | None, period: str | None, slug: str | None, **options
    ) -> None:
        if slug is not None and (not slug or slugify(slug) != slug):
            raise CommandError(f"--slug must be lowercase letters, digits and hyphens: {slug!r}")
        if title is not None and not title.strip():
            raise CommandError("--title must not be empty")
        file = Path(path)
        try:
            data = file.read_bytes()
        except FileNotFoundError:
            raise CommandError(f"no such file: {path}") from None
        except IsADirectoryError:
            raise CommandError(f"{path} is a directory, not a file") from None
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from None
        try:
            text = report_text_from_bytes(data)
            summary = report_import(
                raw_text=text,
                source=file.name,
                title=title.strip() if title else None,
                period=period.strip() if period else None,
                slug=slug,
            )
        except (ReportFileError, PipelineError) as exc:
            raise CommandError(f"{path}: {exc}") from None
        self.stdout.write(format_summary(summary))


def format_summary(summary: ImportSummary) -> str:
    report = summary.report
    if summary.unchanged:
        state = "unchanged (same text already imported)"
    else:
        state = "created" if summary.created else "updated"
    lines = [
        f"Report: {report.title}" + (f" — {report.period}" if report.period else ""),
        f"  slug {report.slug}: {state}",
        f"  sections: {summary.sections}",
        f"  sentences: {summary.sentences}",
        f"  questions published: {summary.published}",
        f"  questions held for review: {summary.needs_review}",
    ]
    for reason, count in sorted(summary.review_reasons.items(), key=lambda rc: (-rc[1], rc[0])):
        lines.append(f"    {reason}: {count}")
    if summary.retired:
        lines.append(f"  questions retired: {summary.retired}")
    if not summary.unchanged:
        lines.append(
            f"  this import: {summary.questions_created} new, {summary.questions_updated} updated, "
            f"{summary.questions_retired} retired, {summary.edited_kept} admin edits kept"
        )
    return "\n".join(lines)
