"""python manage.py import_report PATH [--title TITLE] [--period PERIOD] [--slug SLUG]
[--show-dropped]"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.text import slugify

from content.models import Report
from content.pipeline import PipelineError
from content.pipeline.blocks import DROP_REASONS
from content.services import MAX_REPORT_BYTES, ImportSummary, report_import

# Above this share of prose-like words left out, the summary warns: a body cut short
# (a heading mistaken for the end of the chapter) shows up here first.
WARN_PROSE_DROPPED = 0.03


class Command(BaseCommand):
    help = (
        "Import a report chapter (plain text, Markdown, a saved web page or a PDF) "
        "and generate its question bank."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="one chapter: .txt, .md, .html or .pdf")
        parser.add_argument("--title", help="the report's title, when the file has none")
        parser.add_argument("--period", help='e.g. "Events of 2018"')
        parser.add_argument("--slug", help="URL name; default: title and year")
        parser.add_argument(
            "--show-dropped",
            action="store_true",
            help="list every piece of the file left out of the chapter, with the reason",
        )

    def handle(
        self,
        *args,
        path: str,
        title: str | None,
        period: str | None,
        slug: str | None,
        show_dropped: bool = False,
        **options,
    ) -> None:
        if slug is not None and (not slug or slugify(slug) != slug):
            raise CommandError(f"--slug must be lowercase letters, digits and hyphens: {slug!r}")
        if title is not None and not title.strip():
            raise CommandError("--title must not be empty")
        file = Path(path)
        try:
            if file.is_file() and file.stat().st_size > MAX_REPORT_BYTES:
                raise CommandError(
                    f"{path}: the file is larger than {MAX_REPORT_BYTES // (1024 * 1024)} MB"
                )
            data = file.read_bytes()
        except FileNotFoundError:
            raise CommandError(f"no such file: {path}") from None
        except IsADirectoryError:
            raise CommandError(f"{path} is a directory, not a file") from None
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from None
        try:
            summary = report_import(
                data=data,
                source=file.name,
                title=title.strip() if title else None,
                period=period.strip() if period else None,
                slug=slug,
            )
        except PipelineError as exc:
            raise CommandError(f"{path}: {exc}") from None
        self.stdout.write(format_summary(summary))
        if show_dropped:
            self.stdout.write(format_dropped(summary.report))


def format_summary(summary: ImportSummary) -> str:
    """The one-screen summary of an import, as printed by the command and the admin."""
    report = summary.report
    if summary.unchanged:
        state = "unchanged (same text already imported)"
    else:
        state = "created" if summary.created else "updated"
    lines = [
        f"Report: {report.title}" + (f" — {report.period}" if report.period else ""),
        f"  slug {report.slug}: {state}",
        *format_intake(report),
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


def format_intake(report: Report) -> list[str]:
    """Lines on what was read and what was left out, by reason, with the warning."""
    if not report.source_format:
        return []
    pages = f", {report.pages} pages" if report.pages else ""
    dropped = report.words_read - report.words_kept
    lines = [
        f"  format: {report.source_format}{pages}",
        f"  words: {report.words_read:,} read, {report.words_kept:,} kept in the chapter, "
        f"{dropped:,} left out",
    ]
    for reason, words in sorted(report.words_dropped.items(), key=lambda rw: (-rw[1], rw[0])):
        if words:
            lines.append(f"    {DROP_REASONS.get(reason, reason)}: {words:,}")
    if report.prose_dropped_share > WARN_PROSE_DROPPED:
        lines.append(
            f"  warning: {report.prose_dropped_share:.1%} of the prose-like words were left out; "
            "check them with --show-dropped (or on the report's admin page)"
        )
    return lines


def format_dropped(report: Report) -> str:
    """Every piece left out, one per line: "[reason] text"."""
    if not report.dropped:
        return "Nothing was left out."
    lines = ["Left out:"]
    for text, reason in report.dropped:
        lines.append(f"  [{DROP_REASONS.get(reason, reason)}] {text}")
    return "\n".join(lines)
