"""python manage.py export_bank --format json|csv [--report SLUG] [--output FILE]"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from content.exporters import bank_as_csv, bank_as_json, exportable_questions
from content.models import Report


class Command(BaseCommand):
    help = "Export the question bank as JSON or CSV (to stdout, or to --output FILE)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", required=True, choices=["json", "csv"], dest="fmt")
        parser.add_argument("--report", metavar="SLUG", help="only this report")
        parser.add_argument("--output", metavar="FILE", help="write here instead of stdout")

    def handle(self, *args, fmt: str, report: str | None, output: str | None, **options) -> None:
        reports = Report.objects.all()
        if report is not None:
            reports = reports.filter(slug=report)
            if not reports.exists():
                raise CommandError(f"no report with slug {report!r}")
        if fmt == "json":
            payload = bank_as_json(reports)
        else:
            payload = bank_as_csv(exportable_questions(reports))
        if output is None:
            self.stdout.write(payload, ending="")
            return
        _write_atomically(Path(output), payload)
        self.stderr.write(f"Wrote {output}")


def _write_atomically(path: Path, payload: str) -> None:
    """A failed export never leaves a half-written file behind."""
    if path.is_dir():
        raise CommandError(f"{path} is a directory")
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise CommandError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(payload)
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise CommandError(f"cannot write {path}: {exc.strerror}") from None
