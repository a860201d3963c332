from __future__ import annotations

from pathlib import Path

import pytest

from content.services import report_import

SEED_PATH = Path(__file__).resolve().parents[2] / "content" / "reports" / "north-korea-2018.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


@pytest.fixture
def seed_report(db, seed_text):
    return report_import(raw_text=seed_text, source=SEED_PATH.name).report
