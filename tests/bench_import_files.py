"""make bench, import of real files: the development corpus and a 100+ page PDF.

Prints ``bench: import-corpus files=N seconds=S input_mb=M`` (every chapter in
tests/pipeline/corpus/, saved web pages, Markdown and PDF text, imported one after the
other as ``import_report`` does) and ``bench: import-pdf pages=N seconds=S`` for
tests/fixtures/pdf/bench-100.pdf (the whole import; ``read_seconds`` is the PDF text
layer alone, through PDFium). Target: a 100-page PDF in under 5 s on the 2-core machine.
"""

from __future__ import annotations

import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "pipeline" / "corpus"
PDF = HERE / "fixtures" / "pdf" / "bench-100.pdf"


def run() -> None:
    from content.pipeline import build_bank
    from content.pipeline.read_pdf import pdf_lines
    from content.services import report_import

    files = sorted(
        p for p in CORPUS.iterdir() if p.suffix in (".html", ".md", ".txt") and p.stem != "README"
    )
    size = sum(p.stat().st_size for p in files)
    # Libraries the pipeline loads once per process (word lists, country data, inflect's
    # ~4 s import) are loaded first and timed on their own: ``warmup_seconds``.
    started = time.perf_counter()
    build_bank(files[0].read_bytes(), filename=files[0].name)
    warmup = time.perf_counter() - started
    started = time.perf_counter()
    for i, path in enumerate(files):
        report_import(data=path.read_bytes(), source=path.name, slug=f"bench-corpus-{i}")
    seconds = time.perf_counter() - started
    print(
        f"bench: import-corpus files={len(files)} seconds={seconds:.3f} "
        f"input_mb={size / 1024 / 1024:.3f} warmup_seconds={warmup:.3f}",
        flush=True,
    )

    data = PDF.read_bytes()
    started = time.perf_counter()
    pages = pdf_lines(data).pages
    read_seconds = time.perf_counter() - started
    started = time.perf_counter()
    report_import(data=data, source=PDF.name, slug="bench-pdf-100")
    seconds = time.perf_counter() - started
    print(
        f"bench: import-pdf pages={pages} seconds={seconds:.3f} read_seconds={read_seconds:.3f} "
        f"input_mb={len(data) / 1024 / 1024:.3f}",
        flush=True,
    )
