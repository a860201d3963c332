"""make bench, PDF section: importing a 100+ page PDF (tests/fixtures/pdf/bench-100.pdf).

Prints ``bench: import-pdf pages=N seconds=S chars=C``. When ``report_import`` takes PDF
bytes (a ``data`` keyword), S is the whole import, run inside the bench's rolled-back
transaction; until then it is the PDF text layer alone (``content.pipeline.read_pdf``)
and the line says ``stage=read``.
"""

from __future__ import annotations

import inspect
import time
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "pdf" / "bench-100.pdf"


def run() -> None:
    from content.pipeline.read_pdf import pdf_lines
    from content.services import report_import

    data = FIXTURE.read_bytes()
    started = time.perf_counter()
    text = pdf_lines(data)
    read_seconds = time.perf_counter() - started
    chars = sum(len(line.text) for line in text.lines)
    if "data" in inspect.signature(report_import).parameters:
        started = time.perf_counter()
        report_import(data=data, source=FIXTURE.name, slug="bench-pdf-100")
        seconds = time.perf_counter() - started
        print(
            f"bench: import-pdf pages={text.pages} seconds={seconds:.3f} "
            f"read_seconds={read_seconds:.3f} chars={chars}",
            flush=True,
        )
    else:
        print(
            f"bench: import-pdf pages={text.pages} seconds={read_seconds:.3f} chars={chars} "
            "stage=read",
            flush=True,
        )
