"""The SQLite default holds concurrent writers from several processes, as `make serve` runs.

gunicorn's workers are processes, each with its own connection to the one SQLite file. The
suite's own SQLite database is in memory and private to one process, so this test makes a
real file, migrates it, and races worker processes (tests/sqlite_writers.py) on it: each logs
in, posts its share of one quiz's answers through the answer view and grades the same
flashcard from its own deck, all released at once. Nothing may fail and no write may be lost.
It uses its own SQLite file whatever engine the rest of the suite runs on.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
WORKERS = 6
PER_WORKER = 8  # 48 answers: a quiz holds at most 50 questions


def env_for(database: Path) -> dict[str, str]:
    # DEBUG on only so no secret key is needed; database settings do not depend on it.
    return {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{database}",
    }


def run_script(env: dict[str, str], *args: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "tests.sqlite_writers", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def sqlite_file(tmp_path: Path) -> dict[str, str]:
    """A migrated SQLite file in a temporary folder; returns the environment naming it."""
    env = env_for(tmp_path / "db.sqlite3")
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert migrate.returncode == 0, migrate.stderr
    return env


def test_worker_processes_answering_and_grading_at_once_lose_nothing(sqlite_file, tmp_path):
    plan = run_script(sqlite_file, "seed", str(WORKERS), str(PER_WORKER))
    go = tmp_path / "go"
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.sqlite_writers", "work", json.dumps(part), str(go)],
            cwd=PROJECT_DIR,
            env=sqlite_file,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for part in plan["parts"]
    ]
    go.touch()  # each worker waits for this file, logged in and ready
    reports = []
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        reports.append(json.loads(out))

    total = WORKERS * PER_WORKER
    assert [error for report in reports for error in report["errors"]] == []
    assert [code for report in reports for code in report["codes"]] == [200] * total
    assert run_script(sqlite_file, "count", json.dumps(plan)) == {
        "answered_count": total,
        "correct_count": total // 2,
        "finished": True,
        "answers": total,
        "right_answers": total // 2,
        "card_states": total + 1,  # one per quiz question, and the shared flashcard
        "card_rows": 1,
        "card_reviews": WORKERS,
        "card_answers": WORKERS,
    }
