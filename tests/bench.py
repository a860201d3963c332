"""make bench: measurements printed as `bench: NAME key=value ...` lines.

Runs against a throwaway test database on whatever engine DATABASE_URL
selects (SQLite by default), never the development database. Numbers are
printed, not asserted: compare them run to run.
"""

from __future__ import annotations

import os
import random
import re
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED_PATH = ROOT / "content" / "reports" / "north-korea-2018.txt"

VARIANT_COUNTRIES = [
    "Burma", "Eritrea", "Syria", "Venezuela", "Cambodia", "Belarus", "Turkmenistan", "Cuba",
    "Laos", "Tajikistan", "Uzbekistan", "Zimbabwe", "Sudan", "Vietnam", "Iran", "Egypt",
    "Ethiopia", "Rwanda", "Bahrain", "Azerbaijan",
]  # fmt: skip


def chapter_variant(seed: str, index: int, target_chars: int = 15_500) -> str:
    """A chapter of the seed's kind that the importer has not seen.

    Another country, shifted years, rescaled figures, and body paragraphs
    reshuffled and repeated up to about ``target_chars``, so each variant
    yields its own sentences and questions.
    """
    rng = random.Random(index)
    country = VARIANT_COUNTRIES[index % len(VARIANT_COUNTRIES)]
    shift = index % 5

    def new_number(match: re.Match) -> str:
        raw = match.group(0)
        value = int(raw.replace(",", ""))
        if 1900 <= value <= 2030:
            return str(value + shift)
        scaled = max(2, value * rng.randint(80, 125) // 100)
        return f"{scaled:,}" if "," in raw else str(scaled)

    text = re.sub(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+\b", new_number, seed)
    text = text.replace("North Korea", country)
    head, sep, body = text.partition(f"{country} remains")
    paragraphs = [p for p in (sep + body).split("\n\n") if p.strip()]
    prose = [p for p in paragraphs if len(p) > 200]
    extra = []
    while len(text) + sum(len(p) + 2 for p in extra) < target_chars:
        extra.append(rng.choice(prose).replace("government", "authorities", 1))
    return text.rstrip() + "\n\nFurther Developments\n\n" + "\n\n".join(extra) + "\n"


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def bench_import() -> None:
    from content.services import report_import

    seed = SEED_PATH.read_text(encoding="utf-8")
    runs = iter(range(100))

    def import_seed_fresh() -> None:
        # A new slug each time: a first import, not the "unchanged" shortcut.
        report_import(raw_text=seed, slug=f"bench-seed-{next(runs)}")

    ms = median_ms(import_seed_fresh, repeat=5)
    print(f"bench: import-seed seconds={ms / 1000:.3f}", flush=True)

    variants = [chapter_variant(seed, i) for i in range(100)]
    for count in (10, 100):
        batch = variants[:count]
        size_mb = sum(len(v.encode("utf-8")) for v in batch) / 1_000_000
        started = time.perf_counter()
        for i, text in enumerate(batch):
            report_import(raw_text=text, slug=f"bench-{count}-{i}")
        seconds = time.perf_counter() - started
        # Memory is traced in a second pass: tracemalloc slows the code it watches.
        tracemalloc.start()
        for i, text in enumerate(batch):
            report_import(raw_text=text, slug=f"bench-mem-{count}-{i}")
        peak_mb = tracemalloc.get_traced_memory()[1] / 1_000_000
        tracemalloc.stop()
        print(
            f"bench: import-{count} seconds={seconds:.3f} peak_mb={peak_mb:.1f} "
            f"input_mb={size_mb:.2f} seconds_per_mb={seconds / size_mb:.3f}",
            flush=True,
        )


def sections(only: list[str]) -> list[Callable[[], None]]:
    """The import benchmark, then each tests/bench_*.py module's ``run()``, by file name;
    with names given (``python -m tests.bench import_files serve``), only the modules whose
    name contains one of them ("import" also selects the built-in import benchmark)."""
    import importlib

    found = [bench_import] if not only or any(n in "bench_import" for n in only) else []
    for path in sorted(Path(__file__).parent.glob("bench_*.py")):
        if not only or any(n in path.stem for n in only):
            found.append(importlib.import_module(f"tests.{path.stem}").run)
    return found


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # Development settings (no secret needed, plain static files, no HTTPS redirect), then
    # DEBUG off as in the test runner, so Django does not keep every query in memory.
    os.environ["DJANGO_DEBUG"] = "1"
    sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings

    django.setup()
    settings.DEBUG = False
    from django.db import connection, transaction
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(f"bench: engine name={connection.vendor}", flush=True)
        for section in sections(sys.argv[1:]):
            # Each section on its own data, rolled back after: the 200-odd chapters the
            # import section loads must not become the bank the page benchmarks run on.
            with transaction.atomic():
                section()
                transaction.set_rollback(True)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
